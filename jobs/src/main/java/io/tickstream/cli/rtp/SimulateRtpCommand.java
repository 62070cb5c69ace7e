package io.tickstream.cli.rtp;

import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.rtp.HfIqSignal;
import io.tickstream.connectors.rtp.RtpEncoding;
import io.tickstream.connectors.rtp.RtpSimulator;
import io.tickstream.connectors.rtp.SimChannel;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickstream simulate rtp}: sends a synthetic WWV/WWVH stream exactly as radiod would (RTP
 * data plus status packets), optionally impaired, for demos and tests.
 */
@Command(name = "rtp", mixinStandardHelpOptions = true,
    description = {"Send a synthetic WWV/WWVH IQ stream exactly as ka9q-radio's radiod would: RTP data per SSRC",
        "and status packets (frequency, rate, encoding, payload type, GPS_TIME/RTP_TIMESNAP), optionally with",
        "loss, duplication, reordering, muted intervals and an RTP timestamp wrap. Status packets say",
        "SYNTHETIC, so everything recorded from this stream is marked synthetic. Refused when DISABLE_SYNTHETIC=true."})
public final class SimulateRtpCommand implements Callable<Integer> {
  @Option(names = "--target", defaultValue = "127.0.0.1", description = "Destination address or multicast group (default ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--data-port", defaultValue = "5004", description = "RTP data port (default ${DEFAULT-VALUE}).")
  int dataPort;

  @Option(names = "--status-port", defaultValue = "5006", description = "Status port (default ${DEFAULT-VALUE}).")
  int statusPort;

  @Option(names = "--channel", paramLabel = "NAME=FREQ_HZ", split = ",",
      description = "Channels to send (default WWV_5MHz=5e6,WWV_10MHz=10e6). SSRC = frequency in kHz (radiod convention).")
  Map<String, Double> channels = new LinkedHashMap<>();

  @Option(names = "--stations", split = ",", defaultValue = "WWV,WWVH", description = "Stations on the air (default ${DEFAULT-VALUE}).")
  List<String> stations;

  @Option(names = "--encoding", defaultValue = "S16BE", description = "S16BE (radiod default), S16LE, F32LE or F32BE.")
  String encoding;

  @Option(names = "--rate", defaultValue = "20000", description = "Sample rate in Hz (default ${DEFAULT-VALUE}).")
  long rate;

  @Option(names = "--frames-per-packet", defaultValue = "0",
      description = "IQ frames per packet (0 = radiod's maximum for 1440-byte payloads: 360 S16, 180 F32).")
  int framesPerPacket;

  @Option(names = "--seconds", defaultValue = "60", description = "Stream length (default ${DEFAULT-VALUE} s).")
  double seconds;

  @Option(names = "--speed", defaultValue = "1", description = "1 = real time, 10 = ten times faster, 0 = as fast as --max-pps allows.")
  double speed;

  @Option(names = "--max-pps", defaultValue = "0", description = "Cap on packets per second (0 = none).")
  long maxPps;

  @Option(names = "--loss", defaultValue = "0", description = "Packet loss probability.")
  double loss;

  @Option(names = "--duplicate", defaultValue = "0", description = "Duplication probability.")
  double duplicate;

  @Option(names = "--reorder", defaultValue = "0", description = "Maximum reordering depth in packets.")
  int reorder;

  @Option(names = "--mute-every", defaultValue = "0", description = "Every N packets radiod 'mutes': timestamp skips --mute-frames frames.")
  long muteEvery;

  @Option(names = "--mute-frames", defaultValue = "1000", description = "Frames skipped per muted interval.")
  int muteFrames;

  @Option(names = "--wrap-after", defaultValue = "-1", paramLabel = "SECONDS",
      description = "Start the RTP timestamp so it wraps past 2^32 after this many seconds (-1 = random start).")
  double wrapAfter;

  @Option(names = "--start", description = "Simulated system time of the first sample, ISO-8601 (default now).")
  Instant start;

  @Option(names = "--d-clock-ms", defaultValue = "0", description = "Simulated receiver clock error D_clock (ms).")
  double dClockMs;

  @Option(names = "--snr-db", defaultValue = "20", description = "SNR in dB (10 kHz reference bandwidth).")
  double snrDb;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (impairments, noise).")
  long seed;

