package io.tickstream.connectors.rtp;

import io.tickstream.core.time.Rational;
import java.io.Serializable;

/**
 * What the receiver knows about one radiod channel. Fields may come from the station configuration
 * and/or from radiod status packets ({@link #fromStatus}); a spec is {@link #isComplete() complete}
 * (packets can be decoded) once SSRC, sample rate, channel count and a supported encoding are known.
 *
 * @param name archive channel name, e.g. {@code WWV_10MHz}
 * @param frequencyHz carrier frequency in Hz, NaN when unknown
 * @param sampleRateHz output sample rate in Hz (frames per second), 0 when unknown
 * @param channels 2 for IQ (interleaved I,Q), 1 for real; 0 when unknown
 * @param payloadType RTP payload type, -1 when unknown (any accepted)
 * @param synthetic true when the status identifies the sender as tickstream's simulator
 */
public record ChannelSpec(
    String name,
    Long ssrc,
    double frequencyHz,
    long sampleRateHz,
    int channels,
    RtpEncoding encoding,
    int payloadType,
    boolean fromStatus,
    boolean synthetic) implements Serializable {

  /** Marker radiod status DESCRIPTION carries when sent by {@code tickstream simulate rtp}. */
  public static final String SYNTHETIC_MARKER = "SYNTHETIC";

  public boolean isComplete() {
    return ssrc != null && sampleRateHz > 0 && channels > 0 && encoding != null && encoding.isSupported();
  }

  /** Bytes per frame (one sample of every component). */
  public int frameBytes() {
    return encoding.bytesPerSample() * channels;
  }

  public Rational rate() {
    return Rational.of(sampleRateHz);
  }

  /** This spec updated with whatever the status packet carries (status is what radiod actually sends). */
  public ChannelSpec withStatus(RadiodStatus s) {
    return new ChannelSpec(
        name,
        s.ssrc() != null ? s.ssrc() : ssrc,
        s.frequencyHz() != null ? s.frequencyHz() : frequencyHz,
        s.sampleRateHz() != null ? s.sampleRateHz() : sampleRateHz,
        s.channels() != null ? s.channels() : channels,
        s.encoding() != null ? s.encoding() : encoding,
        s.payloadType() != null ? s.payloadType() : payloadType,
        true,
        synthetic || (s.description() != null && s.description().contains(SYNTHETIC_MARKER)));
  }
}
