package io.tickstream.connectors.drf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Consecutive samples {@code [startIndex, startIndex + count)} of one Digital RF channel in their
 * original component type, held as canonical bytes: samples in index order, per sample every
 * subchannel, per subchannel the real then the imaginary component, each component little-endian
 * (the byte layout the fixtures' SHA-256 is defined on, whatever the stored byte order).
 *
 * <p>Typed views: {@link #toShorts()} / {@link #toFloats()} for int16 / float32 data and
 * {@link #component(long, int, int)} / {@link #toDoubles()} for any type (int8..int64, uint, float64).
 */
public final class DrfSamples {
  private final long startIndex;
  private final int count;
  private final DrfDtype dtype;
  private final boolean complex;
  private final int numSubchannels;
  private final byte[] data;

  /** Wraps canonical little-endian bytes (not copied). {@code dtype} is normalised to little-endian. */
  public DrfSamples(long startIndex, int count, DrfDtype dtype, boolean complex, int numSubchannels, byte[] data) {
    this.startIndex = startIndex;
    this.count = count;
    this.dtype = dtype.littleEndian();
    this.complex = complex;
    this.numSubchannels = numSubchannels;
    this.data = data;
    if ((long) count * bytesPerSample() != data.length) {
      throw new IllegalArgumentException("byte length " + data.length + " != " + count + " samples x " + bytesPerSample());
    }
  }

  /** The samples of an {@link io.tickstream.core.signal.IqBlock} (one subchannel). */
  public static DrfSamples of(io.tickstream.core.signal.IqBlock b) {
    return b.type() == io.tickstream.core.signal.SampleType.INT16
        ? ofShorts(b.firstSampleIndex(), b.complex(), 1, b.int16())
        : ofFloats(b.firstSampleIndex(), b.complex(), 1, b.float32());
  }

  /** int16 samples from interleaved {@code short[]} (I,Q per subchannel per sample). */
  public static DrfSamples ofShorts(long startIndex, boolean complex, int numSubchannels, short[] v) {
    int comps = numSubchannels * (complex ? 2 : 1);
    ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(v);
    return new DrfSamples(startIndex, v.length / comps, DrfDtype.INT16, complex, numSubchannels, b.array());
  }

  /** float32 samples from interleaved {@code float[]}. */
  public static DrfSamples ofFloats(long startIndex, boolean complex, int numSubchannels, float[] v) {
    int comps = numSubchannels * (complex ? 2 : 1);
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return new DrfSamples(startIndex, v.length / comps, DrfDtype.FLOAT32, complex, numSubchannels, b.array());
  }

  public long startIndex() {
    return startIndex;
  }

  public int count() {
    return count;
  }

  public long endIndex() {
    return startIndex + count;
  }

  /** Component type (always little-endian here). */
  public DrfDtype dtype() {
    return dtype;
  }

  public boolean complex() {
    return complex;
  }

  public int numSubchannels() {
    return numSubchannels;
  }

  public int componentsPerSample() {
    return numSubchannels * (complex ? 2 : 1);
  }

  public int bytesPerSample() {
    return componentsPerSample() * dtype.sizeBytes();
  }

  /** The canonical bytes (shared, do not modify). */
  public byte[] bytes() {
    return data;
  }

  private ByteBuffer le() {
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Component {@code q} (0 = real/I, 1 = Q) of subchannel {@code c} of global sample {@code index}, as a double. */
  public double component(long index, int c, int q) {
    int k = (int) (index - startIndex);
    if (k < 0 || k >= count) {
      throw new IndexOutOfBoundsException("sample " + index + " not in [" + startIndex + ", " + endIndex() + ")");
    }
    int at = ((k * numSubchannels + c) * (complex ? 2 : 1) + q) * dtype.sizeBytes();
    return componentAt(le(), at);
  }

  private double componentAt(ByteBuffer b, int at) {
    if (dtype.isFloat()) {
      return dtype.sizeBytes() == 4 ? b.getFloat(at) : b.getDouble(at);
    }
    return switch (dtype.sizeBytes()) {
      case 1 -> dtype.signed() ? b.get(at) : b.get(at) & 0xFF;
      case 2 -> dtype.signed() ? b.getShort(at) : b.getShort(at) & 0xFFFF;
      case 4 -> dtype.signed() ? b.getInt(at) : b.getInt(at) & 0xFFFFFFFFL;
      default -> dtype.signed() ? (double) b.getLong(at) : unsignedLongToDouble(b.getLong(at));
    };
  }

  private static double unsignedLongToDouble(long v) {
    return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
  }

  /** Every component as a double, interleaved as stored (int64 beyond 2^53 loses precision). */
  public double[] toDoubles() {
    int n = count * componentsPerSample();
    double[] out = new double[n];
    ByteBuffer b = le();
    for (int k = 0; k < n; k++) {
      out[k] = componentAt(b, k * dtype.sizeBytes());
    }
    return out;
  }

  /** Interleaved int16 components; only for int16 data. */
  public short[] toShorts() {
    if (dtype.isFloat() || dtype.sizeBytes() != 2 || !dtype.signed()) {
      throw new IllegalStateException("samples are " + dtype.name() + ", not int16");
    }
    short[] out = new short[data.length / 2];
    le().asShortBuffer().get(out);
    return out;
  }

  /** Interleaved float32 components; only for float32 data. */
  public float[] toFloats() {
    if (!dtype.isFloat() || dtype.sizeBytes() != 4) {
      throw new IllegalStateException("samples are " + dtype.name() + ", not float32");
    }
    float[] out = new float[data.length / 4];
    le().asFloatBuffer().get(out);
    return out;
  }

  /**
   * True when every component of subchannel {@code c} at {@code index} equals the fill value
   * ({@code fillLe}: one sample's canonical fill bytes for one subchannel; any NaN for floats).
   */
  public boolean isFill(long index, int c, byte[] fillLe) {
    int cell = dtype.sizeBytes() * (complex ? 2 : 1);
    int at = ((int) (index - startIndex) * numSubchannels + c) * cell;
    if (dtype.isFloat()) {
      ByteBuffer b = le();
      for (int q = 0; q < (complex ? 2 : 1); q++) {
        double v = componentAt(b, at + q * dtype.sizeBytes());
        if (!Double.isNaN(v)) {
          return false;
        }
      }
      return true;
    }
    return fillLe != null && Arrays.equals(data, at, at + cell, fillLe, 0, cell);
  }

  /** Number of sample/subchannel cells that are fill values. */
  public long countFill(byte[] fillLe) {
    long n = 0;
    for (long i = startIndex; i < endIndex(); i++) {
      for (int c = 0; c < numSubchannels; c++) {
        if (isFill(i, c, fillLe)) {
          n++;
        }
      }
    }
    return n;
  }

  /** True when every subchannel of sample {@code index} is the fill value. */
  public boolean isFillSample(long index, byte[] fillLe) {
    for (int c = 0; c < numSubchannels; c++) {
      if (!isFill(index, c, fillLe)) {
        return false;
      }
    }
    return true;
  }

  /** The runs of samples that are not fill samples ({@link #isFillSample}), in order. */
  public java.util.List<DrfSamples> splitOnFill(byte[] fillLe) {
    java.util.List<DrfSamples> out = new java.util.ArrayList<>();
    long runStart = -1;
    for (long i = startIndex; i <= endIndex(); i++) {
      boolean fill = i == endIndex() || isFillSample(i, fillLe);
      if (!fill && runStart < 0) {
        runStart = i;
      } else if (fill && runStart >= 0) {
        out.add(runStart == startIndex && i == endIndex() ? this : slice(runStart, (int) (i - runStart)));
        runStart = -1;
      }
    }
    return out;
  }

  /** The samples {@code [from, from + n)} (global indices) as a new object (bytes copied). */
  public DrfSamples slice(long from, int n) {
    int k = (int) (from - startIndex);
    if (k < 0 || n < 0 || k + n > count) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + (from + n) + ") outside [" + startIndex + ", " + endIndex() + ")");
    }
    int bps = bytesPerSample();
    return new DrfSamples(from, n, dtype, complex, numSubchannels, Arrays.copyOfRange(data, k * bps, (k + n) * bps));
  }

  /** Subchannel {@code c} only, as a one-subchannel object. */
  public DrfSamples subchannel(int c) {
    if (numSubchannels == 1) {
      return this;
    }
    int cell = dtype.sizeBytes() * (complex ? 2 : 1);
    byte[] out = new byte[count * cell];
    for (int k = 0; k < count; k++) {
      System.arraycopy(data, (k * numSubchannels + c) * cell, out, k * cell, cell);
    }
    return new DrfSamples(startIndex, count, dtype, complex, 1, out);
  }

  /** SHA-256 helper for the canonical bytes. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