  @Option(names = "--interface", paramLabel = "NAME", description = "Interface to send multicast on (default: the route's).")
  String iface;

  @Option(names = "--ttl", defaultValue = "0", description = "Multicast TTL (default ${DEFAULT-VALUE}: stay on this host, as wsprdaemon's radiod).")
  int ttl;

  private DatagramSocket socketFor(InetSocketAddress to) throws java.io.IOException {
    if (!to.getAddress().isMulticastAddress()) {
      return new DatagramSocket();
    }
    java.net.MulticastSocket m = new java.net.MulticastSocket();
    m.setTimeToLive(ttl);
    m.setLoopbackMode(false); // false = deliver to listeners on this host too
    if (iface != null) {
      m.setNetworkInterface(java.net.NetworkInterface.getByName(iface));
    }
    return m;
  }

  /** Environment the DISABLE_SYNTHETIC switch is read from (tests replace it). */
  Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws Exception {
    if (TickstreamConfig.resolve(Map.of(), env).disableSynthetic()) {
      System.err.println("tickstream simulate rtp: refused: synthetic data is disabled (DISABLE_SYNTHETIC=true)."
          + " Unset DISABLE_SYNTHETIC to send a simulated radiod stream.");
      return 2;
    }
    RtpEncoding enc = RtpEncoding.parse(encoding);
    if (!enc.isSupported()) {
      System.err.println("tickstream simulate rtp: encoding " + enc + " is not linear PCM (use S16BE, S16LE, F32LE, F32BE)");
      return 2;
    }
    if (channels.isEmpty()) {
      channels.put("WWV_5MHz", 5e6);
      channels.put("WWV_10MHz", 10e6);
    }
    int fpp = framesPerPacket > 0 ? framesPerPacket : 1440 / (2 * enc.bytesPerSample());
    long firstTs = wrapAfter >= 0 ? ((1L << 32) - Math.round(wrapAfter * rate)) & 0xffffffffL
        : new java.util.SplittableRandom(seed).nextLong(1L << 32);
    List<SimChannel> sim = new ArrayList<>();
    int pt = 77;
    for (Map.Entry<String, Double> c : channels.entrySet()) {
      long ssrc = Math.round(c.getValue() / 1000.0);
      sim.add(new SimChannel(c.getKey(), ssrc, c.getValue(), rate, enc, fpp, pt++, firstTs, (int) (seed & 0xffff),
          HfIqSignal.typical(stations, dClockMs, snrDb, rate, seed + ssrc)));
    }
    Instant t0 = start != null ? start : Instant.now();
    long startNs = t0.getEpochSecond() * 1_000_000_000L + t0.getNano();
    RtpSimulator s = new RtpSimulator(sim, startNs, Math.round(seconds * 1e9),
        new RtpSimulator.Impairments(loss, duplicate, reorder, muteEvery, muteFrames), 25, seed);
    java.net.InetAddress to = io.tickstream.connectors.rtp.RtpEndpoints.resolveGroup(target);
    InetSocketAddress data = new InetSocketAddress(to, dataPort);
    InetSocketAddress status = new InetSocketAddress(to, statusPort);
    System.err.printf(Locale.ROOT, "simulate rtp (SYNTHETIC): %d channel(s) %s, %s, %d Hz, %d frames/packet, %.1f s"
        + " from %s to %s (status %d), loss %.3f dup %.3f reorder %d, first RTP timestamp %d%n", sim.size(),
        channels.keySet(), enc, rate, fpp, seconds, t0, data, statusPort, loss, duplicate, reorder, firstTs);
    AtomicLong dataSent = new AtomicLong();
    long lastReport = System.nanoTime();
    long[] last = {lastReport};
    long sent;
    try (DatagramSocket sock = socketFor(data)) {
      sent = s.send(sock, data, status, new RtpSimulator.Pacing(speed, maxPps), p -> {
        if (!p.status()) {
          dataSent.incrementAndGet();
        }
        long now = System.nanoTime();
        if (now - last[0] > 5_000_000_000L) {
          last[0] = now;
          System.err.printf(Locale.ROOT, "  sent %d data packets, simulated time %s%n", dataSent.get(),
              Instant.ofEpochSecond(0, p.simTimeNs()));
        }
      });
    }
    System.err.printf(Locale.ROOT, "done: %d datagrams (%d data) sent to %s%n", sent, dataSent.get(), target);
    return 0;
  }
}
