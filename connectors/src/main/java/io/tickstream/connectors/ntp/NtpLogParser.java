package io.tickstream.connectors.ntp;

import io.tickstream.core.mesh.MeshProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parsers for the per-server logs of existing NTP daemons, so their history can be imported as
 * mesh probes: chrony {@code measurements.log} and {@code statistics.log}, ntpd/NTPsec
 * {@code peerstats}. Banner lines ({@code ====}, column titles) are skipped but not required. A
 * malformed line is reported with file, line number and reason, and the lines around it are still
 * parsed.
 */
public final class NtpLogParser {

  /** Supported formats. */
  public enum Format {
    CHRONY_MEASUREMENTS, CHRONY_STATISTICS, NTPD_PEERSTATS;

    /** Parses CLI spellings like {@code chrony-measurements}. */
    public static Format parse(String s) {
      return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
  }

  /** Parsed rows plus the lines that could not be parsed ("file:line: reason"). */
  public record Result<T>(Format format, List<T> rows, List<String> errors) {
    public Result {
      rows = List.copyOf(rows);
      errors = List.copyOf(errors);
    }
  }

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern WS = Pattern.compile("\\s+");

  private NtpLogParser() {}

  /** Recognises the format from the first data line of {@code file}. */
  public static Format detect(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (isBanner(line)) {
          continue;
        }
        String[] t = WS.split(line.trim());
        if (DATE.matcher(t[0]).matches()) {
          if (t.length >= 17) {
            return Format.CHRONY_MEASUREMENTS;
          }
          if ((t.length == 12 || t.length == 13) && t[3].matches("[-+0-9.eE]+") && t[3].contains("e")) {
            return Format.CHRONY_STATISTICS;
          }
          throw new IOException(file + ": chrony log with " + t.length + " columns is not measurements.log "
              + "(≥ 17) or statistics.log (12–13); tracking.log is not a per-server log");
        }
        if (t.length == 8 && t[0].matches("\\d{5}") && t[3].matches("[0-9a-fA-F]+")) {
          return Format.NTPD_PEERSTATS;
        }
        throw new IOException(file + ": unrecognised NTP log format, first data line: " + line.trim());
      }
    }
    throw new IOException(file + ": no data lines");
  }

  /** Parses {@code file} as {@code format} and converts every row to a probe of {@code clientId}. */
  public static Result<MeshProbe> probes(Path file, Format format, String clientId) throws IOException {
    Result<?> r = switch (format) {
      case CHRONY_MEASUREMENTS -> chronyMeasurements(file);
      case CHRONY_STATISTICS -> chronyStatistics(file);
      case NTPD_PEERSTATS -> peerstats(file);
    };
    List<MeshProbe> probes = new ArrayList<>(r.rows().size());
    for (Object row : r.rows()) {
      if (row instanceof ChronyMeasurement m) {
        probes.add(m.toProbe(clientId));
      } else if (row instanceof ChronyStatistic s) {
        probes.add(s.toProbe(clientId));
      } else if (row instanceof NtpdPeerstat p) {
        probes.add(p.toProbe(clientId));
      }
    }
    return new Result<>(format, probes, r.errors());
  }

  public static Result<ChronyMeasurement> chronyMeasurements(Path file) throws IOException {
    return parse(file, Format.CHRONY_MEASUREMENTS, t -> {
      need(t, 17, "measurements.log");
      return new ChronyMeasurement(utc(t[0], t[1]), t[2], leapChar(t[3]), integer(t[4], "stratum"),
          t[5], t[6], t[7], integer(t[8], "local poll"), integer(t[9], "remote poll"), number(t[10], "score"),
          number(t[11], "offset"), number(t[12], "peer delay"), number(t[13], "peer dispersion"),
          number(t[14], "root delay"), number(t[15], "root dispersion"), t[16],
          t.length > 17 ? t[17] : null, t.length > 18 ? t[18] : null, t.length > 19 ? t[19] : null);
    });
  }

  public static Result<ChronyStatistic> chronyStatistics(Path file) throws IOException {
    return parse(file, Format.CHRONY_STATISTICS, t -> {
      need(t, 12, "statistics.log");
      return new ChronyStatistic(utc(t[0], t[1]), t[2], number(t[3], "std dev"), number(t[4], "est offset"),
          number(t[5], "offset sd"), number(t[6], "diff freq"), number(t[7], "est skew"), number(t[8], "stress"),
          integer(t[9], "Ns"), integer(t[10], "Bs"), integer(t[11], "Nr"),
          t.length > 12 ? number(t[12], "asym") : Double.NaN);
    });
  }

  public static Result<NtpdPeerstat> peerstats(Path file) throws IOException {
    return parse(file, Format.NTPD_PEERSTATS, t -> {
      need(t, 8, "peerstats");
      long mjd = integer(t[0], "MJD");
      double sec = number(t[1], "seconds");
      if (sec < 0 || sec >= 86_401) {
        throw new IllegalArgumentException("seconds of day " + sec + " out of range");
      }
      long ns = (mjd - NtpdPeerstat.MJD_UNIX_EPOCH) * 86_400_000_000_000L + Math.round(sec * 1e9);
      int status;
      try {
        status = Integer.parseInt(t[3], 16);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("status '" + t[3] + "' is not hex");
      }
      return new NtpdPeerstat(ns, t[2], status, number(t[4], "offset"), number(t[5], "delay"),
          number(t[6], "dispersion"), number(t[7], "jitter"));
    });
  }

  private static <T> Result<T> parse(Path file, Format format, Function<String[], T> row) throws IOException {
    List<T> rows = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (isBanner(line)) {
          continue;
        }
        try {
          rows.add(row.apply(WS.split(line.trim())));
        } catch (IllegalArgumentException | DateTimeParseException e) {
          errors.add(file.getFileName() + ":" + no + ": " + e.getMessage() + ": " + abbreviate(line));
        }
      }
    }
    return new Result<>(format, rows, errors);
  }

  private static boolean isBanner(String line) {
    String s = line.trim();
    return s.isEmpty() || s.startsWith("=") || s.startsWith("Date (UTC)") || s.startsWith("#");
  }

  private static void need(String[] t, int n, String what) {
    if (t.length < n) {
      throw new IllegalArgumentException(what + " line has " + t.length + " columns, expected at least " + n);
    }
  }

  private static long utc(String date, String time) {
    return LocalDateTime.parse(date + "T" + time).toInstant(ZoneOffset.UTC).toEpochMilli() * 1_000_000L;
  }

  private static char leapChar(String s) {
    if (s.length() != 1 || "N+-?".indexOf(s.charAt(0)) < 0) {
      throw new IllegalArgumentException("leap status '" + s + "' is not one of N + - ?");
    }
    return s.charAt(0);
  }

  private static double number(String s, String field) {
    try {
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " '" + s + "' is not a finite number");
    }
  }

  private static int integer(String s, String field) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " '" + s + "' is not an integer");
    }
  }

  private static String abbreviate(String line) {
    String s = line.strip();
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
