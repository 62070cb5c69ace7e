package io.tickstream.cli.hf;

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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
      "FILE: .wav (mono AM audio or stereo I/Q, int16/float32) or raw .cf32/.cs16 I/Q (needs --rate)."})
public final class AnalyzeCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "recording to analyse")
  Path file;

  @Option(names = "--start-utc", required = true, paramLabel = "ISO",
      description = "system time of the first sample, e.g. 2025-02-27T00:08:00Z")
  String startUtc;

  @Option(names = "--frequency-mhz", required = true, paramLabel = "F", description = "carrier frequency (MHz)")
  double frequencyMhz;

  @Option(names = "--grid", required = true, paramLabel = "GRID", description = "receiver Maidenhead locator")
  String grid;

  @Option(names = "--rate", paramLabel = "R", description = "sample rate (Hz); required for raw .cf32/.cs16")
  Integer rate;

  @Option(names = "--json", description = "one JSON object per minute instead of text")
  boolean json;

  @Option(names = "--channel", description = "channel name (default derived from the frequency)")
  String channel;

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
