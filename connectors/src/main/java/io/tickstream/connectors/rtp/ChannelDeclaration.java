package io.tickstream.connectors.rtp;

import java.io.Serializable;
import java.util.List;

/**
 * A receiver channel declared in the station configuration.
 *
 * @param ssrc the radiod SSRC, or null for "from status" (matched by frequency)
 * @param sampleRateHz output rate if known in advance, else null (taken from status)
 * @param encoding output encoding if known in advance, else null (taken from status)
 * @param stations stations expected on this channel, e.g. {@code [WWV, WWVH]}
 */
public record ChannelDeclaration(String name, double frequencyHz, Long ssrc, Long sampleRateHz, RtpEncoding encoding,
    int channels, List<String> stations) implements Serializable {

  public ChannelDeclaration {
    stations = List.copyOf(stations);
  }

  /** Spec before any status arrived. */
  public ChannelSpec initialSpec() {
    return new ChannelSpec(name, ssrc, frequencyHz, sampleRateHz == null ? 0 : sampleRateHz, channels, encoding, -1,
        false, false);
  }
}
