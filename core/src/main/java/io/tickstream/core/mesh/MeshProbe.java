package io.tickstream.core.mesh;

import java.util.Objects;

/**
 * One NTP measurement summary reported by a mesh node for one server (one element of the seed's
 * {@code results[]} array, seeds/000 §4): {@code samples} exchanges with {@code server}, their mean
 * offset and its standard deviation, and the mean round-trip time.
 *
 * <p>{@code offsetMeanMs} follows the NTP sign convention: server time minus node time, so a node
 * whose clock is slow reports a positive offset. {@code offsetStdMs} and {@code rttMeanMs} are
 * optional (null when the node did not report them).
 *
 * @param clientId the reporting node ({@code mesh_node.client_id})
 * @param server NTP server name or address as the node reported it
 * @param tUtcNs measurement time ({@code as_of_utc}), ns since the epoch, UTC
 * @param samples number of NTP exchanges summarised, ≥ 1
 * @param offsetMeanMs mean offset, ms
 * @param offsetStdMs standard deviation of the individual sample offsets, ms, or null
 * @param rttMeanMs mean round-trip delay, ms, or null
 */
public record MeshProbe(
    String clientId,
    String server,
    long tUtcNs,
    int samples,
    double offsetMeanMs,
    Double offsetStdMs,
    Double rttMeanMs) {

  public MeshProbe {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(server, "server");
  }

  /**
   * Standard error of {@link #offsetMeanMs}: {@code offsetStdMs / sqrt(samples)}, or NaN when the
   * node gave no std.
   */
  public double offsetStdErrMs() {
    if (offsetStdMs == null || samples < 1) {
      return Double.NaN;
    }
    return offsetStdMs / Math.sqrt(samples);
  }
}
