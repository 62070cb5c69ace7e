package io.tickstream.connectors.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.gap.LeapHandling;
import io.tickstream.core.gap.PhaseConversion;
import io.tickstream.core.gap.PhaseGapFitter;
import io.tickstream.core.gap.SeriesPoint;
import io.tickstream.core.testing.SharedData;
import io.tickstream.core.time.LeapSecondTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinalsAllReaderTest {
  static final Path FINALS = SharedData.path("data/timescales/iers_finals.all_2026-07-23.txt");

  static LeapSecondTable leaps() throws IOException {
    return LeapSecondsListReader.read(LeapSecondsListReaderTest.FILE).table();
  }

  private static long ns(String iso) {
    return Instant.parse(iso).getEpochSecond() * 1_000_000_000L;
  }

  @Test
  void readsDocumentedValuesAndLeapSteps() throws IOException {
    LoadedSeries s = FinalsAllReader.read(FINALS, false, leaps());
    assertTrue(s.rejects().isEmpty(), s.rejects().toString());
    // data/README.md answer keys
    assertEquals(-0.1350822, valueAt(s, "2021-08-10T00:00:00Z"), 0);
    assertEquals(0.0470745, valueAt(s, "2025-02-27T00:00:00Z"), 0);
    // observed values end 2026-07-23 (predictions skipped by default)
    SeriesObservation last = s.observations().get(s.observations().size() - 1);
    assertEquals(ns("2026-07-23T00:00:00Z"), last.tUtcNs());
    // file starts 1973-01-02: leap seconds from 1974-01-01 (TAI−UTC 13) to 2017-01-01 (37) = 25 steps,
    // every one matched to a +1 s jump of UT1−UTC
    long flagged = s.observations().stream().filter(o -> o.hasFlag(SeriesObservation.FLAG_AFTER_LEAP_SECOND)).count();
    assertEquals(25, flagged);
    SeriesObservation after2017 = s.observations().stream()
        .filter(o -> o.tUtcNs() == ns("2017-01-01T00:00:00Z")).findFirst().orElseThrow();
    assertTrue(after2017.hasFlag(SeriesObservation.FLAG_AFTER_LEAP_SECOND));

    LoadedSeries withP = FinalsAllReader.read(FINALS, true, leaps());
    assertTrue(withP.observations().size() > s.observations().size());
    assertTrue(withP.observations().get(withP.observations().size() - 1).hasFlag(SeriesObservation.FLAG_PREDICTED));
  }

  @Test
  void jumpWithoutLeapSecondIsAnError(@TempDir Path dir) throws IOException {
    List<String> lines = Files.readAllLines(FINALS);
    List<String> cut = new ArrayList<>(lines.subList(19538, 19545)); // 2026-07-01 .. 07-07
    String l = cut.get(3);
    cut.set(3, l.substring(0, 58) + String.format("%10.7f", Double.parseDouble(l.substring(58, 68)) + 1) + l.substring(68));
    Path bad = dir.resolve("finals.all");
    Files.write(bad, cut);
    IOException e = assertThrows(IOException.class, () -> FinalsAllReader.read(bad, false, leaps()));
    assertTrue(e.getMessage().startsWith("finals.all:4: UT1−UTC jumps by"), e.getMessage());
  }

  /**
   * Acceptance: UT1−UTC over 2026-01-01 … 2026-07-23 (204 daily rows, MJD 61041–61244).
   *
   * <p>Hand calculation straight from the file, independent of the reader (columns 8–15 MJD and
   * 59–68 UT1−UTC): the Theil–Sen slope is by definition the median of all 204·203/2 pairwise
   * slopes {@code (u_j − u_i)/(MJD_j − MJD_i)}; the test computes that median itself. For orientation
   * it also prints the two-point slope between the quoted end rows
   * <pre>
   *   26 1 1 61041.00 I ... UT1−UTC = 0.0740679 s
   *   26 723 61244.00 I ... UT1−UTC = 0.0093712 s   → (0.0093712 − 0.0740679)/203 = −3.1870e−4 s/day
   * </pre>
   * and the ordinary least-squares slope {@code Σ(x−x̄)(y−ȳ)/Σ(x−x̄)²}; the seasonal wobble in LOD
   * makes those differ from the robust slope, which must still sit within 25 % of the two-point one
   * and within 5 % of OLS. In radians: × 2π·1.00273781191135448/86400 (Earth rotation angle).
   */
  @Test
  void ut1MinusUtcSlope2026MatchesHandCalculation() throws IOException {
    List<double[]> raw = new ArrayList<>();
    for (String line : Files.readAllLines(FINALS)) {
      if (line.length() >= 68 && !line.substring(58, 68).isBlank()) {
        double mjd = Double.parseDouble(line.substring(7, 15));
        if (mjd >= 61041 && mjd <= 61244 && line.charAt(57) == 'I') {
          raw.add(new double[] {mjd, Double.parseDouble(line.substring(58, 68))});
        }
      }
    }
    assertEquals(204, raw.size());
    int n = raw.size();
    double[] pair = new double[n * (n - 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        pair[k++] = (raw.get(j)[1] - raw.get(i)[1]) / (raw.get(j)[0] - raw.get(i)[0]);
      }
    }
    Arrays.sort(pair);
    double handMedianSPerDay = (pair[k / 2 - 1] + pair[k / 2]) / 2; // k = 20706, even
    double twoPoint = (0.0093712 - 0.0740679) / 203;
    double xm = 0;
    double ym = 0;
    for (double[] r : raw) {
      xm += r[0] / n;
      ym += r[1] / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (double[] r : raw) {
      sxy += (r[0] - xm) * (r[1] - ym);
      sxx += (r[0] - xm) * (r[0] - xm);
    }
    double ols = sxy / sxx;

    LoadedSeries s = FinalsAllReader.read(FINALS, false, leaps());
    List<SeriesPoint> window = s.observations().stream()
        .filter(o -> o.tUtcNs() >= ns("2026-01-01T00:00:00Z") && o.tUtcNs() <= ns("2026-07-23T00:00:00Z"))
        .map(o -> new SeriesPoint(o.tUtcNs(), o.value(), o.uncertainty())).toList();
    PhaseConversion era = PhaseConversion.earthRotationAngle();
    PhaseGapFitter.Result fit = new PhaseGapFitter(
        new PhaseGapFitter.Params("s", era, LeapHandling.X_MINUS_UTC, 0.95, 10), leaps()).fit(window);
    double fittedSPerDay = fit.slopeRadPerDay() / era.radiansPerSecond();
    System.out.printf("UT1-UTC 2026-01-01..07-23: fitter Theil-Sen %.6e s/day (%.6e rad/day), "
            + "hand median of pairwise slopes %.6e s/day, OLS %.6e s/day, two-point %.6e s/day%n",
        fittedSPerDay, fit.slopeRadPerDay(), handMedianSPerDay, ols, twoPoint);

    assertEquals(204, fit.n());
    assertEquals(handMedianSPerDay, fittedSPerDay, 1e-15);
    assertEquals(era.toRadians(handMedianSPerDay), fit.slopeRadPerDay(), 1e-18);
    assertEquals(ols, fittedSPerDay, 0.05 * Math.abs(ols));
    assertEquals(twoPoint, fittedSPerDay, 0.25 * Math.abs(twoPoint));
    assertTrue(fit.slopeLowRadPerDay() <= fit.slopeRadPerDay() && fit.slopeRadPerDay() <= fit.slopeHighRadPerDay());
    assertEquals(ns("2026-07-23T00:00:00Z"), fit.asOfUtcNs());
    assertEquals(0, fit.leapSecondsRemoved());
    assertTrue(Double.isFinite(fit.wlsSlopeRadPerDay()), "finals errors give a WLS comparison");
  }

  private static double valueAt(LoadedSeries s, String iso) {
    long t = ns(iso);
    return s.observations().stream().filter(o -> o.tUtcNs() == t).findFirst().orElseThrow().value();
  }
}
