package io.tickstream.cli.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.drf.DigitalMetadataReader;
import io.tickstream.connectors.drf.DigitalRfReader;
import io.tickstream.connectors.drf.DrfBlock;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.rtp.IqSignal;
import io.tickstream.connectors.rtp.RtpEncoding;
import io.tickstream.connectors.rtp.RtpHeader;
import io.tickstream.connectors.rtp.RtpSimulator;
import io.tickstream.connectors.rtp.SentLog;
import io.tickstream.connectors.rtp.SimChannel;
import io.tickstream.connectors.rtp.SimPacket;
import io.tickstream.connectors.rtp.UdpPorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tickstream record} stopped by a real SIGTERM and started again as a new run: the second run
 * resumes from the first run's savepoint, so the archive holds exactly what arrived in both runs, the
 * downtime is one {@code source_restart} gap, nothing is duplicated and no finished file changes.
 * Real UDP on loopback, the simulator, the command through picocli on a MiniCluster.
 */
class RecordResumeTest {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final int RUN1_PACKETS = 400;
  static final int DOWN_PACKETS = 150;
  static final int RUN2_PACKETS = 300;

  record Run(RecordCommand cmd, ByteArrayOutputStream out, CompletableFuture<Integer> rc) {
    String text() {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  static Run start(String... args) {
    RecordCommand cmd = new RecordCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    return new Run(cmd, out, CompletableFuture.supplyAsync(() -> new CommandLine(cmd).execute(args)));
  }

  static void signal(String sig) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + sig, String.valueOf(ProcessHandle.current().pid())).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -" + sig);
  }

  @Test
  void stoppedBySigtermAndStartedAgainResumesFromItsSavepoint(@TempDir Path dir) throws Exception {
    int dp = UdpPorts.free();
    int sp = UdpPorts.free();
    Path station = writeStation(dir, dp, sp);
    Path data = dir.resolve("data");
    String[] args = {"--config", station.toString(), "--data-dir", data.toString(), "--checkpoint-interval", "1"};
    SimChannel ch = channel();
    Run run1 = startAndAwait(args, dp, sp);
    Map<Path, String> finishedByRun1 = new TreeMap<>();
    Run[] run2 = new Run[1];
    SentLog arrived = sendAcrossRestart(dp, sp, () -> {
      Thread.sleep(1500); // everything sent has reached the sink
      signal("TERM");
      assertEquals(0, run1.rc().get(60, TimeUnit.SECONDS));
      finishedByRun1.putAll(finishedFiles(data.resolve("raw_archive")));
    }, () -> run2[0] = startAndAwait(args, dp, sp));
    Thread.sleep(1500);
    signal("INT");
    assertEquals(0, run2[0].rc().get(60, TimeUnit.SECONDS));

    String out1 = run1.text();
    String out2 = run2[0].text();
    assertTrue(out1.contains("record: starting a new session (no retained checkpoint under"), out1);
    assertTrue(out1.contains("record: stopped with savepoint "), out1);
    String savepoint = out1.substring(out1.indexOf("savepoint-")).lines().findFirst().orElseThrow();
    assertTrue(out2.contains("record: resuming from ") && out2.contains(savepoint + " (newest retained)"), out2);
    assertTrue(out2.contains("record: stopped with savepoint "), out2);

    // no file finished in run 1 was touched by run 2
    assertTrue(finishedByRun1.size() >= 3, "run 1 finished files: " + finishedByRun1.keySet());
    for (Map.Entry<Path, String> e : finishedByRun1.entrySet()) {
      assertEquals(e.getValue(), fingerprint(e.getKey()), "finished file unchanged: " + e.getKey());
    }
    Path top = data.resolve("raw_archive");
    try (Stream<Path> all = Files.walk(top)) {
      assertFalse(all.anyMatch(p -> p.getFileName().toString().startsWith("tmp.")), "no temp files left");
    }

    // the archive is exactly what arrived in both runs, sample by sample: two runs, the downtime between them
    TreeMap<Long, SimPacket> got = arrived.uniqueByIndex.get(ch.ssrc());
    assertEquals(RUN1_PACKETS + RUN2_PACKETS, got.size());
    long run1End = got.get(got.firstKey()).firstSampleIndex() + RUN1_PACKETS * 360L;
    long run2Start = run1End + DOWN_PACKETS * 360L;
    try (DrfChannelReader r = DigitalRfReader.channel(top, ch.name())) {
      List<long[]> runs = new ArrayList<>();
      for (DrfBlock b : r.continuousBlocks()) {
        runs.add(new long[] {b.start(), b.count()});
      }
      assertEquals(2, runs.size(), "two contiguous runs");
      assertArrayEquals(new long[] {got.firstKey(), RUN1_PACKETS * 360L}, runs.get(0), "run 1");
      // a stop keeps the unfinished file period in its savepoint (run 1's was written by run 2, see above):
      // run 2's archive ends at the last 1 s file boundary (20000 samples) before its last sample
      long arrivedEnd = run2Start + RUN2_PACKETS * 360L;
      long committedEnd = Math.floorDiv(arrivedEnd, 20000L) * 20000L;
      assertTrue(committedEnd > run2Start + 20000, "run 2 finished files");
      assertArrayEquals(new long[] {run2Start, committedEnd - run2Start}, runs.get(1), "run 2");
      assertSamples(r, ch, got, got.firstKey(), run1End);
      assertSamples(r, ch, got, run2Start, committedEnd);
    }
    var md = DigitalMetadataReader.open(top.resolve(ch.name()).resolve("metadata")).records();
    assertEquals(1, md.stream().filter(m -> "session_start".equals(m.values().get("event_type"))).count(),
        "one session: run 2 continued it");
    var gaps = md.stream().filter(m -> "gap".equals(m.values().get("event_type"))).toList();
    assertEquals(1, gaps.size(), "the downtime is one gap record: " + gaps);
    Map<String, Object> gap = gaps.get(0).values();
    assertEquals("source_restart", gap.get("gap_cause"));
    assertEquals(run1End, ((Number) gap.get("gap_start_index")).longValue());
    assertEquals(DOWN_PACKETS * 360L, ((Number) gap.get("gap_samples")).longValue());
  }

