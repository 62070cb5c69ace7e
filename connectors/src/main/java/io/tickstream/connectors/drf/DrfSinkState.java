package io.tickstream.connectors.drf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Checkpointed state of one channel of a {@link DigitalRfSink} writer: the writer's progress as it
 * was when the currently open (unfinished) file was started, and every write that landed in that
 * file. Restoring replays those writes into a fresh temp file, so the file comes out exactly as an
 * uninterrupted run would have written it. Bounded by one file period of samples.
 */
public record DrfSinkState(String channel, DrfFormat format, DigitalRfWriter.State fileStartState,
    List<DrfSamples> openFileWrites) {

  /** Serializer (version 1). */
  public static final class Serializer implements SimpleVersionedSerializer<DrfSinkState> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(DrfSinkState s) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (DataOutputStream o = new DataOutputStream(b)) {
        o.writeUTF(s.channel);
        DrfFormat f = s.format;
        o.writeBoolean(f.dtype().isFloat());
        o.writeInt(f.dtype().sizeBytes());
        o.writeBoolean(f.dtype().signed());
        o.writeBoolean(f.dtype().bigEndian());
        o.writeLong(f.rateNumerator());
        o.writeLong(f.rateDenominator());
        o.writeBoolean(f.complex());
        o.writeInt(f.numSubchannels());
        DigitalRfWriter.State st = s.fileStartState;
        o.writeUTF(st.uuid());
        o.writeLong(st.initUtcTimestamp());
        o.writeInt(st.nextSequence());
        o.writeLong(st.nextIndex());
        o.writeLong(st.chunkRows());
        o.writeInt(s.openFileWrites.size());
        for (DrfSamples w : s.openFileWrites) {
          o.writeLong(w.startIndex());
          o.writeInt(w.count());
          o.writeInt(w.bytes().length);
          o.write(w.bytes());
        }
      }
      return b.toByteArray();
    }

    @Override
    public DrfSinkState deserialize(int version, byte[] bytes) throws IOException {
      if (version != 1) {
        throw new IOException("unknown DrfSinkState serializer version " + version);
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        String channel = in.readUTF();
        DrfDtype dt = new DrfDtype(in.readBoolean(), in.readInt(), in.readBoolean(), in.readBoolean());
        DrfFormat f = new DrfFormat(dt, in.readLong(), in.readLong(), in.readBoolean(), in.readInt());
        DigitalRfWriter.State st = new DigitalRfWriter.State(in.readUTF(), in.readLong(), in.readInt(), in.readLong(),
            in.readLong());
        int n = in.readInt();
        List<DrfSamples> writes = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
          long start = in.readLong();
          int count = in.readInt();
          byte[] data = new byte[in.readInt()];
          in.readFully(data);
          writes.add(new DrfSamples(start, count, dt, f.complex(), f.numSubchannels(), data));
        }
        return new DrfSinkState(channel, f, st, writes);
      }
    }
  }
}
