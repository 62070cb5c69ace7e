package io.tickstream.cli.hf;

import io.tickstream.cli.clock.ClockOptions;
import io.tickstream.cli.clock.ClockReport;
import io.tickstream.connectors.drf.DrfFormatException;
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
import io.tickstream.jobs.hf.DrfMinuteReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tickstream analyze FILE}: HF minute analysis of a recording, one line per minute.
 * Input sources: WAV (mono = AM audio, stereo = I/Q; int16 or float32), raw {@code .cf32}/{@code .cs16}
 * IQ, and Digital RF channels (rate, start time and gaps from the archive; {@link DrfMinuteReader}).
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = {
      "Analyse an HF time-signal recording minute by minute: WWV/WWVH/CHU tick and",
      "marker arrival, BCD / CHU FSK time code, station-ID tones, HamSCI test signal,",
      "Doppler, station discrimination; then solve D_clock = t_system - t_UTC per",
      "minute (station, propagation mode, delay, uncertainty, grade). Several FILEs",
      "(one per channel) are fused minute by minute.",
      "FILE: .wav (mono AM audio or stereo I/Q, int16/float32) or raw .cf32/.cs16 I/Q",
      "(--rate), with --start-utc and --frequency-mhz; or a Digital RF top-level or",
      "channel directory (complex int16/float32 or real): sample rate, start time and",
      "gaps come from the archive, --channel picks the channel, --from/--to cut it,",
      "--frequency-mhz defaults to its metadata or name; gaps are listed, not filled."})
public final class AnalyzeCommand implements Callable<Integer> {
  private static final double MARGIN_S = 1.5;
  private static final double MIN_COMPLETENESS = 0.9;

  @Parameters(arity = "1..*", paramLabel = "FILE",
      description = "recording(s) to analyse, one per channel (a Digital RF top-level directory given once with"
          + " several --channel stands for each of them)")
  List<Path> files;

  @Option(names = "--start-utc", paramLabel = "ISO",
      description = "system time of the first sample, e.g. 2025-02-27T00:08:00Z (one for all FILEs, or one per FILE);"
          + " required for .wav/.cf32/.cs16; for Digital RF it overrides the archive's own time of its first sample")
  List<String> startUtcs;

  @Option(names = "--frequency-mhz", paramLabel = "F",
      description = "carrier frequency (MHz), one per FILE; Digital RF default: frequency_hz metadata or a"
          + " channel name like WWV_10_MHz")
  List<Double> frequenciesMhz;

  @Option(names = "--from", paramLabel = "ISO", description = "Digital RF: analyse from this system time")
  String from;

  @Option(names = "--to", paramLabel = "ISO", description = "Digital RF: analyse up to this system time (exclusive)")
  String to;

  @Mixin ClockOptions clock = new ClockOptions();

  @Option(names = "--grid", required = true, paramLabel = "GRID", description = "receiver Maidenhead locator")
  String grid;

  @Option(names = "--rate", paramLabel = "R", description = "sample rate (Hz); required for raw .cf32/.cs16")
  Integer rate;

  @Option(names = "--json", description = "one JSON object per minute instead of text")
  boolean json;

