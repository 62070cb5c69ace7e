package io.tickstream.connectors.drf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A {@link DigitalRfSource} split: samples {@code [start, end)} of one channel, normally one data
 * file's period (clipped to the source's time range). {@code start} advances as blocks are emitted,
 * so a checkpointed split resumes exactly after the last emitted block. {@code lastEnd} is one past
 * the last sample emitted before {@code start} in this split ({@code Long.MIN_VALUE}: not yet known).
 */
public record DrfSplit(String splitId, String topDir, String channel, long start, long end, long lastEnd)
    implements SourceSplit {

  @Override
  public String splitId() {
    return splitId;
  }

  DrfSplit advancedTo(long newStart, long newLastEnd) {
    return new DrfSplit(splitId, topDir, channel, newStart, end, newLastEnd);
  }

  /** Serializer for splits (version 1). */
  public static final class Serializer implements SimpleVersionedSerializer<DrfSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(DrfSplit s) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (DataOutputStream o = new DataOutputStream(b)) {
        write(o, s);
      }
      return b.toByteArray();
    }

    static void write(DataOutputStream o, DrfSplit s) throws IOException {
      o.writeUTF(s.splitId);
      o.writeUTF(s.topDir);
      o.writeUTF(s.channel);
      o.writeLong(s.start);
      o.writeLong(s.end);
      o.writeLong(s.lastEnd);
    }

    static DrfSplit read(DataInputStream in) throws IOException {
      return new DrfSplit(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), in.readLong());
    }

    @Override
    public DrfSplit deserialize(int version, byte[] bytes) throws IOException {
      if (version != 1) {
        throw new IOException("unknown DrfSplit serializer version " + version);
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        return read(in);
      }
    }
  }

  /** Serializer for the enumerator's checkpoint: the splits not yet assigned (version 1). */
  public static final class ListSerializer implements SimpleVersionedSerializer<List<DrfSplit>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(List<DrfSplit> splits) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (DataOutputStream o = new DataOutputStream(b)) {
        o.writeInt(splits.size());
        for (DrfSplit s : splits) {
          Serializer.write(o, s);
        }
      }
      return b.toByteArray();
    }

    @Override
    public List<DrfSplit> deserialize(int version, byte[] bytes) throws IOException {
      if (version != 1) {
        throw new IOException("unknown DrfSplit list serializer version " + version);
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        int n = in.readInt();
        List<DrfSplit> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
          out.add(Serializer.read(in));
        }
        return out;
      }
    }
  }
}
