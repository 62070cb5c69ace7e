package io.tickstream.jobs.hf.types;

import io.tickstream.core.signal.UtcDecimator;
import io.tickstream.jobs.hf.Phase3Input;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link Phase3Input} (≈ 0.4 MB per minute) with its 400 Hz series in bulk ({@link BulkArrays}). */
public final class Phase3InputSerializer extends RecordSerializer<Phase3Input> {
  private static final long serialVersionUID = 1L;
  public static final Phase3InputSerializer INSTANCE = new Phase3InputSerializer();
  /** Use with {@code .returns(...)} / state descriptors. */
  public static final TypeInformation<Phase3Input> TYPE = new RecordTypeInfo<>(Phase3Input.class, INSTANCE);

  @Override
  public Phase3Input copy(Phase3Input p) {
    return new Phase3Input(p.channel(), p.frequencyHz(), p.sampleRateHz(), p.minuteStartSystemNs(), p.firstIndex(),
        p.numSamples(), p.completeness(), new UtcDecimator.StageA(p.stageA().firstJ(), p.stageA().iq().clone()));
  }

  @Override
  public void serialize(Phase3Input p, DataOutputView out) throws IOException {
    out.writeUTF(p.channel());
    out.writeDouble(p.frequencyHz());
    out.writeInt(p.sampleRateHz());
    out.writeLong(p.minuteStartSystemNs());
    out.writeLong(p.firstIndex());
    out.writeInt(p.numSamples());
    out.writeDouble(p.completeness());
    out.writeLong(p.stageA().firstJ());
    BulkArrays.writeDoubles(out, p.stageA().iq());
  }

  @Override
  public Phase3Input deserialize(DataInputView in) throws IOException {
    String channel = in.readUTF();
    double frequencyHz = in.readDouble();
    int rate = in.readInt();
    long minuteStart = in.readLong();
    long firstIndex = in.readLong();
    int n = in.readInt();
    double completeness = in.readDouble();
    long firstJ = in.readLong();
    return new Phase3Input(channel, frequencyHz, rate, minuteStart, firstIndex, n, completeness,
        new UtcDecimator.StageA(firstJ, BulkArrays.readDoubles(in)));
  }

  @Override
  public TypeSerializerSnapshot<Phase3Input> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Serializer snapshot (stateless serializer). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Phase3Input> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
