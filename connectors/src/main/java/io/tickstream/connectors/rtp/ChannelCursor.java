package io.tickstream.connectors.rtp;

import java.io.Serializable;

/**
 * Where a channel's stream stood after the last block handed downstream; this is the RTP source's
 * checkpointed state. Restoring it keeps the RTP → sample-index mapping (so samples received after a
 * restart land at exactly the right index and never overlap what was archived) and turns the packets
 * missed while down into one explicit gap.
 *
 * @param nextSequence extended sequence number expected next
 * @param nextRtpTimestamp extended RTP timestamp expected next
 * @param endSampleIndex sample index one past the last emitted sample
 */
public record ChannelCursor(long ssrc, String channel, long nextSequence, long nextRtpTimestamp, long endSampleIndex,
    TimeAnchor anchor) implements Serializable {

  /** The cursor after {@code b} was emitted. */
  public static ChannelCursor after(RtpBlock b) {
    return new ChannelCursor(b.ssrc(), b.channel(), b.sequence() + 1, b.rtpTimestamp() + b.iq().numSamples(),
        b.iq().endSampleIndex(), b.anchor());
  }
}
