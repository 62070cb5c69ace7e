package io.tickstream.jobs.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.drf.DrfSamples;
import io.tickstream.core.signal.IqBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HF job graph on a Flink MiniCluster (local environment) from generator-made IQ blocks. */
class HfTimingJobTest {
  static final HfScenario SCENARIO = new HfScenario(3.2, 4);
  static List<IqBlock> blocks;

  @TempDir
  Path tmp;

  @BeforeAll
  static void generate() {
    blocks = SCENARIO.blocks();
  }

  static void run(List<IqBlock> input, HfJobConfig config, Path dataDir, String dbUrl, RuntimeExecutionMode mode)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.setRuntimeMode(mode);
    HfTimingJob.build(env.fromData(input).setParallelism(1), config,
        HfTimingJob.standardSinks(dbUrl, null, dataDir, config));
    env.execute("hf-test");
  }

  static List<String> rows(String dbUrl, String version) throws Exception {
    List<String> out = new ArrayList<>();
    try (Database db = Database.open(dbUrl); Connection c = db.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT channel, minute_utc, clock_offset_ms, uncertainty_ms, quality_grade, "
            + "propagation_mode, processed_at FROM clock_offset WHERE version = '" + version
            + "' ORDER BY channel, minute_utc")) {
      while (rs.next()) {
        out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getObject(3) + "|" + rs.getObject(4) + "|"
            + rs.getString(5) + "|" + rs.getString(6) + "|" + rs.getString(7));
      }
    }
    return out;
  }

  String migratedDb() {
    String url = "sqlite:///" + tmp.resolve("t.db").toAbsolutePath();
    try (Database db = Database.open(url)) {
      db.migrate();
    }
    return url;
  }

  @Test
  void phase2AndPhase3Streaming() throws Exception {
    String db = migratedDb();
    HfJobConfig config = SCENARIO.config("v1", true, false);
    run(blocks, config, tmp, db, RuntimeExecutionMode.STREAMING);

    List<String> fused = rows(db, "v1").stream().filter(r -> r.startsWith("FUSED|")).toList();
    System.out.println(String.join("\n", rows(db, "v1")));
    assertEquals(SCENARIO.minutes, fused.size(), "one fused row per minute: " + fused);
    for (String r : fused) {
      double d = Double.parseDouble(r.split("\\|")[2]);
      assertEquals(SCENARIO.dClockMs, d, 0.5, "fused D_clock " + r);
    }
    Path csv = ClockOffsetFileSink.seriesDir(tmp, "FUSED", "v1").resolve(ClockOffsetFileSink.CSV);
    assertEquals(SCENARIO.minutes + 1, Files.readAllLines(csv).size());
    assertTrue(Files.isRegularFile(ClockOffsetFileSink.seriesDir(tmp, "WWV_10_MHz", "v1")
        .resolve(ClockOffsetFileSink.JSON)));

    // Phase 3: burst appears at its UTC instant, half amplitude at the edge, phase unchanged (zero lag)
    Path burst = ProductDrfSink.productDir(tmp, "v1").resolve("BURST");
    try (DrfChannelReader r = DrfChannelReader.open(burst)) {
      long[] b = r.bounds().orElseThrow();
      assertEquals(HfScenario.START_NS / 100_000_000L, b[0], "product starts at the first UTC 10 Hz instant");
      assertEquals(SCENARIO.minutes * 600L, b[1] - b[0] + 1, "600 samples per minute");
      long edge = SCENARIO.burstUtcNs / 100_000_000L;
      DrfSamples s = r.read(edge - 20, 41);
      double[] v = s.toDoubles();
      double re = v[2 * 20];
      double im = v[2 * 20 + 1];
      System.out.printf("product bounds %d..%d; at edge |x| = %.4f, phase %.4f%n", b[0], b[1], Math.hypot(re, im),
          Math.atan2(im, re));
      assertEquals(0.5 * HfScenario.BURST_AMPLITUDE, Math.hypot(re, im), 0.05 * HfScenario.BURST_AMPLITUDE);
      assertEquals(HfScenario.BURST_PHASE_RAD, Math.atan2(im, re), 0.01);
      assertEquals(0, Math.hypot(v[0], v[1]), 0.01);
      assertEquals(HfScenario.BURST_AMPLITUDE, Math.hypot(v[2 * 40], v[2 * 40 + 1]), 0.01);
    }
  }
}
