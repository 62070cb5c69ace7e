package io.tickstream.cli.gap;

import io.tickstream.core.gap.EtaEstimator;
import io.tickstream.core.gap.LeapHandling;
import io.tickstream.core.gap.PhaseConversion;
import io.tickstream.core.gap.PhaseGapFitter;
import io.tickstream.core.gap.SeriesPoint;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickstream bench gap}: time of one phase-gap fit (Theil–Sen + Sen CI + WLS) and of one
 * robust ETA (Theil–Sen + Hamed–Rao Mann–Kendall) as a function of the number of points, on
 * synthetic data. Both are O(n²); the figures tell how large a window can be.
 */
@Command(name = "gap", mixinStandardHelpOptions = true,
    description = "Benchmark the phase-gap fit and the robust ETA for growing window sizes (prints ms per call).")
public final class GapBenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--sizes", split = ",", defaultValue = "30,100,365,1000,1440,3000",
      description = "Numbers of points per window (default ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--seconds", defaultValue = "1", description = "Time budget per size and method (default ${DEFAULT-VALUE}).")
  double seconds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PhaseGapFitter fitter = new PhaseGapFitter(new PhaseGapFitter.Params("ms", PhaseConversion.period(86400),
        LeapHandling.NONE, 0.95, 3), null);
    EtaEstimator eta = new EtaEstimator(EtaEstimator.Params.defaults());
    out.printf("%8s %14s %14s%n", "points", "fit ms/call", "eta ms/call");
    for (int n : sizes) {
      Random rnd = new Random(n);
      List<SeriesPoint> pts = new ArrayList<>();
      List<EtaEstimator.GapRow> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long t = 1_780_000_000_000_000_000L + i * 60_000_000_000L;
        pts.add(new SeriesPoint(t, 5 - 0.001 * i + 0.1 * rnd.nextGaussian(), 0.1));
        rows.add(new EtaEstimator.GapRow(t, 0.3 - 0.0001 * i + 0.001 * rnd.nextGaussian()));
      }
      double fitMs = time(() -> fitter.fit(pts));
      double etaMs = time(() -> eta.estimate(rows));
      out.printf("%8d %14.3f %14.3f%n", n, fitMs, etaMs);
      out.flush();
    }
    return 0;
  }

  private double time(Runnable r) {
    r.run(); // warm-up
    long start = System.nanoTime();
    long budget = (long) (seconds * 1e9);
    int calls = 0;
    do {
      r.run();
      calls++;
    } while (System.nanoTime() - start < budget);
    return (System.nanoTime() - start) / 1e6 / calls;
  }
}
