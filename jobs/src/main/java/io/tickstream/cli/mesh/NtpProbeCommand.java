package io.tickstream.cli.mesh;

import io.tickstream.connectors.ntp.NtpClient;
import io.tickstream.connectors.ntp.NtpMeasurement;
import io.tickstream.connectors.ntp.NtpSample;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tickstream ntp probe SERVER}: one human-readable NTP measurement. */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = {"Measure the local clock against one NTP server and print offset, delay, stratum, refid and leap.",
        "Takes several samples and reports the minimum-delay one (and the mean/std of the best half).",
        "Offset is server minus local time: positive means the local clock is slow."})
public final class NtpProbeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SERVER", description = "host, host:port or [ipv6]:port")
  String server;

  @Option(names = "--samples", defaultValue = "4", description = "NTP exchanges (default ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--spacing-ms", defaultValue = "250", description = "pause between exchanges, ms (default ${DEFAULT-VALUE}).")
  long spacingMs;

  @Option(names = "--timeout-ms", defaultValue = "2000", description = "reply timeout per exchange, ms (default ${DEFAULT-VALUE}).")
  long timeoutMs;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    NtpMeasurement m = new NtpClient(Duration.ofMillis(timeoutMs))
        .measure(server, samples, Duration.ofMillis(spacingMs));
    NtpSample b = m.best();
    out.printf(Locale.ROOT, "server      %s%n", server);
    out.printf(Locale.ROOT, "offset      %+.3f ms   (minimum-delay sample)%n", b.offsetMs());
    out.printf(Locale.ROOT, "delay       %.3f ms%n", b.delayMs());
    out.printf(Locale.ROOT, "stratum     %d%n", b.stratum());
    out.printf(Locale.ROOT, "refid       %s%n", b.refId());
    out.printf(Locale.ROOT, "leap        %d (%s)%n", b.leap(), b.leapName());
    out.printf(Locale.ROOT, "root delay  %.3f ms, root dispersion %.3f ms, version %d%n", b.rootDelayMs(),
        b.rootDispersionMs(), b.version());
    out.printf(Locale.ROOT, "best %d of %d samples: offset mean %+.3f ms, std %.3f ms, delay mean %.3f ms (%d failed)%n",
        m.kept().size(), m.samples().size(), m.offsetMeanMs(), m.offsetStdMs(), m.rttMeanMs(), m.failures());
    out.flush();
    return 0;
  }
}
