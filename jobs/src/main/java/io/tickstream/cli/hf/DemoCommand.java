package io.tickstream.cli.hf;

import io.tickstream.cli.ConfigOptions;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.rtp.RawArchiveSettings;
import io.tickstream.connectors.drf.DrfBlock;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.rtp.RtpIngestOptions;
import io.tickstream.connectors.rtp.RtpSimulator;
import io.tickstream.connectors.rtp.RtpSource;
import io.tickstream.connectors.rtp.RtpSourceConfig;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.connectors.rtp.UdpPorts;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import io.tickstream.jobs.hf.HfJobConfig;
import io.tickstream.jobs.hf.HfTimingJob;
import io.tickstream.jobs.hf.ProductDrfSink;
import io.tickstream.jobs.hf.SimulatedWwv;
import io.tickstream.jobs.record.RecordJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tickstream demo}: the live HF pipeline embedded, fed by a simulated radiod on loopback
 * (two WWV channels with a known receiver clock offset), then a summary of where each output went
 * and the D_clock it measured per minute.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Embedded demo: a simulated radiod sends WWV 10 and 15 MHz IQ (RTP on loopback, receiver clock",
        "offset --d-clock-ms) to `tickstream run`'s graph (Phase 1 archive, Phase 2 D_clock, Phase 3 10 Hz UTC",
        "product); prints where each output went and a table of the measured D_clock per minute."})
public final class DemoCommand implements Callable<Integer> {
  static final String VERSION = "demo";
  /** Frames per RTP packet of {@link SimulatedWwv#radiod}. */
  static final int FRAMES_PER_PACKET = 320;
  static final String STATION = """
      [station]
      callsign = "DEMO"
      grid_square = "EM38ww"
      receiver_name = "demo-rx"
      psws_station_id = "S000000"
      psws_instrument_id = "1"
      [radiod]
      bind_address = "127.0.0.1"
      data_port = %d
      status_port = %d
      """ + SimulatedWwv.STATION_CHANNELS;

  @Option(names = "--minutes", defaultValue = "3", description = "Simulated minutes (default ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--rate", defaultValue = "20000", description = "IQ sample rate in Hz (default ${DEFAULT-VALUE}).")
  int rateHz;

  @Option(names = "--d-clock-ms", defaultValue = "2.5",
      description = "Simulated receiver clock offset D_clock = t_system − t_UTC in ms (default ${DEFAULT-VALUE}).")
  double dClockMs;

  @Option(names = "--start", defaultValue = "2025-06-15T14:04:00Z", paramLabel = "UTC",
      description = "Simulated system time of the first minute (default ${DEFAULT-VALUE}, daytime on the WWV paths).")
  String start;

  @Option(names = "--send-rate", defaultValue = "4000", paramLabel = "PACKETS/S",
      description = {"Packets per second the simulated radiod sends (both channels; real time at 20 kHz is 125/s).",
          "The graph may fall behind: the receive queue holds the whole demo stream when it fits in a quarter of",
          "the heap, otherwise lower this on a loaded machine (default ${DEFAULT-VALUE})."})
  long sendRate;