  @Option(names = "--channel", description = "channel name, one per FILE: the Digital RF channel to read under a"
      + " top-level directory, else a label (default derived from the frequency)")
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
    if (files.size() == 1 && channels != null && channels.size() > 1 && DrfMinuteReader.isDigitalRf(files.get(0))) {
      files = java.util.Collections.nCopies(channels.size(), files.get(0));
    }
    int n = files.size();
    int nf = frequenciesMhz == null ? 0 : frequenciesMhz.size();
    int ns = startUtcs == null ? 0 : startUtcs.size();
    if ((nf != 0 && nf != n) || (ns > 1 && ns != n) || (channels != null && channels.size() != n)) {
      System.err.printf(Locale.ROOT, "%d FILE(s) need %d --frequency-mhz, 1 or %d --start-utc and (if given) %d --channel%n",
          n, n, n, n);
      return 2;
    }
    List<MinuteAnalysis> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Integer rc = analyse(files.get(i), ns == 0 ? null : startUtcs.get(ns == 1 ? 0 : i),
          nf == 0 ? null : frequenciesMhz.get(i), channels == null ? null : channels.get(i), all);
      if (rc != 0) {
        return rc;
      }
    }
    new ClockReport(clock.grid(grid), json ? System.err : System.out).run(all);
    return 0;
  }

  private Integer analyse(Path file, String startUtc, Double frequencyMhz, String channel, List<MinuteAnalysis> all)
      throws Exception {
    Long t0 = startUtc == null ? null : parse("--start-utc", startUtc);
    Long fromNs = from == null ? null : parse("--from", from);
    Long toNs = to == null ? null : parse("--to", to);
    if ((startUtc != null && t0 == null) || (from != null && fromNs == null) || (to != null && toNs == null)) {
      return 2;
    }
    boolean drf = Files.isDirectory(file);
    Path channelDir = null;
    if (drf) {
      try {
        channelDir = DrfMinuteReader.channelDir(file, channel);
      } catch (IllegalArgumentException | DrfFormatException e) {
        System.err.println("analyze: " + e.getMessage());
        return 2;
      }
      channel = channelDir.getFileName().toString();
      if (frequencyMhz == null) {
        frequencyMhz = DrfMinuteReader.frequencyHz(channelDir).map(f -> f / 1e6).orElse(null);
      }
    } else if (t0 == null || from != null || to != null) {
      System.err.println("analyze: " + file + ": a recording file needs --start-utc (--from/--to are for Digital RF)");
      return 2;
    }
    if (frequencyMhz == null) {
      System.err.println("analyze: " + file + ": no --frequency-mhz given"
          + (drf ? " and the channel's metadata/name carries none" : ""));
      return 2;
    }
    String ch = channel != null ? channel : String.format(Locale.ROOT, "HF_%s_MHz", trim(frequencyMhz));
    TestSignalTemplate tpl = testSignalTemplate == null ? null : TestSignalTemplate.load(testSignalTemplate);
    BroadcastOptions bo = BroadcastOptions.defaults().withSchedule(schedule).withWwvhTestMinute(wwvhTestMinute);
    double fHz = frequencyMhz * 1e6;
    HfMinuteAnalyzer analyzer = new HfMinuteAnalyzer(new HfMinuteAnalyzer.Config(
        HfMinuteAnalyzer.Config.candidatesFor(fHz), bo, TickTimer.Config.defaults(), tpl));
    long started = System.nanoTime();
    HfMinuteFormatter fmt = new HfMinuteFormatter();
    PrintStream out = System.out;
    if (!json) {
      out.println(fmt.header());
    }
    int[] counts = new int[2];
    Consumer<MinuteSamples> each = ms -> {
      MinuteAnalysis m = analyzer.analyze(ms);
      all.add(m);
      counts[0]++;
      counts[1] += m.usable() ? 1 : 0;
      out.println(json ? fmt.json(m) : fmt.line(m));
    };
    if (drf) {
      Integer rc = drfMinutes(channelDir, ch, fHz, t0, fromNs, toNs, each);
      if (rc != 0) {
        return rc;
      }
    } else {
      minutes(file, rate, ch, fHz, t0).forEach(each);
    }
    System.err.printf(Locale.ROOT, "analysed %d minute(s) of %s (%s, grid %s) in %.2f s; %d usable%n",
        counts[0], file, ch, grid, (System.nanoTime() - started) / 1e9, counts[1]);
    return 0;
  }

  /**
   * Digital RF input: minutes on system-time minute boundaries of the archive's own time (shifted so
   * that its first stored sample is at {@code t0} when given, to the nearest sample), gaps kept and listed.
   */
  private Integer drfMinutes(Path channelDir, String ch, double fHz, Long t0, Long fromNs, Long toNs,
      Consumer<MinuteSamples> each) {
    long shift = 0;
    try (DrfMinuteReader probe = DrfMinuteReader.open(channelDir, 0)) {
      Optional<long[]> b = probe.bounds();
      if (b.isEmpty()) {
        System.err.println("analyze: Digital RF channel " + channelDir + " holds no samples");
        return 2;
      }
      if (t0 != null) {
        shift = Math.round((t0 - probe.systemNs(b.get()[0])) * (double) probe.sampleRateHz() / 1e9);
      }
    } catch (IllegalArgumentException | DrfFormatException e) {
      System.err.println("analyze: " + e.getMessage());
      return 2;
    }
    try (DrfMinuteReader r = DrfMinuteReader.open(channelDir, shift)) {
      long[] b = r.bounds().orElseThrow();
      long lo = fromNs == null ? b[0] : Math.max(b[0], r.indexAtOrAfter(fromNs));
      long hi = toNs == null ? b[1] : Math.min(b[1], r.indexAtOrAfter(toNs));
      int fs = r.sampleRateHz();
      System.err.printf(Locale.ROOT, "Digital RF %s: %s %d Hz, samples [%d, %d) = %s .. %s (system time%s)%n",
          channelDir, r.complex() ? "complex" : "real", fs, lo, hi, Instant.ofEpochSecond(0, r.systemNs(lo)),
          Instant.ofEpochSecond(0, r.systemNs(hi)), shift == 0 ? "" : String.format(Locale.ROOT,
              ", archive time shifted by %+d samples to --start-utc", shift));
      if (lo >= hi) {
        System.err.println("analyze: no samples of " + channelDir + " inside --from/--to");
        return 2;
      }
      r.minutes(lo, hi, ch, fHz, MARGIN_S, MIN_COMPLETENESS, each);
      for (long[] g : r.gaps()) {
        System.err.printf(Locale.ROOT, "gap: %s samples [%d, %d) = %d samples (%.1f ms) from %s, not analysed%n",
            ch, g[0], g[1], g[1] - g[0], (g[1] - g[0]) * 1e3 / fs, Instant.ofEpochSecond(0, r.systemNs(g[0])));
      }
    } catch (DrfFormatException e) {
      System.err.println("analyze: Digital RF read error (minutes before it were analysed): " + e.getMessage());
      return 1;
    }
    return 0;
  }

  private static Long parse(String option, String iso) {
    try {
      Instant t = Instant.parse(iso);
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    } catch (RuntimeException e) {
      System.err.println(option + ": not an ISO-8601 instant: " + iso);
      return null;
    }
  }

  /** The file input seam: turns a recording file into minutes. */
  static List<MinuteSamples> minutes(Path file, Integer rate, String channel, double frequencyHz, long t0)
      throws java.io.IOException {
    SampleFile f = SampleFile.read(file, rate);
    return MinuteSlicer.slice(f, channel, frequencyHz, t0, MARGIN_S, MIN_COMPLETENESS);
  }

  private static String trim(double mhz) {
    String s = String.format(Locale.ROOT, "%.3f", mhz).replaceAll("0+$", "").replaceAll("\\.$", "");
    return s.replace('.', '_');
  }
}
