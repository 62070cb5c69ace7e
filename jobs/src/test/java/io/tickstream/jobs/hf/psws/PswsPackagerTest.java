package io.tickstream.jobs.hf.psws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstream.cli.TickstreamCli;
import io.tickstream.connectors.drf.DigitalMetadataReader;
import io.tickstream.connectors.drf.DigitalRfReader;
import io.tickstream.connectors.drf.DigitalRfWriter;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.drf.DrfDtype;
import io.tickstream.connectors.drf.DrfFormat;
import io.tickstream.connectors.drf.DrfSamples;
import io.tickstream.connectors.drf.DrfWriterOptions;
import io.tickstream.connectors.drf.H5DatasetTypes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A tiny 2-channel 10 Hz product packaged for PSWS through the CLI and read back. */
class PswsPackagerTest {
  private static final LocalDate DAY = LocalDate.of(2025, 6, 15);
  private static final long START = DAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 10;
  static final String STATION = """
      [station]
      callsign = "AC0G"
      grid_square = "EM38ww"
      receiver_name = "rx888"
      psws_station_id = "S000123"
      psws_instrument_id = "172"

      [[channels]]
      name = "WWV_10MHz"
      frequency_hz = 10000000
      ssrc = "from_status"
      stations = ["WWV", "WWVH"]

      [[channels]]
      name = "CHU_3330kHz"
      frequency_hz = 3330000
      ssrc = "from_status"
      stations = ["CHU"]
      """;

  /** Distinct, non-zero values: channel tag c, sample index i. */
  private static float[] signal(int c, long from, int n) {
    float[] v = new float[2 * n];
    for (int k = 0; k < n; k++) {
      long i = from + k - START;
      v[2 * k] = c * 1000f + i * 0.5f;
      v[2 * k + 1] = -c * 1000f - i * 0.25f;
    }
    return v;
  }

  private static void writeProduct(Path product, String channel, int c, long[][] runs) {
    DrfWriterOptions o = DrfWriterOptions.defaults().withCadences(86_400, 3_600_000).withContinuous(false);
    try (DigitalRfWriter w = DigitalRfWriter.create(product, channel, o,
        new DrfFormat(DrfDtype.FLOAT32, 10, 1, true, 1))) {
      for (long[] r : runs) {
        w.write(DrfSamples.ofFloats(r[0], true, 1, signal(c, r[0], (int) r[1])));
      }
    }
  }

