package io.tickstream.jobs.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.rtp.RawArchiveSettings;
import io.tickstream.connectors.rtp.RtpIngestOptions;
import io.tickstream.connectors.rtp.RtpSource;
import io.tickstream.connectors.rtp.RtpSourceConfig;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.connectors.rtp.UdpPorts;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.jobs.record.RecordJob;
import io.tickstream.jobs.testing.TestStation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live graph end to end over real UDP on loopback: a simulated radiod sends generator-made WWV
 * IQ (known receiver clock offset) as RTP; RtpSource → Phase 1 archive (RecordJob) and, from the same
 * blocks, the HF timing graph → D_clock rows and the 10 Hz product.
 */
class HfRtpEndToEndTest {
  static final int FS = 8000;
  static final double D_CLOCK_MS = 2.1;
  /** 10 s before 2025-06-15 14:04 UTC: one complete minute (14:04) with margins. */
  static final long START_NS = Instant.parse("2025-06-15T14:03:50Z").getEpochSecond() * 1_000_000_000L;
  static final long MINUTE_NS = START_NS + 10_000_000_000L;

  @TempDir
  Path tmp;

  @Test
  void simulatedRadiodToDclockRowsAndProduct() throws Exception {
    int dp = UdpPorts.free();
    int sp = UdpPorts.free();
    StationConfig st = StationConfig.parse(TestStation.wwv("rtp-rx", dp, sp), "test station");
    Path data = tmp.resolve("data");
    RawArchiveSettings settings = RawArchiveSettings.of(data, st);
    RtpSourceConfig src = new RtpSourceConfig(st.endpoints(), st.channels(), RtpIngestOptions.DEFAULTS, false, 4096, 2500);
    String url = "sqlite:///" + tmp.resolve("t.db").toAbsolutePath();
    try (Database db = Database.open(url)) {
      db.migrate();
    }
    HfJobConfig config = HfJobConfig.of("rtp-rx", "EM38ww", "v1",
        Map.of("WWV_10_MHz", 10e6, "WWV_15_MHz", 15e6), true, false);

    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, tmp.resolve("cp").toUri().toString());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    env.enableCheckpointing(1000);
    DataStream<IqBlock> iq = RecordJob.build(env, new RtpSource(src), settings);
    HfTimingJob.build(iq, config, HfTimingJob.standardSinks(url, null, data, config));
    SimulatedWwv.runWith(env, "hf rtp e2e", dp, sp,
        SimulatedWwv.radiod("EM38ww", FS, D_CLOCK_MS, START_NS, 75_000_000_000L, MINUTE_NS));

    List<String> rows = HfTimingJobTest.rows(url, "v1");
    String fused = rows.stream().filter(r -> r.startsWith("FUSED|2025-06-15T14:04:00")).findFirst()
        .orElseThrow(() -> new AssertionError("no fused row for 14:04: " + rows));
    double d = Double.parseDouble(fused.split("\\|")[2]);
    assertEquals(D_CLOCK_MS, d, 0.5, fused);
    try (DrfChannelReader r = DrfChannelReader.open(ProductDrfSink.productDir(data, "v1").resolve("WWV_10_MHz"))) {
      long first = MINUTE_NS / 100_000_000L;
      double[] v = r.read(first, 600).toDoubles();
      int finite = 0;
      for (double x : v) {
        finite += Double.isFinite(x) ? 1 : 0;
      }
      assertEquals(1200, finite, "the whole UTC minute 14:04 is in the 10 Hz product");
    }
    assertTrue(DrfChannelReader.open(settings.top().resolve("WWV_10_MHz")).bounds().isPresent(), "Phase 1 archive");
  }
}
