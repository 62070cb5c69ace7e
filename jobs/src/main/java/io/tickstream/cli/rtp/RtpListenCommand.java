package io.tickstream.cli.rtp;

import io.tickstream.connectors.rtp.ChannelRegistry;
import io.tickstream.connectors.rtp.ChannelSpec;
import io.tickstream.connectors.rtp.RadiodStatus;
import io.tickstream.connectors.rtp.RtpCounters;
import io.tickstream.connectors.rtp.RtpIngest;
import io.tickstream.connectors.rtp.RtpIngestOptions;
import io.tickstream.connectors.rtp.RtpReceiver;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tickstream rtp listen}: joins radiod's groups (or listens unicast) and prints the channels
 * discovered from status packets and live per-channel packet statistics.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
    description = {"Listen to radiod: print the channels announced by status packets (SSRC, frequency, rate,",
        "encoding, payload type, time snapshot) and live per-channel packet statistics",
        "(accepted/lost/late/duplicate/gaps) plus rejected packets by reason."})
public final class RtpListenCommand implements Callable<Integer> {
  @Mixin EndpointOptions where;

  @Option(names = "--seconds", defaultValue = "0", description = "Stop after N seconds (0 = until interrupted).")
  long seconds;

  @Option(names = "--interval", defaultValue = "1", description = "Seconds between statistics lines (default ${DEFAULT-VALUE}).")
  long interval;

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    RtpIngest ingest = new RtpIngest(new ChannelRegistry(List.of(), true), RtpIngestOptions.DEFAULTS);
    long end = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
    long nextReport = System.nanoTime() + interval * 1_000_000_000L;
    int known = 0;
    try (RtpReceiver rx = new RtpReceiver(where.endpoints(), ingest).open()) {
      out.printf(Locale.ROOT, "listening: data %s, status %s%n", rx.dataAddress(), rx.statusAddress());
      while (System.nanoTime() < end) {
        rx.poll(100, b -> { });
        ChannelRegistry reg = ingest.registry();
        if (reg.channels().size() != known) {
          known = reg.channels().size();
          printChannels(reg);
        }
        if (System.nanoTime() >= nextReport) {
          nextReport += interval * 1_000_000_000L;
          printStats(ingest);
        }
      }
      ingest.flush(b -> { });
      printStats(ingest);
      out.println("total: " + ingest.counters().summary());
    }
    return 0;
  }

  private void printChannels(ChannelRegistry reg) {
    out.println("channels announced by status:");
    for (ChannelSpec c : reg.channels()) {
      RadiodStatus s = reg.status(c.ssrc());
      out.printf(Locale.ROOT, "  SSRC %-10d %14.3f Hz  %6d Hz  %d ch  %-6s PT %-3d  preset %-6s snapshot %s%s%n", c.ssrc(),
          c.frequencyHz(), c.sampleRateHz(), c.channels(), c.encoding(), c.payloadType(),
          s == null || s.preset() == null ? "-" : s.preset(), s != null && s.hasTimeSnap() ? "GPS_TIME+RTP_TIMESNAP" : "none",
          c.synthetic() ? "  SYNTHETIC" : "");
    }
  }

  private void printStats(RtpIngest ingest) {
    for (Map.Entry<Long, RtpCounters> e : ingest.channelCounters().entrySet()) {
      RtpCounters c = e.getValue();
      out.printf(Locale.ROOT, "  SSRC %-10d accepted %8d lost %6d late %4d dup %4d gaps %4d (muted %d) samples %d%n",
          e.getKey(), c.accepted.get(), c.lost.get(), c.late.get(), c.duplicate.get(), c.gapEvents.get(),
          c.mutedGaps.get(), c.samples.get());
    }
    RtpCounters t = ingest.counters();
    out.printf(Locale.ROOT, "  status %d, rejected %d %s%n", t.statusPackets.get(), t.malformedTotal(),
        t.malformedTotal() > 0 ? t.malformedByReason() : "");
    out.flush();
  }
}
