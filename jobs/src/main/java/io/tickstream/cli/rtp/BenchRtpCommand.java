package io.tickstream.cli.rtp;

import io.tickstream.connectors.drf.DigitalRfReader;
import io.tickstream.connectors.drf.DrfBlock;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.rtp.ChannelDeclaration;
import io.tickstream.connectors.rtp.IqSignal;
import io.tickstream.connectors.rtp.RawArchiveSettings;
import io.tickstream.connectors.rtp.RtpEncoding;
import io.tickstream.connectors.rtp.RtpEndpoints;
import io.tickstream.connectors.rtp.RtpIngestOptions;
import io.tickstream.connectors.rtp.RtpSimulator;
import io.tickstream.connectors.rtp.RtpSource;
import io.tickstream.connectors.rtp.RtpSourceConfig;
import io.tickstream.connectors.rtp.SimChannel;
import io.tickstream.connectors.rtp.UdpPorts;
import io.tickstream.jobs.JobRuntime;
import io.tickstream.jobs.record.RecordJob;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickstream bench rtp}: how many 20 kHz radiod IQ channels the RTP source plus the Phase 1
 * Digital RF sink sustain without loss. For each channel count, a simulator sends that many channels
 * in real time over loopback UDP into the embedded record graph; afterwards the archive is read back
 * and its samples counted against what was sent. Reports offered packets/s, archived fraction, and
 * CPU time of the graph (process CPU minus the sending thread), from which packets/s and channels
 * per core follow.
 */
@Command(name = "rtp", mixinStandardHelpOptions = true,
    description = {"Benchmark: RTP source + Phase 1 Digital RF sink over loopback UDP, N real-time 20 kHz IQ channels",
        "per step; prints packets/s offered, samples archived vs sent, CPU time and packets/s and channels per core."})
public final class BenchRtpCommand implements Callable<Integer> {
  @Option(names = "--channels", split = ",", defaultValue = "8,32,64", description = "Channel counts to try (default ${DEFAULT-VALUE}).")
  List<Integer> channelCounts;

  @Option(names = "--seconds", defaultValue = "15", description = "Seconds of signal per step (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--encoding", defaultValue = "S16BE", description = "Encoding (S16BE: 360 frames/packet, F32LE: 180).")
  String encoding;

  @Option(names = "--rate", defaultValue = "20000", description = "Sample rate per channel (default ${DEFAULT-VALUE} Hz).")
  long rate;

  @Option(names = "--compression", defaultValue = "1", description = "Deflate level of the archive (default ${DEFAULT-VALUE}).")
  int compression;

  @Override
  public Integer call() throws Exception {
    RtpEncoding enc = RtpEncoding.parse(encoding);
    int fpp = 1440 / (2 * enc.bytesPerSample());
    System.out.printf(Locale.ROOT, "bench rtp: %s, %d Hz, %d frames/packet (%.1f packets/s per channel), %.0f s per step,"
        + " deflate %d, %d CPU cores%n", enc, rate, fpp, (double) rate / fpp, seconds, compression,
        Runtime.getRuntime().availableProcessors());
    System.out.println("channels  offered_pps  archived/sent   lost_samples  graph_cpu_s  cpu_cores_used  pps_per_core  channels_per_core");
    for (int n : channelCounts) {
      step(n, enc, fpp);
    }
    return 0;
  }

  private void step(int n, RtpEncoding enc, int fpp) throws Exception {
    Path dir = Files.createTempDirectory("bench-rtp");
    int dataPort = UdpPorts.free();
    int statusPort = UdpPorts.free();
    List<ChannelDeclaration> decl = new ArrayList<>();
    List<SimChannel> sim = new ArrayList<>();
    double[] table = new double[2 * 20];
    IqSignal.tone(1000, 0.5, 20000).render(0, 20, table);
    IqSignal cheap = (index, frames, iq) -> {
      for (int k = 0; k < frames; k++) {
        int at = (int) ((index + k) % 20);
        iq[2 * k] = table[2 * at];
        iq[2 * k + 1] = table[2 * at + 1];
      }
    };
    for (int i = 0; i < n; i++) {
      String name = "CH" + i;
      decl.add(new ChannelDeclaration(name, 1e6 + i * 1e5, null, null, null, 2, List.of("WWV")));
      sim.add(new SimChannel(name, 1000 + i, 1e6 + i * 1e5, rate, enc, fpp, 97, 12345L * i, i, cheap));
    }
    RawArchiveSettings settings = new RawArchiveSettings(dir.resolve("raw_archive").toString(), "BENCH", "EM38",
        "bench", "", "", Map.of(), compression, 60_000, 0, "0123456789abcdef0123456789abcdef");
    RtpSourceConfig src = new RtpSourceConfig(RtpEndpoints.unicast("127.0.0.1", dataPort, statusPort), decl,
        RtpIngestOptions.DEFAULTS, false, 8192, 2000);
    StreamExecutionEnvironment env = JobRuntime.embedded(RuntimeExecutionMode.STREAMING).environment();
    RecordJob.build(env, new RtpSource(src), settings);
    CompletableFuture<Void> job = CompletableFuture.runAsync(() -> {
      try {
        env.execute("bench rtp " + n);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    UdpPorts.awaitBound(dataPort, 120_000, job);
    UdpPorts.awaitBound(statusPort, 120_000, job);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    AtomicLong sentSamples = new AtomicLong();
    long senderCpu0 = threads.getCurrentThreadCpuTime();
    RtpSimulator s = new RtpSimulator(sim, 1_700_000_000_000_000_000L, Math.round(seconds * 1e9),
        RtpSimulator.Impairments.NONE, 25, 1);
    long packets;
    try (DatagramSocket sock = new DatagramSocket()) {
      packets = s.send(sock, new InetSocketAddress("127.0.0.1", dataPort), new InetSocketAddress("127.0.0.1", statusPort),
          RtpSimulator.Pacing.REALTIME, p -> sentSamples.addAndGet(p.frames()));
    }
    long senderCpu = threads.getCurrentThreadCpuTime() - senderCpu0;
    double sendWall = (System.nanoTime() - wall0) / 1e9;
    job.get();
    long cpu = os.getProcessCpuTime() - cpu0 - senderCpu;
    long archived = 0;
    for (String ch : DigitalRfReader.channels(settings.top())) {
      try (DrfChannelReader r = DigitalRfReader.channel(settings.top(), ch)) {
        for (DrfBlock b : r.continuousBlocks()) {
          archived += b.count();
        }
      }
    }
    double pps = (packets - n * Math.ceil(seconds * rate / fpp / 25.0)) / sendWall;
    double cores = cpu / 1e9 / sendWall;
    System.out.printf(Locale.ROOT, "%8d  %11.0f  %8.5f  %13d  %11.2f  %14.2f  %12.0f  %17.1f%n", n, pps,
        (double) archived / sentSamples.get(), sentSamples.get() - archived, cpu / 1e9, cores,
        cores > 0 ? pps / cores : Double.NaN, cores > 0 ? n / cores : Double.NaN);
    deleteTree(dir);
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
