package io.tickstream.connectors.ntp;

import io.tickstream.core.mesh.MeshProbe;

/**
 * One row of chrony's {@code measurements.log} (chrony.conf(5), {@code log measurements}): a valid
 * measurement from a source. Times in seconds as logged.
 *
 * @param tUtcNs date+time column (UTC), ns
 * @param source IP address of the server or peer
 * @param leap leap status character: N, +, - or ?
 * @param tests123 RFC 5905 tests 1–3 (e.g. "111")
 * @param tests567 RFC 5905 tests 5–7
 * @param testsAbcd maximum delay, delay ratio, delay dev. ratio and sync loop tests
 * @param offsetS estimated local clock error θ (positive: local clock slow), s
 * @param peerDelayS δ, s
 * @param refId reference id, hex
 * @param mode NTP mode and interleaving (e.g. "4B"), or null if the log has no such column
 * @param txSource local transmit timestamp source (D/K/H), or null
 * @param rxSource local receive timestamp source, or null
 */
public record ChronyMeasurement(
    long tUtcNs,
    String source,
    char leap,
    int stratum,
    String tests123,
    String tests567,
    String testsAbcd,
    int localPoll,
    int remotePoll,
    double score,
    double offsetS,
    double peerDelayS,
    double peerDispersionS,
    double rootDelayS,
    double rootDispersionS,
    String refId,
    String mode,
    String txSource,
    String rxSource) {

  /**
   * As a mesh probe of node {@code clientId}: one sample, offset θ in ms (same sign convention),
   * round trip δ in ms, no std.
   */
  public MeshProbe toProbe(String clientId) {
    return new MeshProbe(clientId, source, tUtcNs, 1, offsetS * 1e3, null, peerDelayS * 1e3);
  }
}
