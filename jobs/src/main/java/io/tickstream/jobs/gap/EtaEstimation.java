package io.tickstream.jobs.gap;

import io.tickstream.connectors.gap.EtaStore;
import io.tickstream.core.gap.EtaEstimator;
import java.util.List;
import java.util.Locale;

/**
 * The robust ETA step: reads {@code eta.history.window_days} of {@code phase_gap_history} through
 * {@link EtaStore} (nothing else), runs {@link EtaEstimator} and upserts {@code eta_estimate} with
 * method {@code robust_theilsen} when there is an ETA. Configuration is passed in by the caller.
 */
public final class EtaEstimation {
  private final EtaStore store;

  public EtaEstimation(EtaStore store) {
    this.store = store;
  }

  /** Outcome: the estimate (possibly without ETA and with a reason) and whether a row changed. */
  public record Outcome(EtaEstimator.Estimate estimate, boolean rowChanged) {}

  public Outcome run(double windowDays, EtaEstimator.Params params, String methodVersion) {
    List<EtaEstimator.GapRow> rows = store.history(windowDays);
    if (rows.isEmpty()) {
      throw new IllegalStateException("no phase gap history");
    }
    EtaEstimator.Estimate e = new EtaEstimator(params).estimate(rows);
    if (!e.hasEta()) {
      return new Outcome(e, false);
    }
    String notes = String.format(Locale.ROOT,
        "%s; window_days=%s; alpha=%s; mk=hamed_rao; band=sen50%%; gap=%.6g rad; slope=%.6g rad/day%s",
        methodVersion, windowDays, params.alpha(), e.gapRad(), e.slopeRadPerDay(),
        Double.isInfinite(e.bandIqrDays()) ? "; band unbounded (50% slope interval reaches zero)" : "");
    return new Outcome(e, store.upsertEstimate(e, EtaEstimator.METHOD, notes));
  }
}
