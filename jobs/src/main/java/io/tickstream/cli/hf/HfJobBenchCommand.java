package io.tickstream.cli.hf;

import io.tickstream.connectors.db.Database;
import io.tickstream.jobs.hf.GeneratedArchive;
import io.tickstream.jobs.hf.HfReprocess;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickstream bench hf-job}: bounded reprocessing real-time factor (channel-hours per wall-hour)
 * of the HF job graph for Phase 2 and for Phases 2+3, over a generated WWV archive (generation not
 * timed), on a throw-away SQLite database and data directory.
 */
@Command(name = "hf-job", mixinStandardHelpOptions = true,
    description = {"Benchmark bounded HF reprocessing (Phase 2, Phases 2+3) over a generated archive and print",
        "the real-time factor in channel-hours per wall-hour."})
public final class HfJobBenchCommand implements Callable<Integer> {
  @Option(names = "--minutes", defaultValue = "10", description = "Archive length in minutes (default ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--channels", defaultValue = "2", description = "WWV channels, 5/10/15/20 MHz (default ${DEFAULT-VALUE}).")
  int channels;

  @Option(names = "--rate", defaultValue = "20000", description = "IQ sample rate in Hz (default ${DEFAULT-VALUE}).")
  int rateHz;

  @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--warmup-minutes", defaultValue = "3",
      description = "Untimed Phase 2+3 pass over the first minutes first (class loading, JIT), 0 = none (default ${DEFAULT-VALUE}).")
  int warmupMinutes;

  @Option(names = "--repeat", defaultValue = "1",
      description = "Timed Phase 2 / Phases 2+3 pairs to run (later ones show the JIT-warm state), default ${DEFAULT-VALUE}.")
  int repeat;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;


  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (channels < 1 || channels > 4) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--channels must be 1..4");
    }
    if (repeat < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be >= 1");
    }
    Path work = Files.createTempDirectory("tickstream-bench-hf");
    Path archive = work.resolve("archive");
    out.printf("generating %d channel(s) x %d minute(s) of %d Hz WWV IQ in %s ...%n", channels, minutes, rateHz, archive);
    out.flush();
    GeneratedArchive.wwv(archive, channels, minutes, rateHz, 1.5);
    String url = "sqlite:///" + work.resolve("bench.db");
    try (Database db = Database.open(url)) {
      db.migrate();
      if (warmupMinutes > 0) {
        out.printf("warm-up (not timed): Phases 2+3 over the first %d minute(s) ...%n", Math.min(warmupMinutes, minutes));
        out.flush();
        long to = GeneratedArchive.DEFAULT_START_NS + Math.min(warmupMinutes, minutes) * 60_000_000_000L;
        HfReprocess.run(new HfReprocess.Request(archive, List.of(), Long.MIN_VALUE, to, "bench-warmup", true, "bench",
            "EM38ww", parallelism), db, work.resolve("data"), "bench", System.err);
      }
      for (int pass = 1; pass <= repeat; pass++) {
        for (boolean phase3 : new boolean[] {false, true}) {
          String version = (phase3 ? "bench-p23" : "bench-p2") + (pass > 1 ? "-" + pass : "");
          double load0 = loadAverage();
          long cpu0 = processCpuNs();
          HfReprocess.Result r = HfReprocess.run(new HfReprocess.Request(archive, List.of(), Long.MIN_VALUE,
              Long.MAX_VALUE, version, phase3, "bench", "EM38ww", parallelism), db, work.resolve("data"), "bench",
              System.err);
          double cpuS = (processCpuNs() - cpu0) / 1e9;
          out.printf("%-11s %6.3f channel-hours in %6.1f s wall: %7.0f x real time (channel-hours per wall-hour);"
              + " %6.1f s process CPU: %7.0f x real time per CPU core; load average %.1f -> %.1f%n",
              (phase3 ? "Phases 2+3" : "Phase 2") + (repeat > 1 ? " #" + pass : ""), r.channelHours(), r.wallSeconds(),
              r.realTimeFactor(), cpuS, r.channelHours() * 3600 / Math.max(1e-9, cpuS), load0, loadAverage());
          out.flush();
        }
      }
    }
    out.println("work directory (delete when done): " + work);
    return 0;
  }

  /** One-minute system load average (other processes compete for the cores), NaN where unknown. */
  static double loadAverage() {
    double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return l < 0 ? Double.NaN : l;
  }

  /** CPU time of this JVM (all threads), for figures on a shared machine. */
  static long processCpuNs() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

}
