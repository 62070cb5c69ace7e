package io.tickstream.connectors.series;

import io.tickstream.core.time.LeapSecondTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads UT1−UTC from the IERS Rapid Service {@code finals.all} / {@code finals.data} /
 * {@code finals.daily} files (format: {@code readme.finals}, shipped as
 * {@code shared/data/timescales/iers_readme.finals.txt}). Fixed columns, 1-based:
 * <pre>
 *   8–15  F8.2  MJD (UTC, 0h)        58  A1 I (IERS) or P (prediction) flag for UT1−UTC
 *   59–68 F10.7 Bull. A UT1−UTC (s)  69–78 F10.7 its error (s)
 * </pre>
 * The instant is {@code (MJD − 40587)·86400 s} since 1970-01-01. Predictions are skipped unless
 * asked for (then flagged {@link SeriesObservation#FLAG_PREDICTED}). Rows without a UT1−UTC value
 * (the far end of the file) are skipped silently; malformed rows are rejected with their line
 * number and the rest of the file is still read.
 *
 * <p>Leap seconds: UT1−UTC jumps by +1 s at each inserted leap second. Every day-to-day jump
 * larger than 0.5 s must coincide with a step of the supplied {@link LeapSecondTable} of the same
 * size and sign, else the file is inconsistent and reading fails; the first row after a leap second
 * carries {@link SeriesObservation#FLAG_AFTER_LEAP_SECOND}. The stored values are the file's
 * (UT1−UTC); fitters remove the steps with leap handling {@code x-minus-utc}.
 */
public final class FinalsAllReader {
  private FinalsAllReader() {}

  private static final long MJD_UNIX_EPOCH = 40587L;

  public static LoadedSeries read(Path file, boolean includePredictions, LeapSecondTable leapSeconds)
      throws IOException {
    String src = file.getFileName().toString();
    List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    List<SeriesObservation> obs = new ArrayList<>();
    List<SeriesReject> rejects = new ArrayList<>();
    SeriesObservation prev = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      long lineNo = i + 1;
      if (line.isBlank()) {
        continue;
      }
      if (line.length() < 68 || line.substring(58, 68).isBlank()) {
        continue; // no UT1−UTC on this row (beyond the prediction horizon)
      }
      double mjd;
      double ut1;
      double err;
      char flag = line.charAt(57);
      try {
        mjd = Double.parseDouble(line.substring(7, 15).trim());
        ut1 = Double.parseDouble(line.substring(58, 68).trim());
        err = line.length() >= 78 && !line.substring(68, 78).isBlank()
            ? Double.parseDouble(line.substring(68, 78).trim()) : Double.NaN;
      } catch (NumberFormatException e) {
        rejects.add(new SeriesReject(src, lineNo, "unparseable number: " + e.getMessage(), line));
        continue;
      }
      if (flag != 'I' && flag != 'P') {
        rejects.add(new SeriesReject(src, lineNo, "UT1−UTC flag must be I or P, got '" + flag + "'", line));
        continue;
      }
      if (flag == 'P' && !includePredictions) {
        continue;
      }
      if (mjd != Math.rint(mjd)) {
        rejects.add(new SeriesReject(src, lineNo, "MJD is not at 0h UTC: " + mjd, line));
        continue;
      }
      long tNs = ((long) mjd - MJD_UNIX_EPOCH) * 86_400L * 1_000_000_000L;
      int flags = flag == 'P' ? SeriesObservation.FLAG_PREDICTED : 0;
      Map<String, Object> raw = new LinkedHashMap<>();
      raw.put("mjd", mjd);
      raw.put("flag", String.valueOf(flag));
      raw.put("line", lineNo);
      if (prev != null) {
        if (tNs <= prev.tUtcNs()) {
          rejects.add(new SeriesReject(src, lineNo, "date not after previous row", line));
          continue;
        }
        double jump = ut1 - prev.value();
        if (Math.abs(jump) > 0.5) {
          int leaps = leapSeconds == null ? 0 : leapSeconds.leapSecondsBetween(prev.tUtcNs(), tNs);
          if (leaps == 0 || Math.abs(jump - leaps) > 0.5) {
            throw new IOException(src + ":" + lineNo + ": UT1−UTC jumps by " + jump
                + " s but the leap-second table has " + leaps + " leap second(s) between MJD "
                + prev.raw().get("mjd") + " and " + mjd
                + (leapSeconds == null ? " (no table supplied)" : ""));
          }
          flags |= SeriesObservation.FLAG_AFTER_LEAP_SECOND;
          raw.put("leap_seconds_before", leaps);
        }
      }
      SeriesObservation o = new SeriesObservation(tNs, ut1, err, flags, raw);
      obs.add(o);
      prev = o;
    }
    return new LoadedSeries("finals", "s", "x-minus-utc",
        "UT1−UTC (IERS Bulletin A, finals.all" + (includePredictions ? ", incl. predictions" : "") + ")",
        obs, rejects);
  }
}
