package io.tickstream.connectors.series;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a generic series CSV with the header {@code t_utc,value[,uncertainty]}: {@code t_utc}
 * ISO-8601 with {@code Z} or an offset (e.g. {@code 2026-01-01T00:00:00Z}), {@code value} and
 * {@code uncertainty} (1-σ, same unit, may be empty) as decimal numbers. Lines starting with
 * {@code #} and blank lines are ignored. A bad line (wrong field count, unparseable time or
 * number, NaN/∞, non-positive uncertainty, duplicate instant) is rejected with its line number;
 * the others are loaded. Times need not be sorted; the result is.
 *
 * <p>Leap seconds: a CSV names instants in UTC, and {@code 23:59:60} cannot be represented by
 * {@code java.time} — such a row is rejected with a clear reason rather than silently moved.
 */
public final class CsvSeriesReader {
  private CsvSeriesReader() {}

  public static LoadedSeries read(Path file, String unit, String leapHandling) throws IOException {
    String src = file.getFileName().toString();
    List<SeriesObservation> obs = new ArrayList<>();
    List<SeriesReject> rejects = new ArrayList<>();
    java.util.Set<Long> seen = new java.util.HashSet<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = null;
      String line;
      long lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        if (header == null) {
          header = t.replace("\uFEFF", "");
          String h = header.replace(" ", "");
          if (!h.equals("t_utc,value") && !h.equals("t_utc,value,uncertainty")) {
            throw new IOException(src + ":" + lineNo + ": header must be 't_utc,value[,uncertainty]', got '" + t + "'");
          }
          continue;
        }
        String[] f = t.split(",", -1);
        if (f.length < 2 || f.length > 3) {
          rejects.add(new SeriesReject(src, lineNo, "expected 2 or 3 fields, got " + f.length, line));
          continue;
        }
        long tNs;
        String ts = f[0].trim();
        try {
          java.time.Instant i = OffsetDateTime.parse(ts).toInstant();
          tNs = Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
          rejects.add(new SeriesReject(src, lineNo, ts.contains(":60")
              ? "leap-second label 23:59:60 cannot be stored as a UTC instant: '" + ts + "'"
              : "t_utc is not ISO-8601 with zone: '" + ts + "'", line));
          continue;
        }
        double value;
        double unc = Double.NaN;
        try {
          value = Double.parseDouble(f[1].trim());
          if (f.length == 3 && !f[2].isBlank()) {
            unc = Double.parseDouble(f[2].trim());
          }
        } catch (NumberFormatException e) {
          rejects.add(new SeriesReject(src, lineNo, "unparseable number: " + e.getMessage(), line));
          continue;
        }
        if (!Double.isFinite(value)) {
          rejects.add(new SeriesReject(src, lineNo, "value is not finite: " + f[1].trim(), line));
          continue;
        }
        if (f.length == 3 && !f[2].isBlank() && !(unc > 0 && Double.isFinite(unc))) {
          rejects.add(new SeriesReject(src, lineNo, "uncertainty must be finite and > 0: " + f[2].trim(), line));
          continue;
        }
        if (!seen.add(tNs)) {
          rejects.add(new SeriesReject(src, lineNo, "duplicate t_utc " + ts, line));
          continue;
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("line", lineNo);
        raw.put("t_utc", ts);
        obs.add(new SeriesObservation(tNs, value, unc, 0, raw));
      }
      if (header == null) {
        throw new IOException(src + ": empty file (no 't_utc,value[,uncertainty]' header)");
      }
    }
    obs.sort(java.util.Comparator.comparingLong(SeriesObservation::tUtcNs));
    return new LoadedSeries("csv", unit, leapHandling, "CSV series from " + src, obs, rejects);
  }
}
