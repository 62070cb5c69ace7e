package io.tickstream.jobs.hf.types;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Sample arrays written and read in bulk (64 KiB chunks of little-endian bytes, a plain memory copy on x86/ARM). Flink's primitive array
 * serializers go through {@code writeFloat}/{@code readFloat} per element; a 20 kHz minute (2.6 M
 * floats) then costs tens of ms per hop, and records over 5 MiB that Flink spills to disk (a minute
 * with margins is ≈ 10 MB) are read back through a {@code DataInputStream} byte by byte.
 */
public final class BulkArrays {
  private static final int CHUNK_BYTES = 1 << 16;

  private BulkArrays() {}

  /** Length ({@code -1} for null) then the values. */
  public static void writeFloats(DataOutputView out, float[] v) throws IOException {
    if (v == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(v.length);
    byte[] chunk = new byte[Math.min(CHUNK_BYTES, 4 * v.length)];
    ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    for (int from = 0; from < v.length; from += chunk.length / 4) {
      int n = Math.min(chunk.length / 4, v.length - from);
      bb.clear();
      bb.asFloatBuffer().put(v, from, n);
      out.write(chunk, 0, 4 * n);
    }
  }

  public static float[] readFloats(DataInputView in) throws IOException {
    int len = in.readInt();
    if (len < 0) {
      return null;
    }
    float[] v = new float[len];
    byte[] chunk = new byte[Math.min(CHUNK_BYTES, 4 * len)];
    ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    for (int from = 0; from < len; from += chunk.length / 4) {
      int n = Math.min(chunk.length / 4, len - from);
      in.readFully(chunk, 0, 4 * n);
      bb.clear();
      bb.asFloatBuffer().get(v, from, n);
    }
    return v;
  }

  /** Length ({@code -1} for null) then the values. */
  public static void writeShorts(DataOutputView out, short[] v) throws IOException {
    if (v == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(v.length);
    byte[] chunk = new byte[Math.min(CHUNK_BYTES, 2 * v.length)];
    ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    for (int from = 0; from < v.length; from += chunk.length / 2) {
      int n = Math.min(chunk.length / 2, v.length - from);
      bb.clear();
      bb.asShortBuffer().put(v, from, n);
      out.write(chunk, 0, 2 * n);
    }
  }

  public static short[] readShorts(DataInputView in) throws IOException {
    int len = in.readInt();
    if (len < 0) {
      return null;
    }
    short[] v = new short[len];
    byte[] chunk = new byte[Math.min(CHUNK_BYTES, 2 * len)];
    ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    for (int from = 0; from < len; from += chunk.length / 2) {
      int n = Math.min(chunk.length / 2, len - from);
      in.readFully(chunk, 0, 2 * n);
      bb.clear();
      bb.asShortBuffer().get(v, from, n);
    }
    return v;
  }
}
