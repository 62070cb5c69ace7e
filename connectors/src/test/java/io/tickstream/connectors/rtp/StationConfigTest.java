package io.tickstream.connectors.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StationConfigTest {
  static final String GOOD = """
      [station]
      callsign = "AC0G"
      grid_square = "em38ww"
      receiver_name = "rx888-1"
      psws_station_id = "S000123"
      psws_instrument_id = "172"

      [radiod]
      data_group = "wwv-iq.local"
      status_group = "hf-status.local"

      [archive]
      compression_level = 6
      quota_gb_per_channel = 2.5

      [[channels]]
      name = "WWV_10MHz"
      frequency_hz = 10000000
      ssrc = "from status"
      stations = ["WWV", "wwvh"]

      [[channels]]
      name = "WWV_5MHz"
      frequency_hz = 5e6
      ssrc = 5000
      sample_rate_hz = 20000
      encoding = "float"
      stations = ["WWV", "WWVH"]
      """;

  @Test
  void readsAValidStation(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("station.toml");
    Files.writeString(f, GOOD);
    StationConfig c = StationConfig.load(f);
    assertEquals("AC0G", c.callsign());
    assertEquals("EM38ww", c.gridSquare());
    assertEquals("rx888-1", c.receiverName());
    assertEquals("S000123", c.pswsStationId());
    assertEquals("172", c.pswsInstrumentId());
    assertEquals("wwv-iq.local", c.endpoints().dataGroup());
    assertEquals(5004, c.endpoints().dataPort());
    assertEquals(5006, c.endpoints().statusPort());
    assertEquals(8 << 20, c.endpoints().receiveBufferBytes(), "default SO_RCVBUF request");
    assertEquals(32 << 20, StationConfig.parse(GOOD.replace("[radiod]\n", "[radiod]\nreceive_buffer_bytes = 33554432\n"),
        "st.toml").endpoints().receiveBufferBytes());
    StationConfigException tiny = assertThrows(StationConfigException.class, () -> StationConfig.parse(
        GOOD.replace("[radiod]\n", "[radiod]\nreceive_buffer_bytes = 1024\n"), "st.toml"));
    assertTrue(tiny.getMessage().contains("radiod.receive_buffer_bytes"), tiny.getMessage());
    assertEquals(6, c.compressionLevel());
    assertEquals(60_000, c.fileCadenceMs());
    assertEquals(2.5, c.quotaGbPerChannel());
    ChannelDeclaration a = c.channel("WWV_10MHz");
    assertNull(a.ssrc());
    assertEquals(10e6, a.frequencyHz());
    assertEquals(List.of("WWV", "WWVH"), a.stations());
    ChannelDeclaration b = c.channel("WWV_5MHz");
    assertEquals(5000L, b.ssrc());
    assertEquals(20000L, b.sampleRateHz());
    assertEquals(RtpEncoding.F32LE, b.encoding());
  }

  @Test
  void reportsEveryProblemNamingFileAndKey() {
    String bad = """
        [station]
        callsign = "AC0G"
        grid_square = "ZZ99"

        [archive]
        file_cadence_ms = 7000
        compresion_level = 3

        [[channels]]
        name = "WWV 10"
        frequency_hz = -1
        ssrc = "soon"
        encoding = "opus"
        stations = ["WWV", "BBC"]

        [[channels]]
        name = "X"
        frequency_hz = 5e6
        stations = ["WWV"]

        [[channels]]
        name = "X"
        frequency_hz = 5e6
        stations = ["WWV"]
        """;
    StationConfigException e = assertThrows(StationConfigException.class, () -> StationConfig.parse(bad, "st.toml"));
    String m = e.getMessage();
    for (String expected : List.of(
        "st.toml: station.grid_square: \"ZZ99\" is not",
        "st.toml: station.receiver_name: missing",
        "st.toml: archive.file_cadence_ms: 7000 must divide the hour",
        "channels[0].name: \"WWV 10\" must be",
        "channels[0].frequency_hz: -1.0 is not a receivable frequency",
        "channels[0].ssrc: \"soon\" must be \"from_status\" or an integer",
        "channels[0].encoding: OPUS cannot be archived",
        "channels[0].stations: unknown station \"BBC\"",
        "channels[2].name: \"X\" declared twice")) {
      assertTrue(m.contains(expected), "missing \"" + expected + "\" in:\n" + m);
    }
  }

  @Test
  void syntaxErrorsAndMissingChannelsAreClear() {
    StationConfigException e = assertThrows(StationConfigException.class,
        () -> StationConfig.parse("[station\ncallsign=1", "x.toml"));
    assertTrue(e.getMessage().startsWith("x.toml: not valid TOML"), e.getMessage());
    StationConfigException e2 = assertThrows(StationConfigException.class, () -> StationConfig.parse(
        "[station]\ncallsign=\"AC0G\"\ngrid_square=\"EM38\"\nreceiver_name=\"r\"\n", "y.toml"));
    assertTrue(e2.getMessage().contains("y.toml: no [[channels]] declared"), e2.getMessage());
  }
}