  @Mixin ConfigOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (minutes < 1 || minutes > 60) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--minutes must be 1..60");
    }
    PrintWriter out = spec.commandLine().getOut();
    int dp = UdpPorts.free();
    int sp = UdpPorts.free();
    StationConfig st = StationConfig.parse(STATION.formatted(dp, sp), "demo station");
    long minuteNs = 60_000_000_000L;
    long firstMinute = java.time.Instant.parse(start).getEpochSecond() / 60 * minuteNs;
    long startNs = firstMinute - 10_000_000_000L;
    try (ConfigOptions.Opened opened = common.open()) {
      // each demo run gets its own directory: the simulated times repeat, and Phase 1 never overwrites
      Path dataDir = opened.config().dataDir().resolve("demo-runs").resolve(java.time.format.DateTimeFormatter
          .ofPattern("yyyyMMdd'T'HHmmss").withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now()));
      RawArchiveSettings settings = RawArchiveSettings.of(dataDir, st);
      Map<String, Double> freqs = Map.of("WWV_10_MHz", 10e6, "WWV_15_MHz", 15e6);
      HfJobConfig hf = HfJobConfig.of(st.receiverName(), st.gridSquare(), VERSION, freqs, true, false);
      hf = hf.withProductResume(ProductDrfSink.existingEnds(dataDir, VERSION, freqs.keySet()));
      Configuration conf = new Configuration();
      conf.setString("execution.checkpointing.storage", "filesystem");
      conf.setString("execution.checkpointing.dir", dataDir.resolve("checkpoints/demo").toUri().toString());
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
      env.setParallelism(2);
      env.enableCheckpointing(2000);
      long durationNs = minutes * minuteNs + 15_000_000_000L;
      long streamPackets = 2 * (durationNs / 1_000_000_000L + 1) * rateHz / FRAMES_PER_PACKET + 64;
      int queue = receiveQueue(streamPackets, Runtime.getRuntime().maxMemory());
      if (queue < streamPackets) {
        out.printf("note: the simulated stream (%d packets) is longer than the receive queue (%d packets, a quarter of"
            + " the heap); if the graph falls behind, packets are lost (reported below): lower --send-rate or raise"
            + " TICKSTREAM_HEAP%n", streamPackets, queue);
      }
      RtpSourceConfig src = new RtpSourceConfig(st.endpoints(), st.channels(), RtpIngestOptions.DEFAULTS, false, queue, 3000);
      DataStream<IqBlock> iq = RecordJob.build(env, new RtpSource(src), settings);
      HfTimingJob.build(iq, hf, HfTimingJob.standardSinks(opened.db().url().original(), null, dataDir, hf));
      out.printf("demo: simulated radiod on 127.0.0.1:%d, %d min of WWV 10/15 MHz at %d Hz, D_clock %.3f ms%n", dp,
          minutes, rateHz, dClockMs);
      out.flush();
      long middle = firstMinute + minutes * minuteNs / 2;
      SimulatedWwv.runWith(env, "tickstream demo", dp, sp, SimulatedWwv.radiod(st.gridSquare(), rateHz, dClockMs, startNs,
          durationNs, middle), RtpSimulator.Pacing.rate(sendRate));
      boolean lost = printReceived(out, settings.top(), startNs, durationNs);
      out.println("outputs:");
      out.println("  Phase 1 raw archive   " + settings.topDir());
      out.println("  clock_offset rows     version " + VERSION + " in " + opened.db().url().masked());
      out.println("  D_clock series        " + dataDir.resolve("clock_offset") + "/<WWV_10_MHz|WWV_15_MHz|FUSED>/" + VERSION);
      out.println("  10 Hz UTC product     " + dataDir.resolve("processed").resolve(VERSION));
      printTable(out, opened.db(), firstMinute);
      if (lost) {
        out.printf("packets were lost: the graph fell behind the simulated radiod (%d packets/s, %.0f x real time) and the"
            + " receive queue and socket buffer overflowed; rerun with a lower --send-rate%n", sendRate,
            sendRate / (2.0 * rateHz / FRAMES_PER_PACKET));
      }
      out.flush();
    }
    return 0;
  }

  /**
   * Blocks the RTP source may hold between its receiving thread and the graph: the whole demo stream
   * when it fits in a quarter of {@code maxHeapBytes} (then a graph falling behind a fast simulated
   * radiod loses nothing: the receiving thread never blocks and the socket buffer never fills), at
   * least the default 4096.
   */
  static int receiveQueue(long streamPackets, long maxHeapBytes) {
    long bytesPerBlock = FRAMES_PER_PACKET * 8L + 256;
    long fit = maxHeapBytes / 4 / bytesPerBlock;
    return (int) Math.max(4096, Math.min(streamPackets, Math.min(fit, Integer.MAX_VALUE - 8)));
  }

  /** Prints the samples each channel's Phase 1 archive holds against those sent; true if any were lost. */
  private static boolean printReceived(PrintWriter out, Path archive, long startNs, long durationNs) {
    boolean lost = false;
    out.println("received (Phase 1 archive vs sent):");
    for (String ch : List.of("WWV_10_MHz", "WWV_15_MHz")) {
      long stored = 0;
      long sent;
      try (DrfChannelReader r = DrfChannelReader.open(archive.resolve(ch))) {
        for (DrfBlock b : r.continuousBlocks()) {
          stored += b.count();
        }
        sent = sentSamples(r.sampleRate(), startNs, durationNs);
      }
      lost |= stored < sent;
      out.printf("  %-11s %d of %d samples (%.2f %% lost)%n", ch, stored, sent, 100.0 * (sent - stored) / sent);
    }
    return lost;
  }

  /** Samples the simulator sends per channel: whole packets from the first index at or after the start to the end. */
  static long sentSamples(Rational rate, long startNs, long durationNs) {
    long first = rate.indexAtOrAfter(startNs);
    // largest packet count whose last sample ends at or before the end (the simulator's rule), by bisection
    long lo = 0;
    long hi = durationNs / 1_000_000L * rate.numerator() / rate.denominator() / 1000 / FRAMES_PER_PACKET + 2;
    while (lo < hi) {
      long mid = (lo + hi + 1) / 2;
      if (rate.timeNsOfIndexFloor(first + mid * FRAMES_PER_PACKET) <= startNs + durationNs) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo * FRAMES_PER_PACKET;
  }

  private void printTable(PrintWriter out, Database db, long firstMinuteNs) throws Exception {
    out.printf("measured D_clock (simulated truth %.3f ms):%n", dClockMs);
    out.printf("  %-27s %10s %8s %5s %5s%n", "minute (UTC)", "D_clock ms", "± ms", "grade", "mode");
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT minute_utc, clock_offset_ms, uncertainty_ms, quality_grade, propagation_mode FROM clock_offset"
            + " WHERE receiver = ? AND channel = 'FUSED' AND version = ? AND system_time >= ? AND system_time < ?"
            + " ORDER BY minute_utc")) {
      ps.setString(1, "demo-rx");
      ps.setString(2, VERSION);
      db.dialect().setInstant(ps, 3, java.time.Instant.ofEpochSecond(0, firstMinuteNs));
      db.dialect().setInstant(ps, 4, java.time.Instant.ofEpochSecond(0, firstMinuteNs + minutes * 60_000_000_000L));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.printf("  %-27s %10s %8s %5s %5s%n", rs.getString(1), fmt(rs.getObject(2)), fmt(rs.getObject(3)),
              rs.getString(4), rs.getString(5) == null ? "-" : rs.getString(5));
        }
      }
    }
  }

  private static String fmt(Object v) {
    return v instanceof Number n ? String.format("%.3f", n.doubleValue()) : "-";
  }
}
