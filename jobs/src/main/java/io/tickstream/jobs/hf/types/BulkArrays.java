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
    write(out, v.length, Float.BYTES, (bb, from, n) -> bb.asFloatBuffer().put(v, from, n));
  }

  public static float[] readFloats(DataInputView in) throws IOException {
    int len = in.readInt();
    if (len < 0) {
      return null;
    }
    float[] v = new float[len];
    read(in, len, Float.BYTES, (bb, from, n) -> bb.asFloatBuffer().get(v, from, n));
    return v;
  }

  /** Values {@code v[from, from + n)}, no length (the reader knows it). */
  public static void writeFloats(DataOutputView out, float[] v, int from, int n) throws IOException {
    writeChunks(out, n, Float.BYTES, (bb, at, len) -> bb.asFloatBuffer().put(v, from + at, len));
  }

  /** Reads {@code n} values written by {@link #writeFloats(DataOutputView, float[], int, int)} into {@code v[from…]}. */
  public static void readFloats(DataInputView in, float[] v, int from, int n) throws IOException {
    read(in, n, Float.BYTES, (bb, at, len) -> bb.asFloatBuffer().get(v, from + at, len));
  }

  /** Length ({@code -1} for null) then the values. */
  public static void writeDoubles(DataOutputView out, double[] v) throws IOException {
    if (v == null) {
      out.writeInt(-1);
      return;
    }
    write(out, v.length, Double.BYTES, (bb, from, n) -> bb.asDoubleBuffer().put(v, from, n));
  }

  public static double[] readDoubles(DataInputView in) throws IOException {
    int len = in.readInt();
    if (len < 0) {
      return null;
    }
    double[] v = new double[len];
    read(in, len, Double.BYTES, (bb, from, n) -> bb.asDoubleBuffer().get(v, from, n));
    return v;
  }

  /** Length ({@code -1} for null) then the values. */
  public static void writeShorts(DataOutputView out, short[] v) throws IOException {
    if (v == null) {
      out.writeInt(-1);
      return;
    }
    write(out, v.length, Short.BYTES, (bb, from, n) -> bb.asShortBuffer().put(v, from, n));
  }

  public static short[] readShorts(DataInputView in) throws IOException {
    int len = in.readInt();
    if (len < 0) {
      return null;
    }
    short[] v = new short[len];
    read(in, len, Short.BYTES, (bb, from, n) -> bb.asShortBuffer().get(v, from, n));
    return v;
  }

  /** Moves values {@code [from, from + n)} of an array into (write) or out of (read) a chunk buffer. */
  private interface ChunkMove {
    void move(ByteBuffer chunk, int from, int n);
  }

  private static void write(DataOutputView out, int len, int bytesPerValue, ChunkMove fill) throws IOException {
    out.writeInt(len);
    writeChunks(out, len, bytesPerValue, fill);
  }

  private static void writeChunks(DataOutputView out, int len, int bytesPerValue, ChunkMove fill) throws IOException {
    if (len == 0) {
      return;
    }
    byte[] chunk = new byte[Math.min(CHUNK_BYTES, bytesPerValue * len)];
    ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = chunk.length / bytesPerValue;
    for (int from = 0; from < len; from += perChunk) {
      int n = Math.min(perChunk, len - from);
      bb.clear();
      fill.move(bb, from, n);
      out.write(chunk, 0, bytesPerValue * n);
    }
  }

  private static void read(DataInputView in, int len, int bytesPerValue, ChunkMove drain) throws IOException {
    if (len == 0) {
      return;
    }
    byte[] chunk = new byte[Math.min(CHUNK_BYTES, bytesPerValue * len)];
    ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = chunk.length / bytesPerValue;
    for (int from = 0; from < len; from += perChunk) {
      int n = Math.min(perChunk, len - from);
      in.readFully(chunk, 0, bytesPerValue * n);
      bb.clear();
      drain.move(bb, from, n);
    }
  }
}
