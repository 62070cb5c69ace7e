package io.tickstream.connectors.rtp;

import java.io.Serializable;

/**
 * Ties a channel's extended RTP timestamp to a Digital RF sample index (samples since the Unix
 * epoch at the channel rate): {@code index(rtp) = sampleIndex + (rtp − rtpTimestamp)}. Because
 * radiod's RTP timestamp counts output frames, every later sample index follows exactly from the
 * anchor; only the anchor itself carries system-clock uncertainty.
 *
 * @param rtpTimestamp extended (64-bit) RTP timestamp of the anchoring sample
 * @param sampleIndex sample index assigned to it, {@code floor(tSystemNs · fs / 1e9)}
 * @param tSystemNs system time the anchor was derived from, ns since the epoch
 */
public record TimeAnchor(TimeReference reference, long rtpTimestamp, long sampleIndex, long tSystemNs)
    implements Serializable {

  public long indexOf(long extendedRtp) {
    return sampleIndex + (extendedRtp - rtpTimestamp);
  }
}
