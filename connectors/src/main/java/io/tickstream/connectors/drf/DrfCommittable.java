package io.tickstream.connectors.drf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** A completed Digital RF temp file waiting to be renamed to its final name on checkpoint completion. */
public record DrfCommittable(String tempPath, String finalPath) {

  /** Serializer (version 1). */
  public static final class Serializer implements SimpleVersionedSerializer<DrfCommittable> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(DrfCommittable c) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (DataOutputStream o = new DataOutputStream(b)) {
        o.writeUTF(c.tempPath);
        o.writeUTF(c.finalPath);
      }
      return b.toByteArray();
    }

    @Override
    public DrfCommittable deserialize(int version, byte[] bytes) throws IOException {
      if (version != 1) {
        throw new IOException("unknown DrfCommittable serializer version " + version);
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        return new DrfCommittable(in.readUTF(), in.readUTF());
      }
    }
  }
}
