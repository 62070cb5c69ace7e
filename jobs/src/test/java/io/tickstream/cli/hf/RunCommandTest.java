package io.tickstream.cli.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.rtp.UdpPorts;
import io.tickstream.jobs.hf.SimulatedWwv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tickstream run --config station.toml} itself, through picocli on a MiniCluster, embedded (RTP
 * input): a simulated radiod sends WWV 10/15 MHz with a known receiver clock offset over loopback UDP; the
 * command prints where its outputs went, and those outputs hold the Phase 1 archive, the D_clock rows
 * and series of the complete minute within 0.5 ms of the truth, and the minute's 10 Hz product.
 */
class RunCommandTest {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final int FS = 8000;
  static final double D_CLOCK_MS = 1.9;
  static final long START_NS = Instant.parse("2025-06-15T14:03:50Z").getEpochSecond() * 1_000_000_000L;
  static final long MINUTE_NS = START_NS + 10_000_000_000L;

  @Test
  void runsTheStationFileEmbeddedAndSaysWhereEverythingWent(@TempDir Path dir) throws Exception {
    int dp = UdpPorts.free();
    int sp = UdpPorts.free();
    Path station = LiveRun.writeStation(dir, "run-rx", dp, sp);
    Path data = dir.resolve("data");
    String url = "sqlite:///" + dir.resolve("t.db").toAbsolutePath();
    LiveRun run = LiveRun.run(new RunCommand(), "--config", station.toString(), "--data-dir", data.toString(),
        "--db-url", url, "--checkpoint-interval", "1", "--idle-stop", "3");
    run.feed(dp, sp, SimulatedWwv.radiod("EM38ww", FS, D_CLOCK_MS, START_NS, 75_000_000_000L, MINUTE_NS), p -> {});
    assertEquals(0, run.rc.get(300, TimeUnit.SECONDS), run.text());

    String out = run.text();
    Path cpRoot = data.resolve("checkpoints/run/AC0G-run-rx");
    for (String line : List.of("run: starting a new session (no retained checkpoint under " + cpRoot + ")",
        "run: input ended", "raw archive        " + data.resolve("raw_archive"),
        "clock_offset rows  version v1 in sqlite:", "D_clock series     " + data.resolve("clock_offset/<CHANNEL|FUSED>/v1"),
        "10 Hz UTC product  " + data.resolve("processed/v1"))) {
      assertTrue(out.contains(line), line + " in\n" + out);
    }

    // D_clock: the table's fused row and the FUSED series file agree, within 0.5 ms of the truth
    double fused = Double.NaN;
    try (Database db = Database.open(url); Connection c = db.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT clock_offset_ms, ingest_run_id FROM clock_offset WHERE channel = 'FUSED'"
            + " AND version = 'v1' AND receiver = 'run-rx' AND minute_utc LIKE '2025-06-15T14:04:00%'")) {
      assertTrue(rs.next(), "fused row of 14:04");
      fused = rs.getDouble(1);
      long runId = rs.getLong(2);
      try (ResultSet r = s.executeQuery("SELECT job_name, status, params FROM ingest_run WHERE id = " + runId)) {
        assertTrue(r.next());
        assertEquals("hf-run", r.getString(1));
        assertEquals("ok", r.getString(2));
        assertTrue(r.getString(3).contains("\"input\":\"rtp\"") && r.getString(3).contains("\"phases\":\"1,2,3\""),
            r.getString(3));
      }
    }
    assertEquals(D_CLOCK_MS, fused, 0.5);
    List<String> csv = Files.readAllLines(data.resolve("clock_offset/FUSED/v1/clock_offset_series.csv"));
    String minute = io.tickstream.core.hf.clock.ClockOffsetCsv.epochSeconds(MINUTE_NS);
    String line = csv.stream().filter(l -> l.startsWith(minute)).findFirst().orElseThrow(() -> new AssertionError(csv));
    assertEquals(fused, Double.parseDouble(line.split(",")[3]), 0.00005, line);

