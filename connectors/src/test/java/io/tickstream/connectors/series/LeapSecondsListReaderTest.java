package io.tickstream.connectors.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.testing.SharedData;
import io.tickstream.core.time.LeapSecondTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeapSecondsListReaderTest {
  static final Path FILE = SharedData.path("data/timescales/leap-seconds.list_tzdata2026f");

  private static long ns(String iso) {
    return Instant.parse(iso).getEpochSecond() * 1_000_000_000L;
  }

  /** Acceptance: 10 s from 1972-01-01, then 27 one-second steps to 37 s since 2017-01-01. */
  @Test
  void realFileLoadsAsTaiMinusUtc() throws IOException {
    LoadedSeries s = LeapSecondsListReader.readSeries(FILE);
    List<SeriesObservation> obs = s.observations();
    assertEquals(28, obs.size());
    assertEquals("s", s.unit());
    assertEquals(ns("1972-01-01T00:00:00Z"), obs.get(0).tUtcNs());
    assertEquals(10.0, obs.get(0).value());
    for (int i = 1; i < obs.size(); i++) {
      assertEquals(1.0, obs.get(i).value() - obs.get(i - 1).value(), "step " + i + " is one second");
      assertTrue(obs.get(i).tUtcNs() > obs.get(i - 1).tUtcNs());
    }
    assertEquals(ns("2017-01-01T00:00:00Z"), obs.get(27).tUtcNs());
    assertEquals(37.0, obs.get(27).value());

    LeapSecondTable t = LeapSecondsListReader.read(FILE).table();
    assertEquals(36, t.taiMinusUtcSeconds(ns("2016-12-31T23:59:59Z")));
    assertEquals(37, t.taiMinusUtcSeconds(ns("2017-01-01T00:00:00Z")));
    assertEquals(37, t.taiMinusUtcSeconds(ns("2026-07-23T00:00:00Z")));
    assertEquals(ns("2027-06-28T00:00:00Z"), t.expiresUtcNs(), "#@ 4023129600 = 2027-06-28");
    assertThrows(IllegalArgumentException.class, () -> t.taiMinusUtcSeconds(ns("1971-12-31T00:00:00Z")));
  }

  @Test
  void tamperedFileFailsTheHashCheck(@TempDir Path dir) throws IOException {
    String text = Files.readString(FILE).replace("3692217600      37", "3692217600      38");
    Path bad = dir.resolve("leap-seconds.list");
    Files.writeString(bad, text);
    IOException e = assertThrows(IOException.class, () -> LeapSecondsListReader.read(bad));
    assertTrue(e.getMessage().contains("hash mismatch"), e.getMessage());
  }
}
