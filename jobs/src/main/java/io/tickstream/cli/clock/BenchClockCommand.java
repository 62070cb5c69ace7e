package io.tickstream.cli.clock;

import io.tickstream.core.hf.clock.ArrivalObservation;
import io.tickstream.core.hf.clock.ClockPrior;
import io.tickstream.core.hf.clock.ClockSolver;
import io.tickstream.core.hf.clock.Maidenhead;
import io.tickstream.core.hf.clock.ModePath;
import io.tickstream.core.hf.clock.ParametricIonosphere;
import io.tickstream.core.hf.clock.PropagationModel;
import io.tickstream.core.hf.clock.Transmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tickstream bench clock}: D_clock solver throughput (minutes/s) by channel count. */
@Command(name = "clock", mixinStandardHelpOptions = true,
    description = "Throughput of the D_clock solver (mode search + fusion) on synthetic minutes of "
        + "1, 2, 4 and 8 channels; prints minutes/s and the propagation-model rate.")
public final class BenchClockCommand implements Runnable {
  @Option(names = "--minutes", defaultValue = "2000", description = "minutes per channel count (default ${DEFAULT-VALUE})")
  int minutes;

  @Option(names = "--grid", defaultValue = "EM38ww", description = "receiver locator (default ${DEFAULT-VALUE})")
  String grid;

  @Override
  public void run() {
    var rx = Maidenhead.toPoint(grid);
    ClockSolver solver = ClockSolver.withDefaults(rx);
    PropagationModel truth = new PropagationModel(new ParametricIonosphere().perturbed(20, -20, 1.2));
    double[] freqs = {2.5, 5, 10, 15, 20, 25};
    Random r = new Random(1);
    long day = 1_749_945_600L * 1_000_000_000L;
    long t0 = System.nanoTime();
    int modelCalls = 0;
    for (int k = 0; k < minutes; k++) {
      truth.candidates(Transmitter.WWV, rx, freqs[k % freqs.length], day + k * 60_000_000_000L);
      modelCalls++;
    }
    System.out.printf(Locale.ROOT, "propagation model: %.0f path sets/s%n",
        modelCalls / ((System.nanoTime() - t0) / 1e9));
    for (int channels : new int[] {1, 2, 4, 8}) {
      List<List<ArrivalObservation>> input = new ArrayList<>();
      for (int k = 0; k < minutes; k++) {
        long t = day + (long) r.nextInt(1440) * 60_000_000_000L;
        List<ArrivalObservation> obs = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
          Transmitter tx = i % 4 == 3 ? Transmitter.WWVH : Transmitter.WWV;
          double f = freqs[i % 4];
          List<ModePath> c = truth.candidates(tx, rx, f, t);
          ModePath p = c.get(r.nextInt(c.size()));
          obs.add(new ArrivalObservation("ch" + i, tx, f, t, p.delayMs() + 0.7 + 0.01 * r.nextGaussian(),
              0.01, 10, Double.NaN, Double.NaN, Double.NaN, null));
        }
        input.add(obs);
      }
      long s0 = System.nanoTime();
      for (List<ArrivalObservation> obs : input) {
        solver.solve(obs, ClockPrior.NONE);
      }
      double secs = (System.nanoTime() - s0) / 1e9;
      System.out.printf(Locale.ROOT, "%d channel(s): %d minutes in %.2f s = %.0f minutes/s%n", channels,
          minutes, secs, minutes / secs);
    }
  }
}
