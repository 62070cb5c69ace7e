package io.tickstream.cli.hf;

import io.tickstream.core.hf.HfMinuteAnalyzer;
import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.analysis.MinuteSamples;
import io.tickstream.core.hf.format.UtcMinute;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.HfSignalGenerator.Path;
import io.tickstream.core.hf.sim.HfSignalGenerator.Scenario;
import io.tickstream.core.hf.sim.HfSignalGenerator.Transmission;
import io.tickstream.core.hf.sim.StationProgram;
import io.tickstream.core.hf.format.BroadcastOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickstream bench hf}: minutes of IQ analysed per second on one thread. Synthesises distinct
 * minutes (WWV + WWVH, two paths each, 20 dB), warms up, then AM-demodulates and analyses them
 * round-robin (no test-signal minutes: those add one 2^20-point FFT correlation, once per hour per station).
 */
@Command(name = "hf", mixinStandardHelpOptions = true,
    description = "HF minute analysis throughput on one core (simulated WWV+WWVH IQ, full analysis per minute).")
public final class BenchHfCommand implements Callable<Integer> {

  @Option(names = "--rate", defaultValue = "20000", description = "IQ sample rate (Hz), default ${DEFAULT-VALUE}")
  int rate;

  @Option(names = "--minutes", defaultValue = "200", description = "minutes to analyse in the timed run, default ${DEFAULT-VALUE}")
  int minutes;

  @Option(names = "--distinct", defaultValue = "10", description = "distinct synthetic minutes, default ${DEFAULT-VALUE}")
  int distinct;

  @Override
  public Integer call() {
    HfSignalGenerator g = new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), 0.1, false, null));
    long first = new UtcMinute(2026, 100, 12, 20).epochNs();
    List<float[]> set = new ArrayList<>();
    List<long[]> times = new ArrayList<>();
    long genStart = System.nanoTime();
    for (int i = 0; i < distinct; i++) {
      long utc = first + i * 60_000_000_000L;
      Scenario sc = new Scenario(List.of(
          new Transmission(Station.WWV, List.of(new Path(7.5, 1.0, 0.05, 0), new Path(8.1, 0.4, -0.1, 1))),
          new Transmission(Station.WWVH, List.of(new Path(25.0, 0.5, 0.02, 2), new Path(26.3, 0.2, 0.1, 3)))),
          12.0, 20, i);
      long t0 = utc - 1_000_000_000L;
      float[] iq = g.iq(t0, 62 * rate, rate, sc);
      set.add(iq);
      times.add(new long[] {t0, utc});
    }
    double genS = (System.nanoTime() - genStart) / 1e9;
    System.err.printf(Locale.ROOT, "generated %d minutes of %d Hz IQ in %.2f s (%.1f minutes/s)%n", distinct, rate,
        genS, distinct / genS);
    HfMinuteAnalyzer a = new HfMinuteAnalyzer(HfMinuteAnalyzer.Config.defaultsFor(10e6, null));
    for (int i = 0; i < Math.max(20, distinct); i++) {
      a.analyze(minute(set, times, i % distinct));
    }
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = mx.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    int usable = 0;
    for (int i = 0; i < minutes; i++) {
      usable += a.analyze(minute(set, times, i % distinct)).usable() ? 1 : 0;
    }
    double s = (System.nanoTime() - start) / 1e9;
    double cpuS = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double perS = minutes / s;
    double perCpuS = minutes / cpuS;
    System.out.printf(Locale.ROOT, "hf analysis: %d minutes of %d Hz IQ (WWV+WWVH) in %.2f s wall = %.1f minutes/s"
        + " (%.0f× real time), %.1f ms/minute; %d usable%n", minutes, rate, s, perS, perS * 60, 1000 / perS, usable);
    System.out.printf(Locale.ROOT, "hf analysis: %.2f s thread CPU time = %.1f minutes per CPU-second on one core"
        + " (%.0f× real time), %.1f ms CPU/minute%n", cpuS, perCpuS, perCpuS * 60, 1000 / perCpuS);
    return 0;
  }

  /** AM demodulation of the IQ is part of the timed work. */
  private MinuteSamples minute(List<float[]> set, List<long[]> times, int i) {
    return MinuteSamples.fromInterleavedIq("BENCH", 10e6, rate, times.get(i)[0], times.get(i)[1], set.get(i), 1.0);
  }
}
