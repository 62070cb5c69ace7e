package io.tickstream.connectors.rtp;

import java.io.Serializable;
import java.util.List;

/**
 * Everything the {@link RtpSource} needs: where to listen, which channels, resequencing options.
 *
 * @param discover accept every SSRC announced by status (named {@code SSRC_<n>}), not only declared ones
 * @param queueCapacity blocks buffered between the receiving thread and the Flink task; when full the
 *     receiving thread waits and the kernel socket buffer absorbs (then drops: counted as loss)
 * @param idleStopMs end the stream after this long without data once data was seen (0 = never; tests,
 *     benchmarks and bounded captures)
 */
public record RtpSourceConfig(RtpEndpoints endpoints, List<ChannelDeclaration> channels, RtpIngestOptions options,
    boolean discover, int queueCapacity, long idleStopMs) implements Serializable {

  public RtpSourceConfig {
    channels = List.copyOf(channels);
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be ≥ 1");
    }
  }

  public RtpSourceConfig withIdleStopMs(long ms) {
    return new RtpSourceConfig(endpoints, channels, options, discover, queueCapacity, ms);
  }

  public RtpSourceConfig withEndpoints(RtpEndpoints e) {
    return new RtpSourceConfig(e, channels, options, discover, queueCapacity, idleStopMs);
  }
}
