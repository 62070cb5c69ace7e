package io.tickstream.connectors.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSeriesReaderTest {

  @Test
  void loadsGoodRowsAndRejectsBadOnesWithLineNumbers(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("gap.csv");
    Files.writeString(f, String.join("\n",
        "# comment",
        "t_utc,value,uncertainty",
        "2026-01-02T00:00:00Z,1.5,0.1",
        "2026-01-01T00:00:00Z,1.0,",
        "2026-01-03T00:00:00+02:00,2.0,0.2",
        "2016-12-31T23:59:60Z,9,0.1",
        "2026-01-04T00:00:00Z,NaN,0.1",
        "2026-01-05T00:00:00Z,abc,0.1",
        "2026-01-06T00:00:00Z,1.0,-1",
        "2026-01-02T00:00:00Z,7,0.1",
        "2026-01-07T00:00:00Z",
        ""));
    LoadedSeries s = CsvSeriesReader.read(f, "ms", "none");
    assertEquals(3, s.observations().size());
    assertEquals(1.0, s.observations().get(0).value(), "sorted by time");
    assertTrue(Double.isNaN(s.observations().get(0).uncertainty()));
    assertEquals(2.0, s.observations().get(2).value());
    assertEquals(java.time.Instant.parse("2026-01-02T22:00:00Z").getEpochSecond() * 1_000_000_000L,
        s.observations().get(2).tUtcNs(), "+02:00 midnight is 2026-01-02T22:00Z");
    assertEquals(6, s.rejects().size());
    assertEquals(6, s.rejects().get(0).lineNumber());
    assertTrue(s.rejects().get(0).reason().contains("23:59:60"), s.rejects().get(0).reason());
    assertTrue(s.rejects().get(1).reason().contains("not finite"));
    assertTrue(s.rejects().get(4).reason().contains("duplicate"));
    assertEquals(11, s.rejects().get(5).lineNumber());
  }

  @Test
  void wrongHeaderIsAnError(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("x.csv");
    Files.writeString(f, "time,val\n2026-01-01T00:00:00Z,1\n");
    IOException e = assertThrows(IOException.class, () -> CsvSeriesReader.read(f, "s", "none"));
    assertTrue(e.getMessage().startsWith("x.csv:1: header"), e.getMessage());
  }
}