  @Test
  void helpExplainsRestartAndBadResumeOptionsAreRefused(@TempDir Path dir) throws Exception {
    String help = new CommandLine(new RecordCommand()).getUsageMessage().replaceAll("\\s+", " ");
    for (String s : List.of("--fresh", "--resume-from", "--keep-checkpoints", "--stop-timeout",
        "resumes from the newest complete savepoint", "SIGTERM or Ctrl-C stops with a savepoint")) {
      assertTrue(help.contains(s), s + " in\n" + help);
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      Path station = writeStation(dir, UdpPorts.free(), UdpPorts.free());
      assertEquals(2, new CommandLine(new RecordCommand()).execute("--config", station.toString(), "--fresh",
          "--resume-from", dir.toString()));
      assertEquals(2, new CommandLine(new RecordCommand()).execute("--config", station.toString(),
          "--resume-from", dir.toString()));
    } finally {
      System.setErr(old);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("--fresh and --resume-from exclude each other"), text);
    assertTrue(text.contains("--resume-from " + dir + ": not a complete checkpoint or savepoint (no _metadata)"), text);
  }

  static Path writeStation(Path dir, int dp, int sp) throws Exception {
    Path station = dir.resolve("station.toml");
    Files.writeString(station, """
        [station]
        callsign = "AC0G"
        grid_square = "EM38ww"
        receiver_name = "resume-rx"
        [radiod]
        bind_address = "127.0.0.1"
        data_port = %d
        status_port = %d
        [archive]
        file_cadence_ms = 1000
        [[channels]]
        name = "WWV_10MHz"
        frequency_hz = 10e6
        stations = ["WWV", "WWVH"]
        """.formatted(dp, sp));
    return station;
  }

  static SimChannel channel() {
    // RTP timestamp and sequence numbers both wrap during the second run
    return new SimChannel("WWV_10MHz", 10000, 10e6, 20000, RtpEncoding.S16BE, 360, 122,
        (1L << 32) - 20000L * 9, 65000, IqSignal.tone(1000, 0.5, 20000));
  }

