package io.tickstream.connectors.ntp;

import io.tickstream.core.mesh.MeshProbe;

/**
 * One row of ntpd's / NTPsec's {@code peerstats} (ntpsec docs/monopt: MJD, seconds past midnight
 * UTC, peer address, status word (hex), offset s, delay s, dispersion s, jitter s).
 *
 * @param tUtcNs (MJD − 40587)·86400 s + seconds, ns
 * @param offsetS clock offset θ (positive: local clock slow), s
 * @param delayS round-trip delay δ, s
 * @param jitterS RMS jitter of the peer, s
 */
public record NtpdPeerstat(
    long tUtcNs,
    String peer,
    int status,
    double offsetS,
    double delayS,
    double dispersionS,
    double jitterS) {

  /** MJD of 1970-01-01. */
  public static final long MJD_UNIX_EPOCH = 40_587L;

  /** True for ntpd reference-clock pseudo addresses 127.127.t.u (not network servers). */
  public boolean isRefclock() {
    return peer.startsWith("127.127.");
  }

  /** As a mesh probe: θ and δ in ms, jitter as the std of a one-sample probe. */
  public MeshProbe toProbe(String clientId) {
    return new MeshProbe(clientId, peer, tUtcNs, 1, offsetS * 1e3, jitterS * 1e3, delayS * 1e3);
  }
}
