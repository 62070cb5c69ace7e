package io.tickstream.jobs.hf;

import io.tickstream.connectors.drf.DigitalRfReader;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.drf.DrfSamples;
import io.tickstream.core.hf.analysis.MinuteSamples;
import io.tickstream.core.time.Rational;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Minute windows of one Digital RF channel for batch analysis ({@code tickstream analyze}) without
 * Flink: the same assembly as the streaming {@link MinuteAssembler} ({@link MinuteBuffer}: system-time
 * minute {@code M = floor(t/60)·60}, window {@code [M − margin, M + 60 s + margin)} in sample indices
 * {@code index = t·fs}, the Digital RF convention), read minute by minute so memory stays one window.
 *
 * <p>Gaps (samples not stored, and stored fill values) stay gaps: NaN in the window, counted out of
 * {@code completeness}, and zero only in the final {@link MinuteSamples} whose contract makes zero
 * samples contribute nothing. Every gap is reported through {@link #gaps()}.
 *
 * <p>An optional {@code shiftSamples} relabels the archive's time (system time of index {@code k} =
 * {@code (k + shiftSamples)/fs}), for archives whose stored timestamps are known to be off.
 */
public final class DrfMinuteReader implements AutoCloseable {
  private static final long MINUTE_NS = 60_000_000_000L;
  private static final int READ_STEP = 1 << 20;

  private final DrfChannelReader reader;
  private final int fs;
  private final long shiftSamples;
  private final List<long[]> data = new ArrayList<>();

  private DrfMinuteReader(DrfChannelReader reader, int fs, long shiftSamples) {
    this.reader = reader;
    this.fs = fs;
    this.shiftSamples = shiftSamples;
  }

