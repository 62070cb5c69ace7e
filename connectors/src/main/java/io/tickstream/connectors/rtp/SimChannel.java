package io.tickstream.connectors.rtp;

/**
 * One channel the simulator sends, as radiod would configure it.
 *
 * @param framesPerPacket IQ frames per RTP packet (radiod: up to 1440 payload bytes, i.e. ≤ 360 S16 or
 *     ≤ 180 F32 frames; any value is allowed to exercise the receiver)
 * @param firstTimestamp RTP timestamp of the first packet (set near 2³² to exercise a wrap)
 * @param signal the IQ content
 */
public record SimChannel(String name, long ssrc, double frequencyHz, long sampleRateHz, RtpEncoding encoding,
    int framesPerPacket, int payloadType, long firstTimestamp, int firstSequence, IqSignal signal) {

  public SimChannel {
    if (!encoding.isSupported()) {
      throw new IllegalArgumentException("simulator encodes only linear PCM, not " + encoding);
    }
    if (framesPerPacket < 1) {
      throw new IllegalArgumentException("framesPerPacket must be ≥ 1");
    }
  }
}
