package io.tickstream.jobs.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickstream.jobs.hf.ArchiveMinuteSource.ChannelRange;
import io.tickstream.jobs.hf.ArchiveMinuteSource.MinuteSplit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.junit.jupiter.api.Test;

/** ArchiveMinuteSource's serializers keep the version 1 bytes that existing checkpoints and savepoints hold. */
class MinuteSplitSerializerTest {
  static final MinuteSplit A = new MinuteSplit("WWV_10_MHz#29000000",
      new ChannelRange("WWV_10_MHz", "/data/raw/WWV_10_MHz", 12345, 987654321), 29000001, 29000003);
  static final MinuteSplit B = new MinuteSplit("WWV_15_MHz#-2", new ChannelRange("WWV_15_MHz", "/r", -200, 0), -2, 0);
  /** Bytes of A and of the list [A, B] as written by the serializers before they were made generic. */
  static final String A_V1 = "00135757565f31305f4d487a233239303030303030000a5757565f31305f4d487a00142f646174612f72"
      + "61772f5757565f31305f4d487a0000000000003039000000003ade68b10000000001ba81410000000001ba8143";
  static final String LIST_V1 = "00000002" + A_V1 + "000d5757565f31355f4d487a232d32000a5757565f31355f4d487a00022f72"
      + "ffffffffffffff380000000000000000fffffffffffffffe0000000000000000";

  final ArchiveMinuteSource source = new ArchiveMinuteSource(List.of(), null, 1);

  @Test
  void version1BytesAreUnchanged() throws IOException {
    HexFormat hex = HexFormat.of();
    SimpleVersionedSerializer<MinuteSplit> one = source.getSplitSerializer();
    SimpleVersionedSerializer<List<MinuteSplit>> list = source.getEnumeratorCheckpointSerializer();
    assertEquals(1, one.getVersion());
    assertEquals(1, list.getVersion());
    assertArrayEquals(hex.parseHex(A_V1), one.serialize(A));
    assertArrayEquals(hex.parseHex(LIST_V1), list.serialize(List.of(A, B)));
    assertEquals(A, one.deserialize(1, hex.parseHex(A_V1)));
    assertEquals(List.of(A, B), list.deserialize(1, hex.parseHex(LIST_V1)));
  }

  @Test
  void unknownVersionsAreRefused() {
    assertEquals("unknown MinuteSplit serializer version 2",
        assertThrows(IOException.class, () -> source.getSplitSerializer().deserialize(2, new byte[0])).getMessage());
    assertEquals("unknown MinuteSplit list serializer version 2", assertThrows(IOException.class,
        () -> source.getEnumeratorCheckpointSerializer().deserialize(2, new byte[0])).getMessage());
  }

  @Test
  void splitsGivenBackAreInChannelTimeOrder() {
    ChannelRange a = new ChannelRange("a", "/a", 0, 1);
    ChannelRange b = new ChannelRange("b", "/b", 0, 1);
    MinuteSplit a1 = new MinuteSplit("a#1", a, 1, 2);
    MinuteSplit a0 = new MinuteSplit("a#0", a, 0, 1);
    MinuteSplit b0 = new MinuteSplit("b#0", b, 0, 1);
    List<MinuteSplit> back = new ArrayList<>(List.of(b0, a1, a0));
    back.sort(MinuteSplit.BACK_ORDER);
    assertEquals(List.of(a0, a1, b0), back);
  }
}
