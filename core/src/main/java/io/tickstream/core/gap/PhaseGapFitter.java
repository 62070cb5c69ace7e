package io.tickstream.core.gap;

import io.tickstream.core.time.LeapSecondTable;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fits phase gap and slope of one offset series over a window (seeds/000 §5; ANCHORS.md §3.7).
 *
 * <ol>
 *   <li>Leap seconds: values are referred to the UTC of the window end with {@link LeapHandling}.
 *   <li>Units: value in the stream unit → seconds ({@link PhaseConversion#secondsPerUnit}) →
 *       radians ({@link PhaseConversion}); streams in {@code rad} are used as they are.
 *   <li>Time axis: {@code x_i = (t_i − t_e)/86400 s} days relative to the window end {@code t_e}
 *       (the last observation), so the fitted intercept <em>is</em> the gap at {@code as_of = t_e}.
 *   <li>Theil–Sen line with Sen's confidence interval: {@code phase_gap_rad = a},
 *       {@code slope_rad_per_day = b}.
 *   <li>When every point has an uncertainty, also weighted least squares ({@code w = 1/σ²}) for
 *       comparison; Theil–Sen stays the reported (robust) value.
 * </ol>
 */
public final class PhaseGapFitter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double NS_PER_DAY = 86_400e9;

  /** Fitter parameters (recorded in provenance). */
  public record Params(String unit, PhaseConversion conversion, LeapHandling leapHandling,
                       double confidence, int minPoints) implements Serializable {
    public Params {
      if (minPoints < 3) {
        throw new IllegalArgumentException("minPoints must be ≥ 3: " + minPoints);
      }
      PhaseConversion.secondsPerUnit(unit);
    }
  }

  /** Result; {@code wls*} are NaN when no uncertainties were available. */
  public record Result(long asOfUtcNs, long windowStartUtcNs, int n, double phaseGapRad,
                       double slopeRadPerDay, double slopeLowRadPerDay, double slopeHighRadPerDay,
                       double confidence, double wlsSlopeRadPerDay, double wlsSlopeStdErrRadPerDay,
                       double wlsChi2PerDof, int leapSecondsRemoved) implements Serializable {}

  private final Params params;
  private final LeapSecondTable leapSeconds;

  /** @param leapSeconds may be null only when {@code params.leapHandling() == NONE} */
  public PhaseGapFitter(Params params, LeapSecondTable leapSeconds) {
    if (params.leapHandling() != LeapHandling.NONE && leapSeconds == null) {
      throw new IllegalArgumentException("leap handling " + params.leapHandling() + " needs a leap-second table");
    }
    this.params = params;
    this.leapSeconds = leapSeconds;
  }

  public Params params() {
    return params;
  }

  /** Fits the given points (any order; duplicates in time are rejected). */
  public Result fit(List<SeriesPoint> points) {
    if (points.size() < params.minPoints()) {
      throw new IllegalArgumentException("phase-gap fit needs at least " + params.minPoints()
          + " points, window has " + points.size());
    }
    List<SeriesPoint> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingLong(SeriesPoint::tUtcNs));
    int n = sorted.size();
    long tEnd = sorted.get(n - 1).tUtcNs();
    long tStart = sorted.get(0).tUtcNs();
    boolean rad = params.unit().trim().equals("rad");
    PhaseConversion conv = rad ? PhaseConversion.identity() : params.conversion();
    double secPerUnit = PhaseConversion.secondsPerUnit(params.unit());
    double[] x = new double[n];
    double[] y = new double[n];
    double[] sigma = new double[n];
    boolean allSigma = true;
    for (int i = 0; i < n; i++) {
      SeriesPoint p = sorted.get(i);
      if (i > 0 && p.tUtcNs() == sorted.get(i - 1).tUtcNs()) {
        throw new IllegalArgumentException("two observations at the same instant t=" + p.tUtcNs());
      }
      double seconds = rad ? p.value() : p.value() * secPerUnit;
      if (!rad) {
        seconds += params.leapHandling().correctionSeconds(leapSeconds, p.tUtcNs(), tEnd);
      }
      x[i] = (p.tUtcNs() - tEnd) / NS_PER_DAY;
      y[i] = conv.toRadians(seconds);
      allSigma &= p.hasUncertainty();
      sigma[i] = conv.toRadians((rad ? 1 : secPerUnit) * p.uncertainty());
    }
    int leaps = rad || params.leapHandling() == LeapHandling.NONE
        ? 0 : Math.abs(leapSeconds.leapSecondsBetween(tStart, tEnd));
    TheilSen.Fit ts = TheilSen.fit(x, y, params.confidence());
    double wlsSlope = Double.NaN;
    double wlsErr = Double.NaN;
    double wlsChi2 = Double.NaN;
    if (allSigma) {
      WeightedLeastSquares.Fit w = WeightedLeastSquares.fit(x, y, sigma);
      wlsSlope = w.slope();
      wlsErr = w.slopeStdErr();
      wlsChi2 = w.chi2PerDof();
    }
    return new Result(tEnd, tStart, n, ts.intercept(), ts.slope(), ts.slopeLow(), ts.slopeHigh(),
        params.confidence(), wlsSlope, wlsErr, wlsChi2, leaps);
  }
}
