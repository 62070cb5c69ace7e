package io.tickstream.cli.hf;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.rtp.RawArchiveSettings;
import io.tickstream.connectors.rtp.RtpIngestOptions;
import io.tickstream.connectors.rtp.RtpSimulator;
import io.tickstream.connectors.rtp.RtpSource;
import io.tickstream.connectors.rtp.RtpSourceConfig;
import io.tickstream.connectors.rtp.SimPacket;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.connectors.rtp.UdpPorts;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.jobs.hf.HfJobConfig;
import io.tickstream.jobs.hf.HfTimingJob;
import io.tickstream.jobs.hf.SimulatedWwv;
import io.tickstream.jobs.hf.types.IqBlockSerializer;
import io.tickstream.jobs.record.RecordJob;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickstream bench hf-latency}: live latency of the streaming HF timing graph, from the end of
 * a minute to its D_clock row (issue 7 acceptance). The graph of {@code tickstream run} runs embedded
 * (MiniCluster, checkpointing as configured) and is fed at the simulated clock's pace — real time by
 * default — either by a simulated radiod over RTP on loopback (RtpSource → Phase 1 → HF graph, the
 * end-to-end figure) or by generated IQ blocks straight into the HF graph. A probe sink records the
 * wall-clock instant each fused and per-channel row is emitted, and a database poll the instant it is
 * committed; {@link LatencyReport} turns them into per-minute and summary figures.
 *
 * <p>The simulated system clock starts at 2025-06-15 13:59:55 UTC (daytime on the WWV paths of the
 * simulated receiver) when the feed starts and runs at {@code --speed} × the wall clock; every
 * figure is a wall-clock duration.
 */
@Command(name = "hf-latency", mixinStandardHelpOptions = true,
    description = {"Live latency of the streaming HF job graph from minute end / minute close to the D_clock row",
        "(probe sink) and to the committed clock_offset row (database), fed at real-time pace (or --speed x)",
        "by a simulated radiod over RTP on loopback (default) or by generated IQ blocks. Per-minute and",
        "median/p95/max figures; wall clock and process CPU time; throw-away SQLite and data directory."})
public final class HfLatencyBenchCommand implements Callable<Integer> {
  /** First simulated minute (daytime on the simulated WWV paths); the feed starts 5 s earlier. */
  static final long FIRST_MINUTE_NS = Instant.parse("2025-06-15T14:00:00Z").getEpochSecond() * 1_000_000_000L;
  static final long LEAD_NS = 5_000_000_000L;
  static final String VERSION = "latency";

  enum Feed { rtp, blocks }

  @Option(names = "--source", defaultValue = "rtp",
      description = "rtp: simulated radiod → RTP on loopback → RtpSource → Phase 1 → HF graph (end to end);"
          + " blocks: generated IQ blocks straight into the HF graph (default ${DEFAULT-VALUE}).")
  Feed feed;

  @Option(names = "--minutes", defaultValue = "5", description = "Measured minutes (default ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--warmup-minutes", defaultValue = "1",
      description = "Minutes fed and shown first but left out of the summary (JIT, class loading; default ${DEFAULT-VALUE}).")
  int warmupMinutes;

  @Option(names = "--speed", defaultValue = "1",
      description = "Simulated clock rate relative to the wall clock (1 = real time; default ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--rate", defaultValue = "20000", description = "IQ sample rate in Hz (default ${DEFAULT-VALUE}).")
  int rateHz;

  @Option(names = "--checkpoint-interval", defaultValue = "10", paramLabel = "SECONDS",
      description = "Checkpoint interval; database rows are committed at checkpoints (default ${DEFAULT-VALUE} s, as `run`).")
  double checkpointSeconds;

  @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--no-phase3", description = "Without the Phase 3 10 Hz product (default: Phases 2+3 as `run`).")
  boolean noPhase3;

  @Option(names = "--block-ms", defaultValue = "100",
      description = "Block length of --source blocks in ms (RTP packets are 320 samples; default ${DEFAULT-VALUE}).")
  int blockMs;

