package io.tickstream.connectors.drf;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.signal.SampleType;
import java.io.Serializable;

/**
 * What a channel's samples are: component type, rate as stored (numerator/denominator), real or
 * complex, number of subchannels.
 */
public record DrfFormat(DrfDtype dtype, long rateNumerator, long rateDenominator, boolean complex, int numSubchannels)
    implements Serializable {

  public DrfFormat {
    if (rateNumerator <= 0 || rateDenominator <= 0 || numSubchannels < 1) {
      throw new IllegalArgumentException("invalid format: rate " + rateNumerator + "/" + rateDenominator
          + ", subchannels " + numSubchannels);
    }
  }

  /** Format of a stream of {@link IqBlock}s (one subchannel). */
  public static DrfFormat of(IqBlock b) {
    return new DrfFormat(b.type() == SampleType.INT16 ? DrfDtype.INT16 : DrfDtype.FLOAT32,
        b.sampleRateHz().numerator(), b.sampleRateHz().denominator(), b.complex(), 1);
  }

  /** Format of an existing channel. */
  public static DrfFormat of(DrfProperties p) {
    return new DrfFormat(p.dtype(), p.sampleRateNumerator(), p.sampleRateDenominator(), p.complex(), p.numSubchannels());
  }
}
