package io.tickstream.jobs.hf.types;

import io.tickstream.jobs.hf.MinuteBuffer;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The live assembler's open-minute state ({@link MinuteBuffer}, ≈ 10 MB at 20 kHz) with its samples
 * in bulk ({@link BulkArrays}); Flink's POJO serializer wrote the {@code float[]} one
 * {@code writeFloat} per element at every checkpoint. The buffer is mutable state, so copies are deep.
 */
public final class MinuteBufferSerializer extends RecordSerializer<MinuteBuffer> {
  private static final long serialVersionUID = 1L;
  public static final MinuteBufferSerializer INSTANCE = new MinuteBufferSerializer();
  /** Use with the assembler's state descriptor. */
  public static final TypeInformation<MinuteBuffer> TYPE = new RecordTypeInfo<>(MinuteBuffer.class, INSTANCE);

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
    BulkArrays.writeFloats(out, b.iq);
  }

  @Override
  public MinuteBuffer deserialize(DataInputView in) throws IOException {
    MinuteBuffer b = new MinuteBuffer();
    b.minuteStartSystemNs = in.readLong();
    b.firstIndex = in.readLong();
    b.minuteFirstIndex = in.readLong();
    b.minuteEndIndex = in.readLong();
    b.presentInMinute = in.readLong();
    b.iq = BulkArrays.readFloats(in);
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