  /** True when {@code p} is a Digital RF channel directory or a top-level directory holding channels. */
  public static boolean isDigitalRf(Path p) {
    if (!Files.isDirectory(p)) {
      return false;
    }
    if (Files.isRegularFile(p.resolve(DrfChannelReader.PROPERTIES_FILE))) {
      return true;
    }
    try (var s = Files.list(p)) {
      return s.anyMatch(d -> Files.isRegularFile(d.resolve(DrfChannelReader.PROPERTIES_FILE)));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /**
   * The channel directory of {@code p}: {@code p} itself when it holds {@code drf_properties.h5},
   * else channel {@code name} under top-level {@code p} (needed when there are several channels).
   */
  public static Path channelDir(Path p, String name) {
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException(p + " is not a directory");
    }
    if (Files.isRegularFile(p.resolve(DrfChannelReader.PROPERTIES_FILE))) {
      if (name != null && !name.equals(p.getFileName().toString())) {
        throw new IllegalArgumentException(p + " is Digital RF channel '" + p.getFileName() + "', not '" + name + "'");
      }
      return p;
    }
    List<String> names = DigitalRfReader.channels(p);
    if (names.isEmpty()) {
      throw new IllegalArgumentException(p + " is not Digital RF: neither it nor a subdirectory holds "
          + DrfChannelReader.PROPERTIES_FILE);
    }
    if (name == null) {
      if (names.size() > 1) {
        throw new IllegalArgumentException(p + " holds Digital RF channels " + names + "; choose one with --channel");
      }
      return p.resolve(names.get(0));
    }
    if (!names.contains(name)) {
      throw new IllegalArgumentException(p + " has no Digital RF channel '" + name + "'; channels: " + names);
    }
    return p.resolve(name);
  }

  /** Frequency (Hz) from the channel's Phase 1 metadata ({@code frequency_hz}) or its name, else empty. */
  public static Optional<Double> frequencyHz(Path channelDir) {
    try {
      return Optional.of(ArchiveSource.frequencyHz(channelDir, channelDir.getFileName().toString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Opens {@code channelDir}; the sample rate must be a whole number of Hz (second stacking). */
  public static DrfMinuteReader open(Path channelDir, long shiftSamples) {
    DrfChannelReader r = DrfChannelReader.open(channelDir);
    Rational rate = r.sampleRate();
    if (rate.denominator() != 1 || rate.numerator() > Integer.MAX_VALUE) {
      r.close();
      throw new IllegalArgumentException("Digital RF channel " + channelDir + ": minute analysis needs an integer "
          + "sample rate, got " + rate);
    }
    if (r.properties().numSubchannels() != 1) {
      r.close();
      throw new IllegalArgumentException("Digital RF channel " + channelDir + " has " + r.properties().numSubchannels()
          + " subchannels; analyze needs one");
    }
    return new DrfMinuteReader(r, (int) rate.numerator(), shiftSamples);
  }

  public int sampleRateHz() {
    return fs;
  }

  public boolean complex() {
    return reader.properties().complex();
  }

  /** Stored bounds {@code [first, end)} in archive indices, or empty if the channel holds no data. */
  public Optional<long[]> bounds() {
    return reader.bounds().map(b -> new long[] {b[0], b[1] + 1});
  }

  /** System time (ns) of archive index {@code k}, shift applied. */
  public long systemNs(long k) {
    return reader.timeNs(k + shiftSamples);
  }

  /** First archive index at or after system time {@code tNs}, shift applied. */
  public long indexAtOrAfter(long tNs) {
    return reader.indexAtOrAfter(tNs) - shiftSamples;
  }

  /**
   * Emits every system-time minute whose stored data in {@code [from, to)} (archive indices) cover at
   * least {@code minCompleteness} of it, with {@code marginS} of neighbouring samples each side.
   */
  public void minutes(long from, long to, String channel, double frequencyHz, double marginS, double minCompleteness,
      Consumer<MinuteSamples> out) {
    long perMinute = 60L * fs;
    int margin = (int) Math.round(marginS * fs);
    long g0 = from + shiftSamples;
    long g1 = to + shiftSamples;
    for (long m = Math.floorDiv(g0, perMinute); m * perMinute < g1; m++) {
      long iM = m * perMinute;
      MinuteBuffer buf = MinuteBuffer.open(m * MINUTE_NS, iM, perMinute, margin);
      long w0 = Math.max(g0, buf.firstIndex);
      long w1 = Math.min(g1, buf.endIndex());
      fill(buf, w0 - shiftSamples, w1 - shiftSamples);
      double completeness = buf.presentInMinute / (double) perMinute;
      if (buf.presentInMinute == 0 || completeness < minCompleteness) {
        continue;
      }
      out.accept(samples(new AssembledMinute(channel, frequencyHz, fs, buf.minuteStartSystemNs, buf.firstIndex,
          buf.iq, completeness)));
    }
  }

  private void fill(MinuteBuffer buf, long from, long to) {
    byte[] fillLe = reader.fillCellLe();
    boolean cplx = complex();
    for (var b : reader.continuousBlocks(from, to)) {
      for (long s = b.start(); s < b.end(); s += READ_STEP) {
        DrfSamples x = reader.read(s, (int) Math.min(READ_STEP, b.end() - s));
        for (DrfSamples part : x.splitOnFill(fillLe)) {
          noteData(part.startIndex(), part.endIndex());
          double[] v = part.toDoubles();
          buf.copy(part.startIndex() + shiftSamples, part.count(), new MinuteBuffer.Sample() {
            public float i(int k) {
              return (float) v[cplx ? 2 * k : k];
            }

            public float q(int k) {
              return cplx ? (float) v[2 * k + 1] : 0f;
            }
          });
        }
      }
    }
  }

  /** Real channels: the I slot holds the audio; complex channels go through the streaming path's conversion. */
  private MinuteSamples samples(AssembledMinute m) {
    if (complex()) {
      return ChannelAnalysis.samples(m);
    }
    float[] audio = new float[m.numSamples()];
    for (int k = 0; k < audio.length; k++) {
      float v = m.iq()[2 * k];
      audio[k] = Float.isNaN(v) ? 0f : v;
    }
    return MinuteSamples.fromAudio(m.channel(), m.frequencyHz(), m.sampleRateHz(), m.tFirstSystemNs(),
        m.minuteStartSystemNs(), audio, m.completeness());
  }

  private void noteData(long s, long e) {
    if (!data.isEmpty()) {
      long[] last = data.get(data.size() - 1);
      if (s <= last[1] && e >= last[0]) {
        last[0] = Math.min(last[0], s);
        last[1] = Math.max(last[1], e);
        return;
      }
    }
    data.add(new long[] {s, e});
  }

  /**
   * Gaps {@code [start, end)} (archive indices) between the data read so far by {@link #minutes},
   * i.e. samples missing or holding the fill value inside the analysed range.
   */
  public List<long[]> gaps() {
    List<long[]> sorted = new ArrayList<>(data);
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    List<long[]> out = new ArrayList<>();
    long end = Long.MIN_VALUE;
    for (long[] d : sorted) {
      if (end != Long.MIN_VALUE && d[0] > end) {
        out.add(new long[] {end, d[0]});
      }
      end = Math.max(end, d[1]);
    }
    return out;
  }

  @Override
  public void close() {
    reader.close();
  }
}
