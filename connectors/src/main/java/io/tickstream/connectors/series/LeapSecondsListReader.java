package io.tickstream.connectors.series;

import io.tickstream.core.time.LeapSecondTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the IANA/IERS {@code leap-seconds.list} (tzdata; also {@code /usr/share/zoneinfo/leap-seconds.list}).
 *
 * <p>Format (comments in the file itself and https://hpiers.obspm.fr/iers/bul/bulc/ntp/sources/README):
 * data lines {@code <NTP seconds> <TAI−UTC> # <date>}, NTP seconds counted from 1900-01-01 UTC
 * ({@code unix = ntp − 2208988800}); {@code #$} last update and {@code #@} expiry (NTP seconds);
 * {@code #h} the SHA-1 of the concatenated digits of the {@code #$}, {@code #@} values and the first two
 * fields of every data line, printed as five 8-hex-digit words. The hash is verified; a mismatch
 * (a corrupted or hand-edited file) is an error.
 */
public final class LeapSecondsListReader {
  private LeapSecondsListReader() {}

  static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;

  /** The parsed file. */
  public record LeapSecondsList(LeapSecondTable table, long lastUpdateNtp, long expiresNtp, String sha1) {}

  public static LeapSecondsList read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    String src = file.getFileName().toString();
    List<LeapSecondTable.Step> steps = new ArrayList<>();
    StringBuilder hashed = new StringBuilder();
    Long updated = null;
    Long expires = null;
    String declaredHash = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int lineNo = i + 1;
      if (line.startsWith("#$")) {
        updated = parseLong(line.substring(2).trim().split("\\s+")[0], src, lineNo);
        hashed.append(updated);
      } else if (line.startsWith("#@")) {
        expires = parseLong(line.substring(2).trim().split("\\s+")[0], src, lineNo);
        hashed.append(expires);
      } else if (line.startsWith("#h")) {
        declaredHash = line.substring(2).replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        String[] f = line.split("#", 2)[0].trim().split("\\s+");
        if (f.length < 2) {
          throw new IOException(src + ":" + lineNo + ": expected '<NTP seconds> <TAI-UTC>', got '" + line + "'");
        }
        long ntp = parseLong(f[0], src, lineNo);
        int dat = (int) parseLong(f[1], src, lineNo);
        hashed.append(f[0]).append(f[1]);
        steps.add(new LeapSecondTable.Step((ntp - NTP_TO_UNIX_SECONDS) * 1_000_000_000L, dat));
      }
    }
    if (steps.isEmpty()) {
      throw new IOException(src + ": no leap-second entries found");
    }
    String actual = sha1(hashed.toString());
    if (declaredHash == null) {
      throw new IOException(src + ": no '#h' hash line; cannot verify integrity");
    }
    if (!declaredHash.equals(actual)) {
      throw new IOException(src + ": hash mismatch, file says " + declaredHash + " but content gives " + actual);
    }
    long expiresNs = expires == null ? Long.MAX_VALUE : (expires - NTP_TO_UNIX_SECONDS) * 1_000_000_000L;
    try {
      return new LeapSecondsList(new LeapSecondTable(steps, expiresNs),
          updated == null ? -1 : updated, expires == null ? -1 : expires, actual);
    } catch (IllegalArgumentException e) {
      throw new IOException(src + ": " + e.getMessage(), e);
    }
  }

  /** TAI−UTC as a series: one observation (seconds) at each step. */
  public static LoadedSeries readSeries(Path file) throws IOException {
    LeapSecondsList list = read(file);
    List<SeriesObservation> obs = new ArrayList<>();
    for (LeapSecondTable.Step s : list.table().steps()) {
      Map<String, Object> raw = new LinkedHashMap<>();
      raw.put("ntp_seconds", s.effectiveUtcNs() / 1_000_000_000L + NTP_TO_UNIX_SECONDS);
      raw.put("tai_minus_utc_s", s.taiMinusUtcSeconds());
      raw.put("file_sha1", list.sha1());
      raw.put("expires_ntp", list.expiresNtp());
      obs.add(new SeriesObservation(s.effectiveUtcNs(), s.taiMinusUtcSeconds(), 0.0, 0, raw));
    }
    return new LoadedSeries("leap-seconds", "s", "none",
        "TAI−UTC (leap seconds) from IANA leap-seconds.list, expires "
            + java.time.Instant.ofEpochSecond(list.expiresNtp() - NTP_TO_UNIX_SECONDS),
        obs, List.of());
  }

  private static long parseLong(String s, String src, int lineNo) throws IOException {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IOException(src + ":" + lineNo + ": not an integer: '" + s + "'", e);
    }
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
