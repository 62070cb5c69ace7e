package io.tickstream.connectors.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickstream.connectors.rtp.MalformedPacketException.Reason;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class StatusCodecTest {

  @Test
  void decodesTheChannelDescriptionRadiodSends() throws Exception {
    byte[] p = StatusCodec.Builder.status()
        .integer(StatusType.CMD_CNT, 0)          // zero ⇒ length 0
        .integer(StatusType.OUTPUT_SSRC, 10000)
        .dbl(StatusType.RADIO_FREQUENCY, 10e6)
        .integer(StatusType.OUTPUT_SAMPRATE, 20000)
        .integer(StatusType.OUTPUT_CHANNELS, 2)
        .integer(StatusType.OUTPUT_ENCODING, RtpEncoding.F32LE.code())
        .integer(StatusType.RTP_PT, 97)
        .integer(StatusType.GPS_TIME, 1_400_000_000_000_000_000L)
        .integer(StatusType.RTP_TIMESNAP, 0xfffffff0L)
        .string(StatusType.PRESET, "iq")
        .socket(StatusType.OUTPUT_DATA_DEST_SOCKET, new InetSocketAddress("239.1.2.3", 5004))
        .raw(StatusType.DESCRIPTION, new byte[200]) // extended length form
        .build();
    RadiodStatus s = StatusCodec.decode(p, 0, p.length);
    assertEquals(10000L, s.ssrc());
    assertEquals(10e6, s.frequencyHz());
    assertEquals(20000L, s.sampleRateHz());
    assertEquals(2, s.channels());
    assertEquals(RtpEncoding.F32LE, s.encoding());
    assertEquals(97, s.payloadType());
    assertEquals(0xfffffff0L, s.rtpTimesnap());
    assertEquals("iq", s.preset());
    assertEquals(new InetSocketAddress("239.1.2.3", 5004), s.dataDestination());
    assertEquals(1_400_000_000_000_000_000L + (315_964_800L - 18) * 1_000_000_000L, s.unixTimeNs());
  }

  @Test
  void shortFloatAndDoubleValuesAreLeftPadded() throws Exception {
    // 2.5 MHz as a double has trailing zero bytes but a non-zero top byte; a float-width value is a float
    byte[] asFloat = StatusCodec.Builder.status().integer(StatusType.OUTPUT_SSRC, 1)
        .integer(StatusType.RADIO_FREQUENCY, Float.floatToRawIntBits(5000.0f)).build();
    assertEquals(5000.0, StatusCodec.decode(asFloat, 0, asFloat.length).frequencyHz());
  }

  @Test
  void commandPacketsAreNotErrors() throws Exception {
    byte[] poll = new StatusCodec.Builder(StatusType.PKT_CMD).integer(StatusType.OUTPUT_SSRC, 5).build();
    assertNull(StatusCodec.decode(poll, 0, poll.length));
  }

  @Test
  void garbageIsRejectedWithAReason() {
    byte[] runsPastEnd = {0, (byte) StatusType.OUTPUT_SSRC, 40, 1, 2};
    assertEquals(Reason.BAD_STATUS, assertThrows(MalformedPacketException.class,
        () -> StatusCodec.decode(runsPastEnd, 0, runsPastEnd.length)).reason());
    byte[] badType = {7, 0};
    assertThrows(MalformedPacketException.class, () -> StatusCodec.decode(badType, 0, badType.length));
    byte[] longInt = StatusCodec.Builder.status().raw(StatusType.OUTPUT_SSRC, new byte[9]).build();
    assertThrows(MalformedPacketException.class, () -> StatusCodec.decode(longInt, 0, longInt.length));
    byte[] noSsrc = StatusCodec.Builder.status().dbl(StatusType.RADIO_FREQUENCY, 5e6).build();
    assertThrows(MalformedPacketException.class, () -> StatusCodec.decode(noSsrc, 0, noSsrc.length));
    byte[] badLen = {0, (byte) StatusType.OUTPUT_SSRC, (byte) 0x85, 0, 0, 0, 0, 1};
    assertThrows(MalformedPacketException.class, () -> StatusCodec.decode(badLen, 0, badLen.length));
  }

  @Test
  void derivesRadiodMulticastAddressFromName() throws Exception {
    // expected value computed independently (python) from ka9q-radio's make_maddr
    assertEquals("239.144.187.213", RtpEndpoints.resolveGroup("239.144.187.213").getHostAddress());
    int a = RtpEndpoints.makeMaddr("wwv-iq.local");
    assertEquals("239.144.187.213", ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255));
  }
}