    try (DrfChannelReader r = DrfChannelReader.open(data.resolve("processed/v1/WWV_15_MHz"))) {
      double[] v = r.read(MINUTE_NS / 100_000_000L, 600).toDoubles();
      assertEquals(1200, java.util.Arrays.stream(v).filter(Double::isFinite).count(), "UTC minute 14:04 at 10 Hz");
    }
    assertTrue(DrfChannelReader.open(data.resolve("raw_archive/WWV_10_MHz")).bounds().isPresent(), "Phase 1 archive");
    try (Stream<Path> jobs = Files.list(cpRoot)) {
      assertTrue(jobs.anyMatch(j -> Files.exists(j.resolve("FINISHED"))), "a run whose input ended is not resumed");
    }
  }

  /**
   * Stopped (stop-with-savepoint, as SIGTERM does) 40 s into minute 14:04 and started again as a new
   * process 2 s of data later: the second run resumes from the savepoint, so minute 14:04 is completed
   * from the restored minute buffers (a fresh start would hold less than half of it and skip it) and both
   * minutes are solved within 0.5 ms.
   */
  @Test
  void aStoppedRunResumesFromItsSavepoint(@TempDir Path dir) throws Exception {
    int dp = UdpPorts.free();
    int sp = UdpPorts.free();
    Path station = LiveRun.writeStation(dir, "resume-rx", dp, sp);
    Path data = dir.resolve("data");
    String url = "sqlite:///" + dir.resolve("t.db").toAbsolutePath();
    String[] args = {"--config", station.toString(), "--data-dir", data.toString(), "--db-url", url,
        "--checkpoint-interval", "1", "--idle-stop", "3"};
    RunCommand first = new RunCommand();
    LiveRun run1 = LiveRun.run(first, Arrays.copyOf(args, args.length - 2)); // runs until stopped
    LiveRun[] run2 = new LiveRun[1];
    run1.feed(dp, sp, SimulatedWwv.radiod("EM38ww", FS, D_CLOCK_MS, START_NS, 135_000_000_000L, MINUTE_NS), p -> {
      if (p.status() || p.ssrc() != 1010) {
        return;
      }
      try {
        if (p.packetNumber() == 1250) { // 14:04:40
          // everything sent has left the source: the archive (same source) has finished the files before it
          awaitArchived(data, "WWV_10_MHz", MINUTE_NS + 40_000_000_000L, run1);
          awaitArchived(data, "WWV_15_MHz", MINUTE_NS + 30_000_000_000L, run1);
          first.stopRequest.complete("test stop");
          assertEquals(0, run1.rc.get(120, TimeUnit.SECONDS), run1.text());
        } else if (p.packetNumber() == 1300) { // 2 s of data sent to nobody
          run2[0] = LiveRun.run(new RunCommand(), args);
          UdpPorts.awaitBound(dp, 120_000, run2[0].rc);
          UdpPorts.awaitBound(sp, 120_000, run2[0].rc);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertEquals(0, run2[0].rc.get(300, TimeUnit.SECONDS), run2[0].text());
    String out1 = run1.text();
    String out2 = run2[0].text();
    assertTrue(out1.contains("run: stopped with savepoint "), out1);
    String savepoint = out1.substring(out1.indexOf("savepoint-")).lines().findFirst().orElseThrow();
    assertTrue(out2.contains("run: resuming from ") && out2.contains(savepoint + " (newest retained)"), out2);
    assertTrue(out2.contains("run: input ended"), out2);
    for (String minute : List.of("2025-06-15T14:04:00", "2025-06-15T14:05:00")) {
      try (Database db = Database.open(url); Connection c = db.connection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT clock_offset_ms FROM clock_offset WHERE channel = 'FUSED'"
              + " AND minute_utc LIKE '" + minute + "%'")) {
        assertTrue(rs.next(), "fused row of " + minute + "\n" + out2 + "\n" + rows(url));
        assertEquals(D_CLOCK_MS, rs.getDouble(1), 0.5, minute);
      }
    }
  }

  /** Waits until the Phase 1 archive of {@code channel} holds samples up to {@code tNs} (finished files). */
  static void awaitArchived(Path data, String channel, long tNs, LiveRun run) throws Exception {
    long index = tNs / 1_000_000_000L * FS - 1;
    for (int i = 0; i < 1200; i++) {
      Path dir = data.resolve("raw_archive").resolve(channel);
      if (Files.isDirectory(dir)) {
        try (DrfChannelReader r = DrfChannelReader.open(dir)) {
          if (r.bounds().map(b -> b[1] >= index).orElse(false)) {
            return;
          }
        }
      }
      if (run.rc.isDone()) {
        throw new AssertionError("run ended early: " + run.text());
      }
      Thread.sleep(100);
    }
    throw new AssertionError(channel + " not archived up to " + Instant.ofEpochSecond(0, tNs) + " within 120 s");
  }

  static String rows(String url) throws Exception {
    StringBuilder sb = new StringBuilder();
    try (Database db = Database.open(url); Connection c = db.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT channel, minute_utc, clock_offset_ms, quality_grade, ingest_run_id"
            + " FROM clock_offset ORDER BY minute_utc, channel")) {
      while (rs.next()) {
        sb.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getObject(3)).append(' ')
            .append(rs.getString(4)).append(" run ").append(rs.getLong(5)).append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void helpAndBadInputOptions(@TempDir Path dir) throws Exception {
    String help = new CommandLine(new RunCommand()).getUsageMessage().replaceAll("\\s+", " ");
    for (String s : List.of("--input", "iq-blocks", "clock-offsets", "--until-end", "--fresh", "--resume-from",
        "resumes from the newest complete savepoint", "record --to-kafka", "flink run")) {
      assertTrue(help.contains(s), s + " in\n" + help);
    }
    Path station = LiveRun.writeStation(dir, "rx", UdpPorts.free(), UdpPorts.free());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, new CommandLine(new RunCommand()).execute("--config", station.toString(), "--input", "udp"));
      assertEquals(2, new CommandLine(new RunCommand()).execute("--config", station.toString(), "--input", "rtp",
          "--until-end"));
      assertEquals(2, new CommandLine(new RunCommand()).execute("--config", station.toString(), "--input", "kafka",
          "--data-dir", dir.resolve("d").toString()));
      assertEquals(2, new CommandLine(new RunCommand()).execute("--config", station.toString(), "--input", "kafka",
          "--kafka-bootstrap", "localhost:1", "--idle-stop", "5"));
    } finally {
      System.setErr(old);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    for (String s : List.of("--input must be rtp, kafka or auto, got 'udp'",
        "--until-end applies to Kafka input only", "--idle-stop applies to RTP input only", "--input kafka needs --kafka-bootstrap or KAFKA_BOOTSTRAP")) {
      assertTrue(text.contains(s), s + " in\n" + text);
    }
  }
}
