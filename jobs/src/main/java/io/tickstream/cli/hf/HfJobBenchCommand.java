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
 * timed), on a throw-away SQLite database and data directory. Each run is one Flink job with a fixed
 * cost (local cluster and RPC start, deployment: seconds) besides the per-minute work, so by default
 * the first half of the archive is timed as well and the marginal factor (whole − half) is printed:
 * the throughput a long reprocessing run approaches.
 */
@Command(name = "hf-job", mixinStandardHelpOptions = true,
    description = {"Benchmark bounded HF reprocessing (Phase 2, Phases 2+3) over a generated archive and print",
        "the real-time factor in channel-hours per wall-hour (wall and per CPU core, with the load average),",
        "and the marginal factor without the fixed per-job cost."})
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
          String name = (phase3 ? "Phases 2+3" : "Phase 2") + (repeat > 1 ? " #" + pass : "");
          String version = (phase3 ? "bench-p23" : "bench-p2") + (pass > 1 ? "-" + pass : "");
          Timed full = timed(archive, Long.MAX_VALUE, version, phase3, db, work);
          full.print(out, name);
          if (marginal && minutes >= 2) {
            // after the whole run: the half run is JIT-warmer, which biases the marginal factor low, not high
            long to = GeneratedArchive.DEFAULT_START_NS + (minutes / 2) * 60_000_000_000L;
            Timed half = timed(archive, to, version + "-half", phase3, db, work);
            half.print(out, name + " (first half)");
            // wall = fixed + channel-hours / rate: two sizes give the rate without the fixed per-job cost
            double dChH = full.channelHours - half.channelHours;
            double dWall = full.wallS - half.wallS;
            double fixedS = full.wallS - full.channelHours * dWall / Math.max(1e-9, dChH);
            out.printf("%-11s marginal (whole - first half): %7.0f x real time wall, %7.0f x per CPU core"
                + " (fixed per-job cost %.1f s wall: cluster start, deployment)%n", name,
                dChH * 3600 / Math.max(1e-9, dWall), dChH * 3600 / Math.max(1e-9, full.cpuS - half.cpuS), fixedS);
          }
          out.flush();
        }
      }
    }
    out.println("work directory (delete when done): " + work);
    return 0;
  }

  @Option(names = "--marginal", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Also time the first half of the archive and print the marginal real-time factor"
          + " (without the fixed per-job cost); --no-marginal to skip (default on).")
  boolean marginal;

  /** One timed bounded run. */
  private record Timed(double channelHours, double wallS, double cpuS, double load0, double load1) {
    void print(PrintWriter out, String name) {
      out.printf("%-24s %6.3f channel-hours in %6.1f s wall: %6.0f x real time (channel-hours per wall-hour);"
          + " %6.1f s process CPU: %6.0f x real time per CPU core; load average %.1f -> %.1f%n", name, channelHours,
          wallS, channelHours * 3600 / Math.max(1e-9, wallS), cpuS, channelHours * 3600 / Math.max(1e-9, cpuS), load0,
          load1);
      out.flush();
    }
  }

  private Timed timed(Path archive, long toNs, String version, boolean phase3, Database db, Path work) throws Exception {
    double load0 = loadAverage();
    long cpu0 = processCpuNs();
    HfReprocess.Result r = HfReprocess.run(new HfReprocess.Request(archive, List.of(), Long.MIN_VALUE, toNs, version,
        phase3, "bench", "EM38ww", parallelism), db, work.resolve("data"), "bench", System.err);
    return new Timed(r.channelHours(), r.wallSeconds(), (processCpuNs() - cpu0) / 1e9, load0, loadAverage());
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
