package io.tickstream.connectors.rtp;

import io.tickstream.core.signal.IqBlock;
import java.io.Serializable;

/**
 * One RTP packet's samples as an {@link IqBlock} plus what the Phase 1 archive records about it.
 *
 * @param iq the samples, in the original encoding, at their system-time sample index
 * @param rtpTimestamp extended (64-bit) RTP timestamp of the first sample
 * @param sequence extended RTP sequence number of the packet
 * @param gapCause why samples are missing before this block ({@code iq.gapSamplesBefore()} of them)
 * @param lostPackets packets missing immediately before this one (sequence gap)
 * @param anchor the RTP → system time mapping in force
 * @param firstOfSession true for the first block after (re)anchoring: a new mapping starts here
 * @param arrivalNs receiver system time the packet arrived, ns since the epoch
 */
public record RtpBlock(
    IqBlock iq,
    long ssrc,
    double frequencyHz,
    RtpEncoding encoding,
    long rtpTimestamp,
    long sequence,
    GapCause gapCause,
    long lostPackets,
    TimeAnchor anchor,
    boolean firstOfSession,
    boolean synthetic,
    long arrivalNs) implements Serializable {

  public String channel() {
    return iq.channel();
  }
}
