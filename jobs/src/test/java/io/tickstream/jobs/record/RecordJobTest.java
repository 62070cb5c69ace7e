package io.tickstream.jobs.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.drf.DigitalMetadataReader;
import io.tickstream.connectors.drf.DigitalRfReader;
import io.tickstream.connectors.drf.DrfBlock;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.rtp.ChannelDeclaration;
import io.tickstream.connectors.rtp.IqSignal;
import io.tickstream.connectors.rtp.RawArchiveMetadataFunction;
import io.tickstream.connectors.rtp.RawArchiveSettings;
import io.tickstream.connectors.rtp.RtpBlock;
import io.tickstream.connectors.rtp.RtpEncoding;
import io.tickstream.connectors.rtp.RtpEndpoints;
import io.tickstream.connectors.rtp.RtpHeader;
import io.tickstream.connectors.rtp.RtpIngestOptions;
import io.tickstream.connectors.rtp.RtpSimulator;
import io.tickstream.connectors.rtp.RtpSource;
import io.tickstream.connectors.rtp.RtpSourceConfig;
import io.tickstream.connectors.rtp.SentLog;
import io.tickstream.connectors.rtp.SimChannel;
import io.tickstream.connectors.rtp.SimPacket;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.connectors.rtp.UdpPorts;
import io.tickstream.connectors.drf.DigitalRfSink;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.jobs.testing.TestStation;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over real UDP on loopback through a MiniCluster: simulated radiod → RtpSource → Phase 1
 * metadata → Digital RF sink; the archive is read back and compared sample by sample with what was sent.
 */
class RecordJobTest {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final long START_NS = Instant.parse("2024-06-01T00:59:50Z").getEpochSecond() * 1_000_000_000L;

  static List<SimChannel> channels() {
    return List.of(
        new SimChannel("WWV_10MHz", 10000, 10e6, 20000, RtpEncoding.S16BE, 360, 122,
            (1L << 32) - 20000L * 4, 65000, IqSignal.tone(1000, 0.5, 20000)),
        new SimChannel("WWV_5MHz", 5000, 5e6, 20000, RtpEncoding.F32LE, 180, 97, 99, 3,
            IqSignal.tone(-600, 0.25, 20000)));
  }

  /** The station's {@code [[channels]]}: those of {@link #channels()}. */
  static final String CHANNELS = """
      [[channels]]
      name = "WWV_10MHz"
      frequency_hz = 10000000
      ssrc = "from_status"
      stations = ["WWV", "WWVH"]
      [[channels]]
      name = "WWV_5MHz"
      frequency_hz = 5000000
      stations = ["WWV", "WWVH"]
      """;

  record Setup(StationConfig station, RawArchiveSettings settings, RtpSourceConfig source, int dataPort, int statusPort) {}

  static Setup setup(Path dir) throws Exception {
    int dp = UdpPorts.free();
    int sp = UdpPorts.free();
    StationConfig st = StationConfig.parse(TestStation.toml("test-rx", dp, sp, 2000, CHANNELS), "test station");
    RawArchiveSettings s = RawArchiveSettings.of(dir, st);
    RtpSourceConfig src = new RtpSourceConfig(st.endpoints(), st.channels(), RtpIngestOptions.DEFAULTS, false, 4096, 2500);
    return new Setup(st, s, src, dp, sp);
  }

