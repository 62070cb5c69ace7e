package io.tickstream.connectors.ntp;

import io.tickstream.core.mesh.MeshProbe;

/**
 * One row of chrony's {@code statistics.log} (chrony.conf(5), {@code log statistics}): the result
 * of chrony's regression over a source's recent samples.
 *
 * @param tUtcNs date+time column (UTC), ns
 * @param source IP address or reference clock name
 * @param stdDevS estimated standard deviation of the measurements, s
 * @param estOffsetS estimated offset of the source — positive means the LOCAL clock is fast, i.e.
 *     the opposite sign of an NTP offset θ
 * @param offsetSdS standard deviation of the offset estimate, s
 * @param diffFreq rate at which the local clock gains relative to the source, s/s
 * @param estSkew error of that rate, s/s
 * @param stress |old − new rate| / old rate error
 * @param nSamples measurements in the regression (Ns)
 * @param startIndex new starting index (Bs)
 * @param nRuns runs of residual signs (Nr)
 * @param asymmetry estimated delay asymmetry, or NaN in logs without that column
 */
public record ChronyStatistic(
    long tUtcNs,
    String source,
    double stdDevS,
    double estOffsetS,
    double offsetSdS,
    double diffFreq,
    double estSkew,
    double stress,
    int nSamples,
    int startIndex,
    int nRuns,
    double asymmetry) {

  /**
   * As a mesh probe: NTP-convention offset {@code −estOffset} in ms, std = offset sd × sqrt(Ns) (so
   * that the probe's standard error std/sqrt(samples) equals chrony's offset sd), samples = Ns, no
   * round trip.
   */
  public MeshProbe toProbe(String clientId) {
    int n = Math.max(1, nSamples);
    return new MeshProbe(clientId, source, tUtcNs, n, -estOffsetS * 1e3, offsetSdS * 1e3 * Math.sqrt(n), null);
  }
}
