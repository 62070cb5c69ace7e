package io.tickstream.connectors.rtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The single split of an {@link RtpSource}: "the radiod sockets", plus the per-channel
 * {@link ChannelCursor}s of what was emitted before the checkpoint.
 */
public record RtpSplit(Map<Long, ChannelCursor> cursors) implements SourceSplit, Serializable {
  public static final String ID = "radiod";

  public RtpSplit {
    cursors = new LinkedHashMap<>(cursors);
  }

  @Override
  public String splitId() {
    return ID;
  }

  /** Java serialization of the (small) cursor map, versioned. */
  public static final class Serializer implements SimpleVersionedSerializer<RtpSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(RtpSplit split) throws IOException {
      return toBytes(new LinkedHashMap<>(split.cursors()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public RtpSplit deserialize(int version, byte[] bytes) throws IOException {
      if (version != 1) {
        throw new IOException("unknown RtpSplit serializer version " + version);
      }
      return new RtpSplit((Map<Long, ChannelCursor>) fromBytes(bytes));
    }
  }

  static byte[] toBytes(Serializable o) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ObjectOutputStream oos = new ObjectOutputStream(bos)) {
      oos.writeObject(o);
    }
    return bos.toByteArray();
  }

  static Object fromBytes(byte[] b) throws IOException {
    try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(b))) {
      return ois.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException(e);
    }
  }
}
