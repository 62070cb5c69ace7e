package io.tickstream.core.hf.clock;

/**
 * Likelihood factor of the channel evidence (delay spread, FSS, Doppler spread) under a mode,
 * following the incumbent's mode scoring (DOMAIN.md §1.6), as multiplicative factors:
 * <ul>
 *   <li>delay spread &gt; 1.5 ms: multi-hop ×1.15, one hop ×0.6; &gt; 1.0: ×1.10 / ×0.7; &gt; 0.5: ×1.05 / ×0.9
 *       (several hops ⇒ several rays of different length);
 *   <li>FSS (D-layer absorption is frequency selective, stronger with more hops): expected
 *       {@code −0.8·n_hops} dB, factor {@code exp(−(FSS − expected)²/(2·1.5²))};
 *   <li>Doppler spread &gt; 0.5 Hz: one hop ×0.8, &gt; 0.2 Hz: ×0.9 (more reflections, more motion).
 * </ul>
 * Returns the natural logarithm of the product.
 */
public final class ModeEvidence {
  private ModeEvidence() {}

  public static double logLikelihood(ArrivalObservation o, PropagationMode mode) {
    int hops = mode.hops();
    double f = 1.0;
    double spread = o.delaySpreadMs();
    if (Double.isFinite(spread) && hops > 0) {
      boolean multi = hops >= 2;
      if (spread > 1.5) {
        f *= multi ? 1.15 : 0.6;
      } else if (spread > 1.0) {
        f *= multi ? 1.10 : 0.7;
      } else if (spread > 0.5) {
        f *= multi ? 1.05 : 0.9;
      }
    }
    if (Double.isFinite(o.fssDb())) {
      double err = o.fssDb() - (-0.8 * hops);
      f *= Math.exp(-err * err / (2 * 1.5 * 1.5));
    }
    double dop = o.dopplerSpreadHz();
    if (Double.isFinite(dop) && hops == 1) {
      f *= dop > 0.5 ? 0.8 : dop > 0.2 ? 0.9 : 1.0;
    }
    return Math.log(f);
  }
}
