package io.tickstream.core.mesh;

/**
 * Probe acceptance rule of seeds/000 §4:
 *
 * <pre>accepted = |offset_mean_ms| ≤ maxAbsOffsetMs  and  (rtt_mean_ms is null or rtt_mean_ms ≤ maxRttMs)</pre>
 *
 * <p>The limits come from {@code app_config} keys {@code mesh.accept.offset_ms} and
 * {@code mesh.accept.rtt_ms} ({@code {"max": …}}, seed defaults 100 and 300 ms). A probe that fails
 * is still stored ({@code ntp_probe.accepted = false}) with the reason, it is only excluded from the
 * consensus. Structurally invalid values (non-finite numbers, samples &lt; 1, negative std/rtt) are
 * rejected as well, so no estimator ever sees them.
 *
 * @param maxAbsOffsetMs largest accepted |offset|, ms
 * @param maxRttMs largest accepted mean round-trip time, ms
 */
public record AcceptanceThresholds(double maxAbsOffsetMs, double maxRttMs) {

  /** {@code app_config} key of the offset limit. */
  public static final String OFFSET_KEY = "mesh.accept.offset_ms";
  /** {@code app_config} key of the round-trip limit. */
  public static final String RTT_KEY = "mesh.accept.rtt_ms";

  public AcceptanceThresholds {
    if (!(maxAbsOffsetMs > 0) || !Double.isFinite(maxAbsOffsetMs)) {
      throw new IllegalArgumentException("maxAbsOffsetMs must be finite and > 0, got " + maxAbsOffsetMs);
    }
    if (!(maxRttMs > 0) || !Double.isFinite(maxRttMs)) {
      throw new IllegalArgumentException("maxRttMs must be finite and > 0, got " + maxRttMs);
    }
  }

  /** The seed's defaults: 100 ms offset, 300 ms round trip. */
  public static AcceptanceThresholds defaults() {
    return new AcceptanceThresholds(100.0, 300.0);
  }

  /** Decides whether {@code p} enters the consensus; the reason names the failing field and limit. */
  public Decision evaluate(MeshProbe p) {
    if (p.samples() < 1) {
      return Decision.reject("samples " + p.samples() + " < 1");
    }
    if (!Double.isFinite(p.offsetMeanMs())) {
      return Decision.reject("offset_mean_ms not finite");
    }
    if (p.offsetStdMs() != null && !(p.offsetStdMs() >= 0 && Double.isFinite(p.offsetStdMs()))) {
      return Decision.reject("offset_std_ms " + p.offsetStdMs() + " not a finite value ≥ 0");
    }
    if (p.rttMeanMs() != null && !(p.rttMeanMs() >= 0 && Double.isFinite(p.rttMeanMs()))) {
      return Decision.reject("rtt_mean_ms " + p.rttMeanMs() + " not a finite value ≥ 0");
    }
    if (Math.abs(p.offsetMeanMs()) > maxAbsOffsetMs) {
      return Decision.reject("|offset_mean_ms| " + p.offsetMeanMs() + " > max " + maxAbsOffsetMs);
    }
    if (p.rttMeanMs() != null && p.rttMeanMs() > maxRttMs) {
      return Decision.reject("rtt_mean_ms " + p.rttMeanMs() + " > max " + maxRttMs);
    }
    return Decision.ACCEPT;
  }

  /** Outcome of {@link #evaluate}: accepted, or rejected with a human-readable reason. */
  public record Decision(boolean accepted, String rejectReason) {
    public static final Decision ACCEPT = new Decision(true, null);

    static Decision reject(String reason) {
      return new Decision(false, reason);
    }
  }
}