  @Option(names = "--d-clock-ms", defaultValue = "2.5", description = "Simulated D_clock in ms (default ${DEFAULT-VALUE}).")
  double dClockMs;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (minutes < 1 || warmupMinutes < 0 || minutes + warmupMinutes > 120) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--minutes must be ≥ 1 and minutes + warm-up ≤ 120");
    }
    if (!(speed > 0 && speed <= 100) || !(checkpointSeconds > 0) || blockMs < 1 || blockMs > 10_000) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--speed must be in (0, 100], --checkpoint-interval > 0, --block-ms 1..10000");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path work = Files.createTempDirectory("tickstream-bench-hf-latency");
    String url = "sqlite:///" + work.resolve("latency.db");
    try (Database db = Database.open(url)) {
      db.migrate();
    }
    int dp = UdpPorts.free();
    int sp = UdpPorts.free();
    StationConfig st = StationConfig.parse(DemoCommand.STATION.formatted(dp, sp), "latency bench station");
    Map<String, Double> freqs = Map.of("WWV_10_MHz", 10e6, "WWV_15_MHz", 15e6);
    HfJobConfig hf = HfJobConfig.of(st.receiverName(), st.gridSquare(), VERSION, freqs, !noPhase3, false);
    int fedMinutes = warmupMinutes + minutes;
    // after the last measured minute: margin + lateness for it to close, then a checkpoint for its commit
    double tailWallS = hf.marginS() / speed + hf.latenessMs() / 1000.0 / speed + checkpointSeconds + 5;
    long durationNs = LEAD_NS + fedMinutes * 60_000_000_000L + (long) (tailWallS * speed * 1e9);
    long simStartNs = FIRST_MINUTE_NS - LEAD_NS;
    LatencyLog log = LatencyLog.create(speed);
    try {
      Configuration conf = new Configuration();
      conf.setString("execution.checkpointing.storage", "filesystem");
      conf.setString("execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString());
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
      env.setParallelism(parallelism);
      env.enableCheckpointing(Math.max(100, Math.round(checkpointSeconds * 1000)));
      DataStream<IqBlock> iq;
      Path dataDir = work.resolve("data");
      if (feed == Feed.rtp) {
        RtpSourceConfig src = new RtpSourceConfig(st.endpoints(), st.channels(), RtpIngestOptions.DEFAULTS, false, 4096, 3000);
        iq = RecordJob.build(env, new RtpSource(src), RawArchiveSettings.of(dataDir, st));
      } else {
        PacedWwvBlocks gen = new PacedWwvBlocks(log.id(), List.of(new PacedWwvBlocks.Channel("WWV_10_MHz", 10),
            new PacedWwvBlocks.Channel("WWV_15_MHz", 15)), st.gridSquare(), rateHz, dClockMs, simStartNs,
            Math.max(1, rateHz * blockMs / 1000), FIRST_MINUTE_NS);
        iq = env.fromSource(new DataGeneratorSource<>(gen, gen.count(durationNs), IqBlockSerializer.TYPE),
            WatermarkStrategy.noWatermarks(), "paced generated WWV IQ").setParallelism(1);
      }
      HfTimingJob.Outputs outputs = HfTimingJob.build(iq, hf, HfTimingJob.standardSinks(url, null, dataDir, hf));
      outputs.clockOffsets().sinkTo(new LatencyLog.ArrivalSink(log.id())).name("latency probe").setParallelism(1);
      long watermarkIntervalMs = env.getConfig().getAutoWatermarkInterval();

      out.printf("hf-latency: %s feed, %d+%d minute(s) (warm-up + measured) of WWV 10/15 MHz at %d Hz, speed %.3g x,"
              + " checkpoint every %.3g s, parallelism %d, Phases %s; work directory %s%n", feed, warmupMinutes, minutes,
          rateHz, speed, checkpointSeconds, parallelism, noPhase3 ? "2" : "2+3", work);
      out.printf("expected wall time about %.0f s; load average at start %.2f%n",
          (durationNs / 1e9) / speed + 10, loadAverage());
      out.flush();
      long cpu0 = HfJobBenchCommand.processCpuNs();
      ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hf-latency-db-poll");
        t.setDaemon(true);
        return t;
      });
      try (Database db = Database.open(url)) {
        poll.scheduleWithFixedDelay(() -> pollCommitted(db, log), 100, 100, TimeUnit.MILLISECONDS);
        poll.scheduleWithFixedDelay(() -> progress(out, log), 15, 15, TimeUnit.SECONDS);
        CompletableFuture<Void> job = CompletableFuture.runAsync(() -> {
          try {
            env.execute("tickstream bench hf-latency");
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        });
        if (feed == Feed.rtp) {
          UdpPorts.awaitBound(dp, 120_000, job);
          UdpPorts.awaitBound(sp, 120_000, job);
          RtpSimulator sim = SimulatedWwv.radiod(st.gridSquare(), rateHz, dClockMs, simStartNs, durationNs, FIRST_MINUTE_NS);
          sendPaced(sim, log, simStartNs, dp, sp);
        }
        job.get();
        poll.shutdown();
        poll.awaitTermination(5, TimeUnit.SECONDS);
        pollCommitted(db, log);
      } finally {
        poll.shutdownNow();
      }
      double cpuS = (HfJobBenchCommand.processCpuNs() - cpu0) / 1e9;
      new LatencyReport(log, List.of("WWV_10_MHz", "WWV_15_MHz"), hf, watermarkIntervalMs, checkpointSeconds)
          .print(out, FIRST_MINUTE_NS, warmupMinutes, fedMinutes);
      double feedS = log.feedCpuNs() / 1e9;
      out.printf("process CPU %.1f s for %d minute(s) of 2-channel input, of which the simulated feed (signal generation%s)"
          + " %.1f s: the graph ≈ %.2f CPU s per input minute; load average at end %.2f (2 cores, shared)%n", cpuS,
          fedMinutes, feed == Feed.rtp ? ", RTP send" : "", feedS, (cpuS - feedS) / fedMinutes, loadAverage());
      out.println("work directory (delete when done): " + work);
      out.flush();
      return 0;
    } finally {
      log.remove();
    }
  }

  /** Sends the simulated radiod stream, each packet when the simulated clock reaches its last sample. */
  static void sendPaced(RtpSimulator sim, LatencyLog log, long simStartNs, int dataPort, int statusPort)
      throws Exception {
    Map<Long, String> channelOf = Map.of(1010L, "WWV_10_MHz", 1015L, "WWV_15_MHz");
    InetSocketAddress data = new InetSocketAddress("127.0.0.1", dataPort);
    InetSocketAddress status = new InetSocketAddress("127.0.0.1", statusPort);
    log.start(LatencyLog.wallNowNs() + 100_000_000L, simStartNs);
    long cpu0 = LatencyLog.threadCpuNs();
    try (DatagramSocket sock = new DatagramSocket()) {
      while (sim.hasNext()) {
        SimPacket p = sim.next();
        long waitNs = log.wallAt(p.simTimeNs()) - LatencyLog.wallNowNs();
        if (waitNs > 200_000) {
          Thread.sleep(waitNs / 1_000_000, (int) (waitNs % 1_000_000));
        }
        byte[] d = p.datagram();
        sock.send(new DatagramPacket(d, d.length, p.status() ? status : data));
        if (!p.status()) {
          log.handed(channelOf.get(p.ssrc()), p.simTimeNs(), LatencyLog.wallNowNs());
        }
      }
    } finally {
      log.feedCpu(LatencyLog.threadCpuNs() - cpu0);
    }
  }

  private static void pollCommitted(Database db, LatencyLog log) {
    long now = LatencyLog.wallNowNs();
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT channel, system_time FROM clock_offset WHERE version = ?")) {
      ps.setString(1, VERSION);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant t = db.dialect().getInstant(rs, "system_time");
          log.committed(rs.getString(1), t.getEpochSecond() * 1_000_000_000L + t.getNano(), now);
        }
      }
    } catch (SQLException e) {
      // the writer holds the SQLite lock at this instant: the next poll (100 ms) sees the rows
    }
  }

  private static void progress(PrintWriter out, LatencyLog log) {
    if (log.started()) {
      out.printf("  ... simulated clock %s, %d row(s) emitted so far%n",
          Instant.ofEpochSecond(0, log.simNow()).toString().substring(11, 19), log.arrivals().size());
      out.flush();
    }
  }

  static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
