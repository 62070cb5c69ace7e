package io.tickstream.connectors.drf;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts Digital RF samples to {@link IqBlock}s (one per subchannel). IqBlock carries int16 or
 * float32 in original encoding: int16 and float32 are passed through unchanged, int8/uint8 are
 * widened to int16 exactly, every other type (int32, int64, uint16, uint32, uint64, float64) becomes
 * float32 with the same numeric values (no scaling; precision beyond 24 bits is lost). Channel names
 * are the DRF channel name for one subchannel, {@code <channel>:<k>} for subchannel k otherwise.
 */
public final class DrfIqBlocks {
  private DrfIqBlocks() {}

  /** Name of subchannel {@code c} of a channel with {@code n} subchannels. */
  public static String channelName(String channel, int c, int n) {
    return n == 1 ? channel : channel + ":" + c;
  }

  public static List<IqBlock> toIqBlocks(String channel, DrfSamples s, Rational rate, long tSystemNs, long gapBefore) {
    List<IqBlock> out = new ArrayList<>(s.numSubchannels());
    for (int c = 0; c < s.numSubchannels(); c++) {
      DrfSamples one = s.subchannel(c);
      String name = channelName(channel, c, s.numSubchannels());
      DrfDtype d = one.dtype();
      if (!d.isFloat() && d.sizeBytes() == 2 && d.signed()) {
        out.add(IqBlock.ofInt16(name, s.startIndex(), rate, tSystemNs, s.complex(), one.toShorts(), gapBefore));
      } else if (!d.isFloat() && d.sizeBytes() == 1) {
        double[] v = one.toDoubles();
        short[] w = new short[v.length];
        for (int k = 0; k < v.length; k++) {
          w[k] = (short) v[k];
        }
        out.add(IqBlock.ofInt16(name, s.startIndex(), rate, tSystemNs, s.complex(), w, gapBefore));
      } else if (d.isFloat() && d.sizeBytes() == 4) {
        out.add(IqBlock.ofFloat32(name, s.startIndex(), rate, tSystemNs, s.complex(), one.toFloats(), gapBefore));
      } else {
        double[] v = one.toDoubles();
        float[] w = new float[v.length];
        for (int k = 0; k < v.length; k++) {
          w[k] = (float) v[k];
        }
        out.add(IqBlock.ofFloat32(name, s.startIndex(), rate, tSystemNs, s.complex(), w, gapBefore));
      }
    }
    return out;
  }
}
