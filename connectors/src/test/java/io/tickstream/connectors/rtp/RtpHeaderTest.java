package io.tickstream.connectors.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.rtp.MalformedPacketException.Reason;
import org.junit.jupiter.api.Test;

class RtpHeaderTest {

  @Test
  void parsesFixedHeaderFieldsAndPayloadBounds() throws Exception {
    byte[] b = new byte[12 + 8];
    RtpHeader.write(b, 0, 97, true, 0xfffe, 0xfffffff0L, 0xdeadbeefL);
    RtpHeader h = RtpHeader.parse(b, 0, b.length);
    assertEquals(97, h.payloadType());
    assertTrue(h.marker());
    assertEquals(0xfffe, h.sequence());
    assertEquals(0xfffffff0L, h.timestamp());
    assertEquals(0xdeadbeefL, h.ssrc());
    assertEquals(12, h.payloadOffset());
    assertEquals(8, h.payloadLength());
  }

  @Test
  void skipsCsrcsExtensionAndPadding() throws Exception {
    // 2 CSRCs, a 1-word extension, 4 payload bytes, 3 padding bytes
    byte[] b = new byte[12 + 8 + 8 + 4 + 3];
    RtpHeader.write(b, 0, 10, false, 1, 2, 3);
    b[0] = (byte) (0x80 | 0x20 | 0x10 | 2);
    b[12 + 8 + 3] = 1; // extension length 1 word
    b[b.length - 1] = 3;
    RtpHeader h = RtpHeader.parse(b, 0, b.length);
    assertEquals(12 + 8 + 8, h.payloadOffset());
    assertEquals(4, h.payloadLength());
  }

  @Test
  void rejectsShortHeaderWrongVersionAndBadPadding() {
    assertEquals(Reason.SHORT_HEADER,
        assertThrows(MalformedPacketException.class, () -> RtpHeader.parse(new byte[11], 0, 11)).reason());
    byte[] v1 = new byte[20];
    v1[0] = 0x40;
    assertEquals(Reason.BAD_VERSION, assertThrows(MalformedPacketException.class, () -> RtpHeader.parse(v1, 0, 20)).reason());
    byte[] csrc = new byte[16];
    csrc[0] = (byte) (0x80 | 3); // claims 3 CSRCs (12 bytes) in a 16-byte packet
    assertEquals(Reason.SHORT_HEADER, assertThrows(MalformedPacketException.class, () -> RtpHeader.parse(csrc, 0, 16)).reason());
    byte[] pad = new byte[14];
    pad[0] = (byte) 0xa0;
    pad[13] = 9; // 9 padding bytes but only 2 after the header
    assertEquals(Reason.BAD_PADDING, assertThrows(MalformedPacketException.class, () -> RtpHeader.parse(pad, 0, 14)).reason());
  }
}
