package io.tickstream.jobs.hf.types;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.signal.SampleType;
import io.tickstream.core.time.Rational;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link IqBlock} with its sample array in bulk ({@link BulkArrays}). */
public final class IqBlockSerializer extends RecordSerializer<IqBlock> {
  private static final long serialVersionUID = 1L;
  public static final IqBlockSerializer INSTANCE = new IqBlockSerializer();
  /** Use with {@code .returns(...)} / state descriptors for streams of IQ blocks. */
  public static final TypeInformation<IqBlock> TYPE = new RecordTypeInfo<>(IqBlock.class, INSTANCE);

  @Override
  public IqBlock copy(IqBlock b) {
    return new IqBlock(b.channel(), b.firstSampleIndex(), b.sampleRateHz(), b.tSystemNs(), b.complex(), b.type(),
        b.int16() == null ? null : b.int16().clone(), b.float32() == null ? null : b.float32().clone(),
        b.gapSamplesBefore());
  }

  @Override
  public void serialize(IqBlock b, DataOutputView out) throws IOException {
    out.writeUTF(b.channel());
    out.writeLong(b.firstSampleIndex());
    out.writeLong(b.sampleRateHz().numerator());
    out.writeLong(b.sampleRateHz().denominator());
    out.writeLong(b.tSystemNs());
    out.writeBoolean(b.complex());
    out.writeByte(b.type().ordinal());
    out.writeLong(b.gapSamplesBefore());
    if (b.type() == SampleType.INT16) {
      BulkArrays.writeShorts(out, b.int16());
    } else {
      BulkArrays.writeFloats(out, b.float32());
    }
  }

  @Override
  public IqBlock deserialize(DataInputView in) throws IOException {
    String channel = in.readUTF();
    long first = in.readLong();
    Rational rate = Rational.of(in.readLong(), in.readLong());
    long tSystemNs = in.readLong();
    boolean complex = in.readBoolean();
    SampleType type = SampleType.values()[in.readByte()];
    long gap = in.readLong();
    return type == SampleType.INT16
        ? new IqBlock(channel, first, rate, tSystemNs, complex, type, BulkArrays.readShorts(in), null, gap)
        : new IqBlock(channel, first, rate, tSystemNs, complex, type, null, BulkArrays.readFloats(in), gap);
  }

  @Override
  public TypeSerializerSnapshot<IqBlock> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Serializer snapshot (stateless serializer). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<IqBlock> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
