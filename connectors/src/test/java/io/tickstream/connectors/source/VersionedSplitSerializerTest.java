package io.tickstream.connectors.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The versioned split and split-list serializers: round trips, the exact bytes, unknown versions. */
class VersionedSplitSerializerTest {
  record Split(String id, long next) {}

  static final SplitCodec<Split> CODEC = new SplitCodec<>() {
    @Override
    public void write(DataOutput out, Split s) throws IOException {
      out.writeUTF(s.id());
      out.writeLong(s.next());
    }

    @Override
    public Split read(DataInput in) throws IOException {
      return new Split(in.readUTF(), in.readLong());
    }
  };

  static final Split A = new Split("ch0#1", 42);
  static final Split B = new Split("ch1#é", Long.MIN_VALUE);

  @Test
  void splitRoundTripsAsTheCodecFieldsOnly() throws IOException {
    VersionedSplitSerializer<Split> s = VersionedSplitSerializer.of("Split", 3, CODEC);
    assertEquals(3, s.getVersion());
    byte[] bytes = s.serialize(A);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (DataOutputStream o = new DataOutputStream(expected)) {
      o.writeUTF("ch0#1");
      o.writeLong(42);
    }
    assertArrayEquals(expected.toByteArray(), bytes);
    assertEquals(A, s.deserialize(3, bytes));
  }

  @Test
  void listRoundTripsAsCountThenSplits() throws IOException {
    VersionedSplitSerializer<List<Split>> s = VersionedSplitSerializer.listOf("Split", 1, CODEC);
    assertEquals(1, s.getVersion());
    byte[] bytes = s.serialize(List.of(A, B));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (DataOutputStream o = new DataOutputStream(expected)) {
      o.writeInt(2);
      CODEC.write(o, A);
      CODEC.write(o, B);
    }
    assertArrayEquals(expected.toByteArray(), bytes);
    assertEquals(List.of(A, B), s.deserialize(1, bytes));
    assertArrayEquals(new byte[] {0, 0, 0, 0}, s.serialize(List.of()));
    assertEquals(List.of(), s.deserialize(1, new byte[] {0, 0, 0, 0}));
  }

  @Test
  void unknownVersionNamesTheSplitType() throws IOException {
    byte[] one = VersionedSplitSerializer.of("Split", 1, CODEC).serialize(A);
    IOException e = assertThrows(IOException.class, () -> VersionedSplitSerializer.of("Split", 1, CODEC).deserialize(2, one));
    assertEquals("unknown Split serializer version 2", e.getMessage());
    byte[] list = VersionedSplitSerializer.listOf("Split", 1, CODEC).serialize(List.of(A));
    e = assertThrows(IOException.class, () -> VersionedSplitSerializer.listOf("Split", 1, CODEC).deserialize(0, list));
    assertEquals("unknown Split list serializer version 0", e.getMessage());
  }
}
