package io.tickstream.jobs.hf.types;

import io.tickstream.jobs.hf.MinuteBuffer;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The live assembler's open-minute state ({@link MinuteBuffer}, ≈ 10 MB at 20 kHz) for checkpoints:
 * the samples in bulk ({@link BulkArrays}; Flink's POJO serializer wrote the {@code float[]} one
 * {@code writeFloat} per element), and without the not-yet-filled ends of the window. Samples arrive
 * in time order, so an open window is untouched (canonical NaN, as {@code MinuteBuffer.open} fills it)
 * before its first and after its latest sample: the window of the next minute, opened at the current
 * one's end margin, holds only a few seconds, the current one on average half a minute. Those
 * canonical-NaN runs are written as counts and restored as the same bits, so a restored buffer is
 * bit-identical. The buffer is mutable state, so copies are deep.
 */
public final class MinuteBufferSerializer extends RecordSerializer<MinuteBuffer> {
  private static final long serialVersionUID = 1L;
  public static final MinuteBufferSerializer INSTANCE = new MinuteBufferSerializer();
  /** Use with the assembler's state descriptor. */
  public static final TypeInformation<MinuteBuffer> TYPE = new RecordTypeInfo<>(MinuteBuffer.class, INSTANCE);
  /** Bits of a sample no block has written yet ({@link Float#NaN}, as the buffer is opened). */
  private static final int UNTOUCHED = Float.floatToRawIntBits(Float.NaN);

  @Override
  public MinuteBuffer createInstance() {
    return new MinuteBuffer();
  }

  @Override
  public MinuteBuffer copy(MinuteBuffer b) {
    MinuteBuffer c = new MinuteBuffer();
    c.minuteStartSystemNs = b.minuteStartSystemNs;
    c.firstIndex = b.firstIndex;
    c.minuteFirstIndex = b.minuteFirstIndex;
    c.minuteEndIndex = b.minuteEndIndex;
    c.presentInMinute = b.presentInMinute;
    c.iq = b.iq == null ? null : b.iq.clone();
    return c;
  }

  @Override
  public void serialize(MinuteBuffer b, DataOutputView out) throws IOException {
    out.writeLong(b.minuteStartSystemNs);
    out.writeLong(b.firstIndex);
    out.writeLong(b.minuteFirstIndex);
    out.writeLong(b.minuteEndIndex);
    out.writeLong(b.presentInMinute);
    float[] v = b.iq;
    if (v == null) {
      out.writeInt(-1);
      return;
    }
    int lead = 0;
    while (lead < v.length && Float.floatToRawIntBits(v[lead]) == UNTOUCHED) {
      lead++;
    }
    int end = v.length;
    while (end > lead && Float.floatToRawIntBits(v[end - 1]) == UNTOUCHED) {
      end--;
    }
    out.writeInt(v.length);
    out.writeInt(lead);
    out.writeInt(end - lead);
    BulkArrays.writeFloats(out, v, lead, end - lead);
  }

  @Override
  public MinuteBuffer deserialize(DataInputView in) throws IOException {
    MinuteBuffer b = new MinuteBuffer();
    b.minuteStartSystemNs = in.readLong();
    b.firstIndex = in.readLong();
    b.minuteFirstIndex = in.readLong();
    b.minuteEndIndex = in.readLong();
    b.presentInMinute = in.readLong();
    int len = in.readInt();
    if (len < 0) {
      return b;
    }
    int lead = in.readInt();
    int n = in.readInt();
    b.iq = new float[len];
    java.util.Arrays.fill(b.iq, 0, lead, Float.NaN);
    BulkArrays.readFloats(in, b.iq, lead, n);
    java.util.Arrays.fill(b.iq, lead + n, len, Float.NaN);
    return b;
  }

  @Override
  public TypeSerializerSnapshot<MinuteBuffer> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Serializer snapshot (stateless serializer). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<MinuteBuffer> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
