package io.tickstream.jobs.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.IngestRun;
import io.tickstream.connectors.db.IngestRuns;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.core.signal.IqBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versioned reprocessing of the Phase 1 archive a live run saw: same version → identical rows (no
 * row changes), a new version → a side-by-side set with the same D_clock and the same 10 Hz samples
 * as the live (STREAMING) run, earlier files untouched, one ingest_run row with the parameters.
 */
class HfReprocessTest {
  static final HfScenario SCENARIO = new HfScenario(-2.7, 3);

  @TempDir
  Path tmp;

  @Test
  void reprocessingTheLiveArchiveReproducesLiveAndAddsVersions() throws Exception {
    List<IqBlock> blocks = SCENARIO.blocks();
    String url = "sqlite:///" + tmp.resolve("t.db").toAbsolutePath();
    Path data = tmp.resolve("data");
    try (Database db = Database.open(url)) {
      db.migrate();
    }
    HfJobConfig live = SCENARIO.config("v1", true, false);
    HfTimingJobTest.run(blocks, live, data, url, RuntimeExecutionMode.STREAMING);
    List<String> liveRows = HfTimingJobTest.rows(url, "v1");
    Path v1Csv = ClockOffsetFileSink.seriesDir(data, "FUSED", "v1").resolve(ClockOffsetFileSink.CSV);
    byte[] v1CsvBytes = Files.readAllBytes(v1Csv);
    assertEquals(SCENARIO.minutes * 4, liveRows.size(), "3 channels + FUSED per minute: " + liveRows);

    Path archive = tmp.resolve("archive");
    GeneratedArchive.write(archive, blocks, SCENARIO.channels);

    try (Database db = Database.open(url)) {
      HfReprocess.Result same = HfReprocess.run(new HfReprocess.Request(archive, List.of(), Long.MIN_VALUE,
          Long.MAX_VALUE, "v1", true, "test-rx", HfScenario.GRID, 2), db, data, "abc123", System.err);
      assertEquals(liveRows, HfTimingJobTest.rows(url, "v1"), "same version, same input: no row changes");
      assertTrue(same.realTimeFactor() > 0);

      HfReprocess.Result v2 = HfReprocess.run(new HfReprocess.Request(archive, List.of(), Long.MIN_VALUE,
          Long.MAX_VALUE, "v2", true, "test-rx", HfScenario.GRID, 2), db, data, "abc123", System.err);
      List<String> v2Rows = HfTimingJobTest.rows(url, "v2");
      assertEquals(values(liveRows), values(v2Rows), "bounded reprocessing gives the live D_clock rows");
      assertArrayEquals(v1CsvBytes, Files.readAllBytes(v1Csv), "v1 files untouched by v2");
      assertTrue(Files.isRegularFile(ClockOffsetFileSink.seriesDir(data, "FUSED", "v2").resolve(ClockOffsetFileSink.JSON)));

      for (String ch : SCENARIO.channels.keySet()) {
        try (DrfChannelReader a = DrfChannelReader.open(ProductDrfSink.productDir(data, "v1").resolve(ch));
            DrfChannelReader b = DrfChannelReader.open(ProductDrfSink.productDir(data, "v2").resolve(ch))) {
          long[] ba = a.bounds().orElseThrow();
          assertArrayEquals(ba, b.bounds().orElseThrow(), ch + " product bounds");
          int n = (int) (ba[1] - ba[0] + 1);
          assertEquals(SCENARIO.minutes * 600, n, ch + ": 600 samples per minute at 10 Hz");
          assertArrayEquals(a.read(ba[0], n).toDoubles(), b.read(ba[0], n).toDoubles(), 0.0,
              ch + ": live and bounded Phase 3 samples identical");
        }
      }
      IngestRun run = new IngestRuns(db, "x").find(v2.ingestRunId()).orElseThrow();
      assertEquals(IngestRun.OK, run.status());
      assertEquals("abc123", run.gitCommit());
      assertTrue(run.paramsJson().contains("v2"), run.paramsJson());
    }
  }

  /** Rows without processed_at (a new version is written by a new run). */
  static List<String> values(List<String> rows) {
    return rows.stream().map(r -> r.substring(0, r.lastIndexOf('|'))).toList();
  }
}
