package io.tickstream.cli.hf;

import io.tickstream.cli.clock.ClockOptions;
import io.tickstream.cli.clock.ClockReport;
import io.tickstream.core.hf.HfMinuteAnalyzer;
import io.tickstream.core.hf.MinuteAnalysis;
import io.tickstream.core.hf.analysis.MinuteSamples;
import io.tickstream.core.hf.analysis.MinuteSlicer;
import io.tickstream.core.hf.analysis.TickTimer;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.format.ToneSchedule;
import io.tickstream.core.hf.io.SampleFile;
import io.tickstream.core.hf.testsignal.TestSignalTemplate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tickstream analyze FILE}: HF minute analysis of a recording, one line per minute.
 * Input sources: WAV (mono = AM audio, stereo = I/Q; int16 or float32) and raw {@code .cf32}/{@code .cs16}
 * IQ. (Digital RF input plugs in at {@link #minutes}, which turns any source into
 * {@link MinuteSamples}.)
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = {
      "Analyse an HF time-signal recording minute by minute: WWV/WWVH/CHU tick and marker arrival,",
      "BCD / CHU FSK time code, station-ID tones, HamSCI test signal, Doppler, station discrimination.",
      "FILE: .wav (mono AM audio or stereo I/Q, int16/float32) or raw .cf32/.cs16 I/Q (needs --rate).",
      "Then solves D_clock = t_system − t_UTC per minute (station, propagation mode, delay, uncertainty,",
      "grade); several FILEs (one per channel, with one --frequency-mhz each) are fused minute by minute."})
public final class AnalyzeCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "recording(s) to analyse, one per channel")
  List<Path> files;

  @Option(names = "--start-utc", required = true, paramLabel = "ISO",
      description = "system time of the first sample, e.g. 2025-02-27T00:08:00Z (one for all FILEs, or one per FILE)")
  List<String> startUtcs;

  @Option(names = "--frequency-mhz", required = true, paramLabel = "F",
      description = "carrier frequency (MHz), one per FILE")
  List<Double> frequenciesMhz;

  @Mixin ClockOptions clock = new ClockOptions();

  @Option(names = "--grid", required = true, paramLabel = "GRID", description = "receiver Maidenhead locator")
  String grid;

  @Option(names = "--rate", paramLabel = "R", description = "sample rate (Hz); required for raw .cf32/.cs16")
  Integer rate;

  @Option(names = "--json", description = "one JSON object per minute instead of text")
  boolean json;

  @Option(names = "--channel", description = "channel name (default derived from the frequency), one per FILE")
  List<String> channels;

  @Option(names = "--test-signal-template", paramLabel = "RAW",
      description = "HamSCI test-signal template (48 kHz s16le, ka9q/wwvsim test.raw); enables test-signal analysis")
  Path testSignalTemplate;

  @Option(names = "--schedule", description = "500/600 Hz schedule: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})",
      defaultValue = "WWVSIM")
  ToneSchedule schedule;

  @Option(names = "--wwvh-test-minute", defaultValue = "48",
      description = "minute of WWVH's test signal (NIST: 48; grape/Zenodo: 44; default ${DEFAULT-VALUE})")
  int wwvhTestMinute;

  @Override
  public Integer call() throws Exception {
    int n = files.size();
    if (frequenciesMhz.size() != n || (startUtcs.size() != 1 && startUtcs.size() != n)
        || (channels != null && channels.size() != n)) {
      System.err.printf(Locale.ROOT, "%d FILE(s) need %d --frequency-mhz, 1 or %d --start-utc and (if given) %d --channel%n",
          n, n, n, n);
      return 2;
    }
    List<MinuteAnalysis> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Integer rc = analyse(files.get(i), startUtcs.get(startUtcs.size() == 1 ? 0 : i), frequenciesMhz.get(i),
          channels == null ? null : channels.get(i), all);
      if (rc != 0) {
        return rc;
      }
    }
    new ClockReport(clock.grid(grid), json ? System.err : System.out).run(all);
    return 0;
  }

  private Integer analyse(Path file, String startUtc, double frequencyMhz, String channel, List<MinuteAnalysis> all)
      throws Exception {
    long t0;
    try {
      t0 = Instant.parse(startUtc).getEpochSecond() * 1_000_000_000L + Instant.parse(startUtc).getNano();
    } catch (RuntimeException e) {
      System.err.println("--start-utc: not an ISO-8601 instant: " + startUtc);
      return 2;
    }
    String ch = channel != null ? channel : String.format(Locale.ROOT, "HF_%s_MHz", trim(frequencyMhz));
    TestSignalTemplate tpl = testSignalTemplate == null ? null : TestSignalTemplate.load(testSignalTemplate);
    BroadcastOptions bo = BroadcastOptions.defaults().withSchedule(schedule).withWwvhTestMinute(wwvhTestMinute);
    double fHz = frequencyMhz * 1e6;
    HfMinuteAnalyzer analyzer = new HfMinuteAnalyzer(new HfMinuteAnalyzer.Config(
        HfMinuteAnalyzer.Config.candidatesFor(fHz), bo, TickTimer.Config.defaults(), tpl));
    long started = System.nanoTime();
    List<MinuteSamples> minutes = minutes(file, rate, ch, fHz, t0);
    HfMinuteFormatter fmt = new HfMinuteFormatter();
    PrintStream out = System.out;
    if (!json) {
      out.println(fmt.header());
    }
    int usable = 0;
    for (MinuteSamples ms : minutes) {
      MinuteAnalysis m = analyzer.analyze(ms);
      all.add(m);
      usable += m.usable() ? 1 : 0;
      out.println(json ? fmt.json(m) : fmt.line(m));
    }
    System.err.printf(Locale.ROOT, "analysed %d minute(s) of %s (%s, grid %s) in %.2f s; %d usable%n",
        minutes.size(), file, ch, grid, (System.nanoTime() - started) / 1e9, usable);
    return 0;
  }

  /** The input seam: turns a recording into minutes (file types here; Digital RF to be added). */
  static List<MinuteSamples> minutes(Path file, Integer rate, String channel, double frequencyHz, long t0)
      throws java.io.IOException {
    SampleFile f = SampleFile.read(file, rate);
    return MinuteSlicer.slice(f, channel, frequencyHz, t0, 1.5, 0.9);
  }

  private static String trim(double mhz) {
    String s = String.format(Locale.ROOT, "%.3f", mhz).replaceAll("0+$", "").replaceAll("\\.$", "");
    return s.replace('.', '_');
  }
}