  /**
   * A crash: the first run is a separate JVM killed with SIGKILL (no savepoint; its unfinished temp
   * file stays on disk); the second run resumes from the newest retained checkpoint. Everything committed before
   * the crash stays byte-identical, the archive continues with one {@code source_restart} gap, and
   * every archived sample is the one that arrived at its index.
   */
  @Test
  void killedProcessResumesFromItsNewestRetainedCheckpoint(@TempDir Path dir) throws Exception {
    int dp = UdpPorts.free();
    int sp = UdpPorts.free();
    Path station = writeStation(dir, dp, sp);
    Path data = dir.resolve("data");
    String[] args = {"--config", station.toString(), "--data-dir", data.toString(), "--checkpoint-interval", "1"};
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.tickstream.cli.TickstreamCli", "record"));
    cmd.addAll(List.of(args));
    Path log1 = dir.resolve("run1.log");
    Process run1 = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log1.toFile()).start();
    SimChannel ch = channel();
    CompletableFuture<Integer> exit1 = run1.onExit().thenApply(Process::exitValue);
    UdpPorts.awaitBound(dp, 90_000, exit1);
    UdpPorts.awaitBound(sp, 90_000, exit1);
    Map<Path, String> finishedAtCrash = new TreeMap<>();
    List<Path> tempAtCrash = new ArrayList<>();
    Run[] run2 = new Run[1];
    SentLog arrived = sendAcrossRestart(dp, sp, () -> {
      Thread.sleep(2500); // a few checkpoints complete
      run1.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      finishedAtCrash.putAll(finishedFiles(data.resolve("raw_archive")));
      try (Stream<Path> all = Files.walk(data.resolve("raw_archive"))) {
        tempAtCrash.addAll(all.filter(p -> p.getFileName().toString().startsWith("tmp.")).toList());
      }
    }, () -> run2[0] = startAndAwait(args, dp, sp));
    Thread.sleep(1500);
    run2[0].cmd().stopRequest.complete("test stop");
    assertEquals(0, run2[0].rc().get(60, TimeUnit.SECONDS));
    String out2 = run2[0].text();
    assertTrue(out2.matches("(?s).*record: resuming from \\S+/chk-\\d+ \\(newest retained\\).*"), out2);

