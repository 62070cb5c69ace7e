package io.tickstream.jobs.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.IngestRuns;
import io.tickstream.connectors.db.testing.TestDatabases;
import io.tickstream.connectors.gap.PhaseGapDbSink;
import io.tickstream.connectors.gap.PhaseGapRecord;
import io.tickstream.connectors.gap.PhaseGapStore;
import io.tickstream.connectors.series.ObservationPoller;
import io.tickstream.connectors.series.SeriesObservation;
import io.tickstream.connectors.series.SeriesStore;
import java.nio.file.Path;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.io.TempDir;
import io.tickstream.core.gap.LeapHandling;
import io.tickstream.core.gap.PhaseConversion;
import io.tickstream.core.gap.PhaseGapFitter;
import io.tickstream.core.gap.SeriesPoint;
import io.tickstream.core.time.LeapSecondTable;
import io.tickstream.jobs.testing.CollectingSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The phase-gap job graph on a Flink MiniCluster: same rows in BATCH and STREAMING, equal to direct fits. */
class PhaseGapJobTest {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final long DAY_NS = 86_400_000_000_000L;

  static long ns(String iso) {
    return Instant.parse(iso).getEpochSecond() * 1_000_000_000L;
  }

  static final LeapSecondTable TABLE = new LeapSecondTable(List.of(
      new LeapSecondTable.Step(ns("2015-07-01T00:00:00Z"), 36),
      new LeapSecondTable.Step(ns("2017-01-01T00:00:00Z"), 37)), Long.MAX_VALUE);

  static List<SeriesPoint> series() {
    Random rnd = new Random(5);
    List<SeriesPoint> pts = new ArrayList<>();
    long start = ns("2016-11-01T00:00:00Z");
    for (int d = 0; d < 120; d++) {
      long t = start + d * DAY_NS;
      double v = -36.40 - 0.0005 * d + 0.0001 * rnd.nextGaussian() + TABLE.taiMinusUtcSeconds(t);
      pts.add(new SeriesPoint(t, v, 1e-4));
    }
    return pts;
  }

  static PhaseGapFitter.Params params() {
    return new PhaseGapFitter.Params("s", PhaseConversion.earthRotationAngle(), LeapHandling.X_MINUS_UTC, 0.95, 10);
  }

  List<PhaseGapRecord> run(RuntimeExecutionMode mode, String name, double stepSeconds) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(mode);
    env.setParallelism(1);
    PhaseGapJob.Settings s = new PhaseGapJob.Settings("test:ut1", "pgm-t", 20, stepSeconds,
        ns("2016-12-01T00:00:00Z"), params(), true, 7L, Map.of("git_commit", "abc"));
    CollectingSink<PhaseGapRecord> sink = new CollectingSink<>("phase-gap-" + name);
    PhaseGapJob.build(env.fromData(series()), s, TABLE, sink);
    env.execute(name);
    List<PhaseGapRecord> out = new ArrayList<>(sink.items());
    out.sort(Comparator.comparingLong(r -> r.fit().asOfUtcNs()));
    return out;
  }

  @Test
  void batchAndStreamingGiveTheSameRowsAsDirectFits() throws Exception {
    List<PhaseGapRecord> batch = run(RuntimeExecutionMode.BATCH, "batch", 0);
    List<PhaseGapRecord> streaming = run(RuntimeExecutionMode.STREAMING, "streaming", 0);
    // as_of from 2016-12-01 (day 30) to day 119
    assertEquals(90, batch.size());
    assertEquals(batch, streaming);
    List<SeriesPoint> all = series();
    for (PhaseGapRecord r : List.of(batch.get(0), batch.get(31), batch.get(89))) {
      long asOf = r.fit().asOfUtcNs();
      List<SeriesPoint> w = all.stream().filter(p -> p.tUtcNs() <= asOf && p.tUtcNs() >= asOf - 20 * DAY_NS).toList();
      assertEquals(new PhaseGapFitter(params(), TABLE).fit(w), r.fit());
      assertTrue(r.provenanceJson().contains("\"stream\":\"test:ut1\""), r.provenanceJson());
      assertEquals(7L, r.ingestRunId());
    }
    // windows spanning 2017-01-01 have the leap second removed, and the slope stays near −0.5 ms/day
    PhaseGapRecord across = batch.get(31);
    assertEquals(1, across.fit().leapSecondsRemoved());
    double sPerDay = across.fit().slopeRadPerDay() / PhaseConversion.earthRotationAngle().radiansPerSecond();
    assertEquals(-0.0005, sPerDay, 0.00005);
  }

  /**
   * Streaming as observations arrive: the job polls {@code observation} (SQLite), fits each new
   * observation as soon as it is stored, and ends with exactly the rows of the bounded run.
   */
  @Test
  void streamingJobFitsObservationsAsTheyArrive(@TempDir Path dir) throws Exception {
    String url = TestDatabases.freshSqliteUrl(dir);
    try (Database db = Database.open(url)) {
      db.migrate();
      SeriesStore store = new SeriesStore(db);
      long streamId = store.register(new SeriesStore.StreamDef("test", "test", "test:ut1", "s", "synthetic", 86400,
          "x-minus-utc", "era", "file:csv", null));
      long run = new IngestRuns(db, "test").start("test", Map.of(), null);
      List<SeriesObservation> obs = series().stream()
          .map(p -> new SeriesObservation(p.tUtcNs(), p.value(), p.uncertainty(), 0, Map.of())).toList();
      store.upsert(streamId, run, obs.subList(0, 60));

      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
      env.setParallelism(1);
      env.getConfig().setAutoWatermarkInterval(50);
      PhaseGapJob.Settings s = new PhaseGapJob.Settings("test:ut1", "pgm-t", 20, 0,
          ns("2016-12-01T00:00:00Z"), params(), true, run, Map.of("git_commit", "abc"));
      PhaseGapJob.build(ObservationPoller.stream(env, new ObservationPoller(url, "test:ut1", null, 0), 0.2), s, TABLE,
          new PhaseGapDbSink(url));
      JobClient job = env.executeAsync("streaming gap fit");
      try {
        PhaseGapStore gaps = new PhaseGapStore(db);
        awaitRows(gaps, 30);
        store.upsert(streamId, run, obs.subList(60, 120));
        awaitRows(gaps, 90);
        List<PhaseGapRecord> batch = run(RuntimeExecutionMode.BATCH, "batch-for-streaming", 0);
        List<Map<String, Object>> rows = gaps.fits("test:ut1", "pgm-t");
        assertEquals(batch.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
          assertEquals(batch.get(i).fit().phaseGapRad(), (double) rows.get(i).get("phase_gap_rad"), 0);
          assertEquals(batch.get(i).fit().slopeRadPerDay(), (double) rows.get(i).get("slope_rad_per_day"), 0);
        }
      } finally {
        job.cancel().get();
      }
    }
  }

  static void awaitRows(PhaseGapStore gaps, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (gaps.fits("test:ut1", "pgm-t").size() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("streaming job wrote " + gaps.fits("test:ut1", "pgm-t").size() + " of " + n + " fits");
      }
      Thread.sleep(100);
    }
  }

  @Test
  void stepEmitsOneFitPerBucket() throws Exception {
    List<PhaseGapRecord> weekly = run(RuntimeExecutionMode.BATCH, "weekly", 7 * 86400);
    assertTrue(weekly.size() >= 12 && weekly.size() <= 14, "weekly fits: " + weekly.size());
  }
}
