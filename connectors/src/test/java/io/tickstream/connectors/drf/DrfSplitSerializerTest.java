package io.tickstream.connectors.drf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DrfSplit serializers keep the version 1 bytes that existing checkpoints and savepoints hold. */
class DrfSplitSerializerTest {
  static final DrfSplit A = new DrfSplit("ch0@2024-06-01T00-00-00/rf@1717200000.000.h5#1000", "/data/top", "ch0", 1000,
      21000, Long.MIN_VALUE);
  static final DrfSplit B = new DrfSplit("WWV_10_MHz@x#-5", "/d", "WWV_10_MHz", -5, 7, 3);
  /** Bytes of A and of the list [A, B] as written by the serializers before they were made generic. */
  static final String A_V1 = "003163683040323032342d30362d30315430302d30302d30302f726640313731373230303030302e3030302e"
      + "6835233130303000092f646174612f746f70000363683000000000000003e800000000000052088000000000000000";
  static final String LIST_V1 = "00000002" + A_V1
      + "000f5757565f31305f4d487a4078232d3500022f64000a5757565f31305f4d487afffffffffffffffb00000000000000070000000000000003";

  @Test
  void version1BytesAreUnchanged() throws IOException {
    HexFormat hex = HexFormat.of();
    assertEquals(1, new DrfSplit.Serializer().getVersion());
    assertEquals(1, new DrfSplit.ListSerializer().getVersion());
    assertArrayEquals(hex.parseHex(A_V1), new DrfSplit.Serializer().serialize(A));
    assertArrayEquals(hex.parseHex(LIST_V1), new DrfSplit.ListSerializer().serialize(List.of(A, B)));
    assertEquals(A, new DrfSplit.Serializer().deserialize(1, hex.parseHex(A_V1)));
    assertEquals(List.of(A, B), new DrfSplit.ListSerializer().deserialize(1, hex.parseHex(LIST_V1)));
  }

  @Test
  void unknownVersionsAreRefused() {
    assertEquals("unknown DrfSplit serializer version 2",
        assertThrows(IOException.class, () -> new DrfSplit.Serializer().deserialize(2, new byte[0])).getMessage());
    assertEquals("unknown DrfSplit list serializer version 2",
        assertThrows(IOException.class, () -> new DrfSplit.ListSerializer().deserialize(2, new byte[0])).getMessage());
  }

  @Test
  void splitsGivenBackAreOrderedByChannelThenStart() {
    DrfSplit a1 = new DrfSplit("a#1", "/t", "a", 100, 200, Long.MIN_VALUE);
    DrfSplit a0 = new DrfSplit("a#0", "/t", "a", 0, 100, Long.MIN_VALUE);
    DrfSplit b0 = new DrfSplit("b#0", "/t", "b", 0, 100, Long.MIN_VALUE);
    List<DrfSplit> back = new java.util.ArrayList<>(List.of(b0, a1, a0));
    back.sort(DrfSplit.BACK_ORDER);
    assertEquals(List.of(a0, a1, b0), back);
  }
}