    assertTrue(finishedAtCrash.size() >= 3, "files committed before the crash: " + finishedAtCrash.keySet()
        + "\n" + Files.readString(log1));
    for (Map.Entry<Path, String> e : finishedAtCrash.entrySet()) {
      assertEquals(e.getValue(), fingerprint(e.getKey()), "finished file unchanged: " + e.getKey());
    }
    Path top = data.resolve("raw_archive");
    assertFalse(tempAtCrash.isEmpty(), "the killed process left its unfinished temp file");
    try (Stream<Path> all = Files.walk(top)) {
      assertFalse(all.anyMatch(p -> p.getFileName().toString().startsWith("tmp.")), "no temp files left");
    }
    TreeMap<Long, SimPacket> got = arrived.uniqueByIndex.get(ch.ssrc());
    long first = got.firstKey();
    long run1End = first + RUN1_PACKETS * 360L;
    long run2Start = run1End + DOWN_PACKETS * 360L;
    long committedAtCrash = first;
    try (DrfChannelReader r = DigitalRfReader.channel(top, ch.name())) {
      List<DrfBlock> runs = r.continuousBlocks();
      assertEquals(2, runs.size(), "two contiguous runs");
      for (Path f : finishedAtCrash.keySet()) {
        String n = f.getFileName().toString();
        long ms = Long.parseLong(n.substring(3, n.indexOf('.'))) * 1000 + Long.parseLong(n.substring(n.indexOf('.') + 1, n.length() - 3));
        committedAtCrash = Math.max(committedAtCrash, r.indexAtOrAfter((ms + 1000) * 1_000_000L));
      }
      long end1 = runs.get(0).start() + runs.get(0).count();
      assertEquals(first, runs.get(0).start());
      assertTrue(end1 >= committedAtCrash && end1 <= run1End, "run 1 ends at its last checkpoint: " + end1);
      assertEquals(run2Start, runs.get(1).start(), "run 2 starts with the first packet after the restart");
      for (DrfBlock b : runs) {
        assertSamples(r, ch, got, b.start(), b.start() + b.count());
      }
      var md = DigitalMetadataReader.open(top.resolve(ch.name()).resolve("metadata")).records();
      assertEquals(1, md.stream().filter(m -> "session_start".equals(m.values().get("event_type"))).count());
      var gaps = md.stream().filter(m -> "gap".equals(m.values().get("event_type"))).toList();
      assertEquals(1, gaps.size(), "the downtime is one gap record: " + gaps);
      assertEquals("source_restart", gaps.get(0).values().get("gap_cause"));
      assertEquals(end1, ((Number) gaps.get(0).values().get("gap_start_index")).longValue());
      assertEquals(run2Start - end1, ((Number) gaps.get(0).values().get("gap_samples")).longValue());
      System.out.printf("crash test: run 1 archived %d of %d samples that arrived (%d committed in finished files at the"
          + " kill), gap %d samples%n", end1 - first, run1End - first, committedAtCrash - first, run2Start - end1);
    }
  }

  interface Step {
    void run() throws Exception;
  }

  /**
   * Sends RUN1 + DOWN + RUN2 packets of {@link #channel()} at 250 packets/s; after run 1's last packet
   * {@code stopRun1}, after the downtime packets (sent to nobody) {@code startRun2}. Returns the
   * packets that arrived while a run listened.
   */
  static SentLog sendAcrossRestart(int dp, int sp, Step stopRun1, Step startRun2) throws Exception {
    long startNs = Instant.parse("2024-06-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    long durationNs = (RUN1_PACKETS + DOWN_PACKETS + RUN2_PACKETS) * 360L * 1_000_000_000L / 20000;
    RtpSimulator sim = new RtpSimulator(List.of(channel()), startNs, durationNs, RtpSimulator.Impairments.NONE, 25, 3);
    SentLog arrived = new SentLog();
    try (DatagramSocket sock = new DatagramSocket()) {
      sim.send(sock, new InetSocketAddress("127.0.0.1", dp), new InetSocketAddress("127.0.0.1", sp),
          RtpSimulator.Pacing.rate(250), p -> {
            try {
              if (p.status()) {
                return;
              }
              long n = p.packetNumber();
              if (n < RUN1_PACKETS || n >= RUN1_PACKETS + DOWN_PACKETS) {
                arrived.sent(p);
              }
              if (n == RUN1_PACKETS - 1) {
                stopRun1.run();
              } else if (n == RUN1_PACKETS + DOWN_PACKETS - 1) {
                startRun2.run();
              }
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
    }
    return arrived;
  }

  static Run startAndAwait(String[] args, int dp, int sp) throws Exception {
    Run run = start(args);
    UdpPorts.awaitBound(dp, 60_000, run.rc());
    UdpPorts.awaitBound(sp, 60_000, run.rc());
    return run;
  }

  /** Every archived sample in [from, to) is the sample that arrived at its index (packets start at {@code from}). */
  static void assertSamples(DrfChannelReader r, SimChannel ch, TreeMap<Long, SimPacket> got, long from, long to)
      throws Exception {
    for (long i = from; i < to; ) {
      SimPacket p = got.get(i);
      assertTrue(p != null, "archived run at " + i + " starts where a packet started");
      int frames = (int) Math.min(p.frames(), to - i);
      short[] sent = ch.encoding().decodeInt16(p.datagram(), RtpHeader.MIN_HEADER_BYTES,
          p.datagram().length - RtpHeader.MIN_HEADER_BYTES);
      assertArrayEquals(java.util.Arrays.copyOf(sent, sent.length / p.frames() * frames),
          r.read(i, frames).toShorts(), "samples @" + i);
      i += p.frames();
    }
  }

  static Map<Path, String> finishedFiles(Path top) throws Exception {
    Map<Path, String> m = new TreeMap<>();
    try (Stream<Path> all = Files.walk(top)) {
      for (Path p : all.filter(p -> p.getFileName().toString().startsWith("rf@")).toList()) {
        m.put(p, fingerprint(p));
      }
    }
    return m;
  }

  static String fingerprint(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)))
        + " mtime " + Files.getLastModifiedTime(p).toMillis();
  }
}