  static CompletableFuture<Void> start(StreamExecutionEnvironment env, Setup s) throws Exception {
    CompletableFuture<Void> job = CompletableFuture.runAsync(() -> {
      try {
        env.execute(RecordJob.NAME);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    UdpPorts.awaitBound(s.dataPort(), 120_000, job);
    UdpPorts.awaitBound(s.statusPort(), 120_000, job);
    return job;
  }

  @Test
  void archiveHoldsExactlyTheSamplesThatArrivedWithGapsWhereLost(@TempDir Path dir) throws Exception {
    Setup s = setup(dir);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(500);
    RecordJob.build(env, new RtpSource(s.source()), s.settings());
    CompletableFuture<Void> job = start(env, s);
    SentLog log = new SentLog();
    RtpSimulator sim = new RtpSimulator(channels(), START_NS, 8_000_000_000L,
        new RtpSimulator.Impairments(0.05, 0.01, 32, 250, 700), 25, 11);
    InetSocketAddress data = new InetSocketAddress("127.0.0.1", s.dataPort());
    InetSocketAddress status = new InetSocketAddress("127.0.0.1", s.statusPort());
    try (DatagramSocket sock = new DatagramSocket()) {
      sim.send(sock, data, status, RtpSimulator.Pacing.rate(3000), p -> {
        log.sent(p);
        if (!p.status() && p.packetNumber() == 200 && !p.duplicate()) {
          sendMalformed(sock, data, status);
        }
      });
    }
    job.get();
    Path top = s.settings().top();
    assertEquals(List.of("WWV_10MHz", "WWV_5MHz"), DigitalRfReader.channels(top).stream().sorted().toList());
    for (SimChannel ch : channels()) {
      int gaps = verifyArchive(top, ch, log.uniqueByIndex.get(ch.ssrc()), Long.MAX_VALUE);
      var md = DigitalMetadataReader.open(top.resolve(ch.name()).resolve("metadata")).records();
      assertEquals("session_start", md.get(0).values().get("event_type"));
      assertEquals(gaps, md.stream().filter(r -> "gap".equals(r.values().get("event_type"))).count(),
          ch.name() + ": one metadata record per gap");
      Map<String, Object> first = md.get(0).values();
      assertEquals("system_time_only", first.get("time_reference"));
      assertEquals("phase1_immutable", first.get("phase"));
      assertEquals("raw_20khz_iq", first.get("archive_type"));
      assertEquals("AC0G", first.get("callsign"));
      assertEquals("radiod_gps_time_rtp_timesnap", first.get("rtp_time_mapping"));
      assertEquals(1L, ((Number) first.get("synthetic")).longValue(), "simulator stream is marked synthetic");
    }
    try (Stream<Path> all = Files.walk(top)) {
      assertFalse(all.anyMatch(p -> p.getFileName().toString().startsWith("tmp.")), "no temp files left");
    }
  }

  static void sendMalformed(DatagramSocket s, InetSocketAddress data, InetSocketAddress status) {
    try {
      byte[] shortHdr = new byte[7];
      byte[] v1 = new byte[44];
      v1[0] = 0x40;
      byte[] badFrame = new byte[12 + 10];
      RtpHeader.write(badFrame, 0, 122, false, 9, 9, 10000);
      byte[] unknown = new byte[12 + 16];
      RtpHeader.write(unknown, 0, 122, false, 1, 1, 777777);
      for (byte[] b : List.of(shortHdr, v1, badFrame, unknown)) {
        s.send(new DatagramPacket(b, b.length, data));
      }
      byte[] tlv = {0, 18, 120, 1, 2};
      s.send(new DatagramPacket(tlv, tlv.length, status));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The archive's runs equal the runs of sent packets (restricted to indices below {@code upTo} when
   * finite), and every archived sample equals what was sent at that index. Returns the number of gaps.
   */
  static int verifyArchive(Path top, SimChannel ch, TreeMap<Long, SimPacket> sent, long upTo) throws Exception {
    List<long[]> expected = new ArrayList<>();
    for (SimPacket p : sent.values()) {
      if (p.firstSampleIndex() >= upTo) {
        break;
      }
      long n = Math.min(p.frames(), upTo - p.firstSampleIndex());
      long[] last = expected.isEmpty() ? null : expected.get(expected.size() - 1);
      if (last != null && last[0] + last[1] == p.firstSampleIndex()) {
        last[1] += n;
      } else {
        expected.add(new long[] {p.firstSampleIndex(), n});
      }
    }
    try (DrfChannelReader r = DigitalRfReader.channel(top, ch.name())) {
      List<long[]> actual = new ArrayList<>();
      for (DrfBlock b : r.continuousBlocks()) {
        if (b.start() < upTo) {
          actual.add(new long[] {b.start(), Math.min(b.count(), upTo - b.start())});
        }
      }
      assertEquals(expected.size(), actual.size(), ch.name() + ": number of contiguous runs");
      for (int i = 0; i < expected.size(); i++) {
        assertArrayEquals(expected.get(i), actual.get(i), ch.name() + ": run " + i);
      }
      for (SimPacket p : sent.values()) {
        if (p.firstSampleIndex() + p.frames() > upTo) {
          break;
        }
        int off = RtpHeader.MIN_HEADER_BYTES;
        int len = p.datagram().length - off;
        var got = r.read(p.firstSampleIndex(), p.frames());
        if (ch.encoding().sampleType() == io.tickstream.core.signal.SampleType.INT16) {
          assertArrayEquals(ch.encoding().decodeInt16(p.datagram(), off, len), got.toShorts(), ch.name() + " @" + p.firstSampleIndex());
        } else {
          assertArrayEquals(ch.encoding().decodeFloat32(p.datagram(), off, len), got.toFloats(), ch.name() + " @" + p.firstSampleIndex());
        }
      }
    }
    return expected.size() - 1;
  }

  /** Fails once, after {@code failAfter} blocks, remembering the finished files on disk at that moment. */
  static final class FailingOnce extends RawArchiveMetadataFunction {
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicBoolean RESTORED = new AtomicBoolean();
    static final Map<Path, String> FINISHED_AT_FAILURE = new HashMap<>();
    private final String top;
    private final int failAfter;
    private int seen;

    FailingOnce(RawArchiveSettings s, int failAfter) {
      super(s, true);
      this.top = s.topDir();
      this.failAfter = failAfter;
    }

    @Override
    public void initializeState(org.apache.flink.runtime.state.FunctionInitializationContext ctx) throws Exception {
      super.initializeState(ctx);
      if (ctx.isRestored()) {
        RESTORED.set(true);
      }
    }

    @Override
    public void processElement(RtpBlock b, Context ctx, Collector<IqBlock> out) throws Exception {
      if (++seen == failAfter && FAILED.compareAndSet(false, true)) {
        try (Stream<Path> all = Files.walk(Path.of(top))) {
          for (Path p : all.filter(p -> p.getFileName().toString().startsWith("rf@")).toList()) {
            FINISHED_AT_FAILURE.put(p, sha256(p));
          }
        }
        throw new IllegalStateException("injected failure after " + failAfter + " blocks");
      }
      super.processElement(b, ctx, out);
    }
  }

  /** Once the failure fired, hold the sender until the job is restored, so recording resumes on any machine speed. */
  static void awaitRestoreAfterFailure() {
    if (!FailingOnce.FAILED.get() || FailingOnce.RESTORED.get()) {
      return;
    }
    try {
      long end = System.currentTimeMillis() + 120_000;
      while (!FailingOnce.RESTORED.get() && System.currentTimeMillis() < end) {
        Thread.sleep(20);
      }
      Thread.sleep(1000); // the restored reader binds its sockets after the operators are initialised
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String sha256(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }

  @Test
  void killedAndRestoredLosesNothingCheckpointedDuplicatesNothingAndNeverTouchesFinishedFiles(@TempDir Path dir)
      throws Exception {
    Setup s = setup(dir);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Configuration conf = new Configuration();
    conf.setString("restart-strategy.type", "fixed-delay");
    conf.setString("restart-strategy.fixed-delay.attempts", "3");
    conf.setString("restart-strategy.fixed-delay.delay", "100 ms");
    env.configure(conf);
    env.enableCheckpointing(300);
    RecordJob.build(env, new RtpSource(s.source()), new FailingOnce(s.settings(), 300),
        DigitalRfSink.of(s.settings().top(), s.settings().writerOptions()));
    CompletableFuture<Void> job = start(env, s);
    SentLog log = new SentLog();
    List<SimChannel> chans = List.of(channels().get(0));
    RtpSimulator sim = new RtpSimulator(chans, START_NS, 12_000_000_000L,
        new RtpSimulator.Impairments(0.02, 0.01, 8, 0, 0), 25, 5);
    try (DatagramSocket sock = new DatagramSocket()) {
      sim.send(sock, new InetSocketAddress("127.0.0.1", s.dataPort()), new InetSocketAddress("127.0.0.1", s.statusPort()),
          RtpSimulator.Pacing.rate(120), p -> {
            log.sent(p);
            awaitRestoreAfterFailure();
          });
    }
    job.get();
    assertTrue(FailingOnce.FAILED.get(), "the failure was injected");
    assertFalse(FailingOnce.FINISHED_AT_FAILURE.isEmpty(), "files were committed before the failure");
    for (Map.Entry<Path, String> e : FailingOnce.FINISHED_AT_FAILURE.entrySet()) {
      assertTrue(Files.exists(e.getKey()), "finished file still there: " + e.getKey());
      assertEquals(e.getValue(), sha256(e.getKey()), "finished file unchanged: " + e.getKey());
    }
    Path top = s.settings().top();
    SimChannel ch = chans.get(0);
    TreeMap<Long, SimPacket> sent = log.uniqueByIndex.get(ch.ssrc());
    // 1) everything committed before the failure is complete: the archive up to the end of the last
    //    file finished at the failure equals what was sent
    long committedEnd = 0;
    try (DrfChannelReader r = DigitalRfReader.channel(top, ch.name())) {
      for (Path f : FailingOnce.FINISHED_AT_FAILURE.keySet()) {
        String n = f.getFileName().toString();
        long ms = Long.parseLong(n.substring(3, n.indexOf('.'))) * 1000 + Long.parseLong(n.substring(n.indexOf('.') + 1, n.length() - 3));
        committedEnd = Math.max(committedEnd, r.indexAtOrAfter((ms + 2000) * 1_000_000L));
      }
    }
    verifyArchive(top, ch, sent, committedEnd);
    // 2) nothing duplicated or invented after the restart: every archived sample is a sent sample at its index,
    //    and the archive continues after the restart
    long archived = 0;
    long lastEnd = 0;
    try (DrfChannelReader r = DigitalRfReader.channel(top, ch.name())) {
      for (DrfBlock b : r.continuousBlocks()) {
        archived += b.count();
        lastEnd = b.start() + b.count();
        for (long i = b.start(); i < b.start() + b.count(); ) {
          SimPacket p = sent.get(i);
          assertTrue(p != null, "archived run at " + i + " starts where a packet started");
          int len = p.datagram().length - RtpHeader.MIN_HEADER_BYTES;
          assertArrayEquals(ch.encoding().decodeInt16(p.datagram(), RtpHeader.MIN_HEADER_BYTES, len),
              r.read(i, p.frames()).toShorts());
          i += p.frames();
        }
      }
    }
    long sentSamples = sent.values().stream().mapToLong(SimPacket::frames).sum();
    assertTrue(archived < sentSamples, "the outage is a gap, not invented data");
    assertTrue(lastEnd > committedEnd, "recording continued after the restore");
    var gaps = DigitalMetadataReader.open(top.resolve(ch.name()).resolve("metadata")).records().stream()
        .filter(r -> "source_restart".equals(r.values().get("gap_cause"))).count();
    assertEquals(1, gaps, "the restart is one explicit gap in the metadata");
  }
}