  @Test
  void packagesADayWithNaNFillMetadataAndGapSummary(@TempDir Path tmp) throws Exception {
    Path dataDir = tmp.resolve("data");
    Path product = dataDir.resolve("processed/v1");
    // WWV 10 MHz: the previous day's last minute (must be left out), minutes 0-2, minute 100
    writeProduct(product, "WWV_10MHz", 1, new long[][] {{START - 600, 600}, {START, 1800}, {START + 60_000, 600}});
    // CHU 3.33 MHz: minute 1, half of minute 500, the next day's first minute (left out)
    writeProduct(product, "CHU_3330kHz", 2,
        new long[][] {{START + 600, 600}, {START + 300_000, 300}, {START + 864_000, 600}});
    Path toml = tmp.resolve("station.toml");
    Files.writeString(toml, STATION);
    Path out = tmp.resolve("out");

    StringWriter so = new StringWriter();
    CommandLine cl = TickstreamCli.commandLine();
    cl.setOut(new PrintWriter(so, true));
    int rc = cl.execute("psws", "package", "--data-dir", dataDir.toString(), "--version", "v1",
        "--date", "2025-06-15", "--config", toml.toString(), "--out", out.toString());
    assertEquals(0, rc, so.toString());

    Path obs = out.resolve("AC0G_EM38ww/rx888@S000123_172/OBS2025-06-15T00-00");
    assertTrue(so.toString().contains(obs.toString()), so.toString());
    assertEquals(List.of("ch0"), DigitalRfReader.channels(obs));
    try (DrfChannelReader r = DigitalRfReader.channel(obs, "ch0")) {
      assertEquals(2, r.properties().numSubchannels());
      assertTrue(r.properties().complex());
      assertEquals(new DrfFormat(DrfDtype.FLOAT32, 10, 1, true, 2), DrfFormat.of(r.properties()));
      assertEquals(START, r.bounds().orElseThrow()[0]);
      assertEquals(START + 864_000 - 1, r.bounds().orElseThrow()[1]);
      assertEquals(24, r.files().size(), "hourly files");
      float[] v = r.read(START, 864_000).toFloats();
      assertEquals(864_000 * 4, v.length);
      float[] chu = new float[864_000 * 2];
      float[] wwv = new float[864_000 * 2];
      for (int i = 0; i < 864_000; i++) {
        chu[2 * i] = v[4 * i];
        chu[2 * i + 1] = v[4 * i + 1];
        wwv[2 * i] = v[4 * i + 2];
        wwv[2 * i + 1] = v[4 * i + 3];
      }
      // subchannel 0 = CHU 3.33 MHz (lower frequency), subchannel 1 = WWV 10 MHz
      assertRuns(chu, 2, new long[][] {{600, 600}, {300_000, 300}});
      assertRuns(wwv, 1, new long[][] {{0, 1800}, {60_000, 600}});
    }

    DigitalMetadataReader md = DigitalMetadataReader.open(obs.resolve("ch0/metadata"));
    assertEquals(86_400, md.properties().subdirCadenceSecs());
    assertEquals(1, md.records().size());
    DigitalMetadataReader.Record rec = md.records().get(0);
    assertEquals(START, rec.sample());
    Map<String, Object> m = rec.values();
    assertEquals("AC0G", m.get("callsign"));
    assertEquals("EM38ww", m.get("grid_square"));
    assertEquals("rx888", m.get("receiver_name"));
    assertEquals("S000123", m.get("uuid_str"));
    assertEquals(38.9375, ((Number) m.get("lat")).doubleValue(), 1e-6);
    assertEquals(-92.125, ((Number) m.get("long")).doubleValue(), 1e-6);
    Path mdFile;
    try (java.util.stream.Stream<Path> s = Files.walk(obs.resolve("ch0/metadata"))) {
      mdFile = s.filter(p -> p.getFileName().toString().startsWith("metadata@")).findFirst().orElseThrow();
    }
    assertEquals(Map.of("lat", "float/4/le", "long", "float/4/le", "center_frequencies", "float/8/le"),
        H5DatasetTypes.of(mdFile, Long.toString(START), List.of("lat", "long", "center_frequencies")),
        "lat/long np.single (DOMAIN.md §4.1), frequencies float64");
    List<?> f = (List<?>) m.get("center_frequencies");
    assertEquals(3.33, ((Number) f.get(0)).doubleValue(), 1e-12);
    assertEquals(10.0, ((Number) f.get(1)).doubleValue(), 1e-12);

    JsonNode g = new ObjectMapper().readTree(obs.resolve("gap_summary.json").toFile());
    assertEquals(START, g.get("start_index").asLong());
    assertEquals(864_000, g.get("samples_expected_per_channel").asLong());
    JsonNode c0 = g.get("channels").get(0);
    assertEquals("CHU_3330kHz", c0.get("channel").asText());
    assertEquals(900, c0.get("samples_present").asLong());
    assertEquals(1, c0.get("minutes_complete").asInt());
    assertEquals(1, c0.get("minutes_partial").asInt());
    assertEquals(1438, c0.get("minutes_missing").asInt());
    JsonNode c1 = g.get("channels").get(1);
    assertEquals("WWV_10MHz", c1.get("channel").asText());
    assertEquals(2400, c1.get("samples_present").asLong());
    assertEquals(4, c1.get("minutes_complete").asInt());
    assertEquals(0, c1.get("minutes_partial").asInt());
    assertEquals(100.0 * 3300 / 1_728_000, g.get("completeness_percent").asDouble(), 1e-12);

    // a second run never overwrites the package
    IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
        () -> PswsPackager.packageDay(dataDir, "v1", DAY, io.tickstream.connectors.rtp.StationConfig.load(toml), out));
    assertTrue(again.getMessage().contains("already exists"), again.getMessage());
  }

  @Test
  void channelMissingFromTheStationConfigIsNamed(@TempDir Path tmp) throws Exception {
    Path dataDir = tmp.resolve("data");
    writeProduct(dataDir.resolve("processed/v1"), "WWV_15MHz", 1, new long[][] {{START, 600}});
    Path toml = tmp.resolve("station.toml");
    Files.writeString(toml, STATION);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PswsPackager.packageDay(
        dataDir, "v1", DAY, io.tickstream.connectors.rtp.StationConfig.load(toml), tmp.resolve("out")));
    assertTrue(e.getMessage().contains("WWV_15MHz"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  /** Samples inside the runs equal the product's values; every other sample is NaN (never zero). */
  private static void assertRuns(float[] iq, int c, long[][] runs) {
    boolean[] in = new boolean[864_000];
    for (long[] r : runs) {
      float[] want = signal(c, START + r[0], (int) r[1]);
      for (int k = 0; k < r[1]; k++) {
        int i = (int) r[0] + k;
        in[i] = true;
        assertEquals(want[2 * k], iq[2 * i], "I at " + i);
        assertEquals(want[2 * k + 1], iq[2 * i + 1], "Q at " + i);
      }
    }
    for (int i = 0; i < 864_000; i++) {
      if (!in[i]) {
        assertTrue(Float.isNaN(iq[2 * i]) && Float.isNaN(iq[2 * i + 1]), "sample " + i + " should be NaN");
      }
    }
  }
}
