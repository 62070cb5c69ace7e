package io.tickstream.jobs.hf;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.signal.SampleType;
import java.util.Arrays;

/**
 * Mutable accumulation of one minute window (keyed state of {@link MinuteAssembler}): the window
 * {@code [minute − margin, minute + 60 s + margin)} in sample indices, NaN until a sample arrives.
 * Checkpointed by {@link io.tickstream.jobs.hf.types.MinuteBufferSerializer} (samples in bulk).
 */
public final class MinuteBuffer {
  public long minuteStartSystemNs;
  public long firstIndex;
  public long minuteFirstIndex;
  public long minuteEndIndex;
  public float[] iq;
  /** Samples present inside [minute, minute + 60 s). */
  public long presentInMinute;

  public MinuteBuffer() {}

  static MinuteBuffer open(long minuteStartSystemNs, long minuteFirstIndex, long samplesPerMinute, int marginSamples) {
    MinuteBuffer b = new MinuteBuffer();
    b.minuteStartSystemNs = minuteStartSystemNs;
    b.minuteFirstIndex = minuteFirstIndex;
    b.minuteEndIndex = minuteFirstIndex + samplesPerMinute;
    b.firstIndex = minuteFirstIndex - marginSamples;
    b.iq = new float[2 * (int) (samplesPerMinute + 2L * marginSamples)];
    Arrays.fill(b.iq, Float.NaN);
    return b;
  }

  /** Index one past the window's last sample. */
  public long endIndex() {
    return firstIndex + iq.length / 2;
  }

  /**
   * Copies the overlap of samples {@code [blockFirst, blockFirst + n)} (component accessor) into the
   * window; a sample already present is not counted twice.
   */
  void copy(long blockFirst, int n, Sample s) {
    long from = Math.max(blockFirst, firstIndex);
    long to = Math.min(blockFirst + n, endIndex());
    countNew(from, to);
    for (long g = from; g < to; g++) {
      int at = (int) (g - firstIndex);
      int k = (int) (g - blockFirst);
      iq[2 * at] = s.i(k);
      iq[2 * at + 1] = s.q(k);
    }
  }

  /** {@link #copy(long, int, Sample)} of interleaved float samples, as one array copy. */
  void copy(long blockFirst, float[] interleaved) {
    long from = Math.max(blockFirst, firstIndex);
    long to = Math.min(blockFirst + interleaved.length / 2, endIndex());
    if (to <= from) {
      return;
    }
    countNew(from, to);
    System.arraycopy(interleaved, (int) (2 * (from - blockFirst)), iq, (int) (2 * (from - firstIndex)),
        (int) (2 * (to - from)));
  }

  /**
   * {@link #copy(long, float[])} of {@code n} interleaved float32 samples given as their
   * little-endian bytes (a Digital RF read), without a float array in between.
   */
  void copyFloat32Le(long blockFirst, byte[] le, int n) {
    long from = Math.max(blockFirst, firstIndex);
    long to = Math.min(blockFirst + n, endIndex());
    if (to <= from) {
      return;
    }
    countNew(from, to);
    java.nio.ByteBuffer.wrap(le, (int) (8 * (from - blockFirst)), (int) (8 * (to - from)))
        .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
        .get(iq, (int) (2 * (from - firstIndex)), (int) (2 * (to - from)));
  }

  /** Counts the samples of [from, to) inside the minute that are not present yet (before they are written). */
  private void countNew(long from, long to) {
    long cFrom = Math.max(from, minuteFirstIndex);
    long cTo = Math.min(to, minuteEndIndex);
    for (long g = cFrom; g < cTo; g++) {
      if (Float.isNaN(iq[(int) (2 * (g - firstIndex))])) {
        presentInMinute++;
      }
    }
  }

  /**
   * Copies the samples of {@code block} (complex IQ, float32 or int16) that fall inside the window;
   * the one assembly step shared by the live {@link MinuteAssembler} and the archive's
   * {@link ArchiveMinuteSource}.
   */
  void add(IqBlock block) {
    if (block.type() == SampleType.FLOAT32) {
      copy(block.firstSampleIndex(), block.float32());
    } else {
      short[] v = block.int16();
      copy(block.firstSampleIndex(), block.numSamples(), new Sample() {
        public float i(int k) {
          return v[2 * k];
        }

        public float q(int k) {
          return v[2 * k + 1];
        }
      });
    }
  }

  /** Component accessor of a block. */
  interface Sample {
    float i(int k);

    float q(int k);
  }
}
