package io.tickstream.jobs.hf;

import io.tickstream.connectors.drf.DigitalMetadataReader;
import io.tickstream.connectors.drf.DigitalRfReader;
import io.tickstream.connectors.drf.DigitalRfSource;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Bounded IQ input from a Phase 1 Digital RF archive (one Digital RF channel per HF channel under
 * {@code --archive}): the channels with their frequencies and bounds, their minute windows through
 * {@link ArchiveMinuteSource} (what reprocessing uses), and their IQ blocks through
 * {@link DigitalRfSource} (gaps and fill values stay gaps).
 */
public final class ArchiveSource {
  private static final Pattern MHZ_IN_NAME = Pattern.compile("(\\d+(?:[._]\\d+)?)_?MHz", Pattern.CASE_INSENSITIVE);

  private ArchiveSource() {}

  /** A channel of the archive with its frequency and stored bounds (inclusive first, exclusive end). */
  public record ArchiveChannel(String name, Path dir, double frequencyHz, Rational sampleRateHz, long first, long end) {}

  /** Channels of {@code archive} (optionally only {@code only}), with frequencies from Phase 1 metadata or the name. */
  public static List<ArchiveChannel> channels(Path archive, List<String> only) {
    if (!Files.isDirectory(archive)) {
      throw new IllegalArgumentException("archive " + archive + " is not a directory");
    }
    List<ArchiveChannel> out = new ArrayList<>();
    for (String name : DigitalRfReader.channels(archive)) {
      if (only != null && !only.isEmpty() && !only.contains(name)) {
        continue;
      }
      Path dir = archive.resolve(name);
      try (DrfChannelReader r = DrfChannelReader.open(dir)) {
        Optional<long[]> b = r.bounds();
        if (b.isEmpty()) {
          continue;
        }
        out.add(new ArchiveChannel(name, dir, frequencyHz(dir, name), r.sampleRate(), b.get()[0], b.get()[1] + 1));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("archive " + archive + " has no Digital RF channel with data"
          + (only == null || only.isEmpty() ? "" : " among " + only));
    }
    return out;
  }

  /** {@code frequency_hz} of the channel's Phase 1 metadata, else a "…_10_MHz" style name. */
  static double frequencyHz(Path dir, String name) {
    Path md = dir.resolve("metadata");
    if (Files.isRegularFile(md.resolve(DigitalMetadataReader.PROPERTIES_FILE))) {
      Optional<DigitalMetadataReader.Record> rec = DigitalMetadataReader.open(md).records().stream().findFirst();
      Object f = rec.map(r -> r.values().get("frequency_hz")).orElse(null);
      if (f instanceof Number n) {
        return n.doubleValue();
      }
    }
    Matcher m = MHZ_IN_NAME.matcher(name);
    if (m.find()) {
      return Double.parseDouble(m.group(1).replace('_', '.')) * 1e6;
    }
    throw new IllegalArgumentException("channel " + dir + ": no frequency_hz in its metadata and none in its name"
        + " (e.g. WWV_10_MHz)");
  }

  /** Samples of {@code c} inside system time {@code [fromNs, toNs)}, as global indices {@code [from, to)}. */
  public static long[] indexRange(ArchiveChannel c, long fromNs, long toNs) {
    long from = fromNs == Long.MIN_VALUE ? c.first() : Math.max(c.first(), c.sampleRateHz().indexAtOrAfter(fromNs));
    long to = toNs == Long.MAX_VALUE ? c.end() : Math.min(c.end(), c.sampleRateHz().indexAtOrAfter(toNs));
    return new long[] {from, Math.max(from, to)};
  }

  /**
   * The archive's IQ blocks in {@code [fromNs, toNs)} from the drf connector's bounded FLIP-27
   * {@link DigitalRfSource} (parallelism 1: per-channel time order; BATCH sorts by key and time).
   */
  public static DataStream<IqBlock> blocks(StreamExecutionEnvironment env, Path archive, List<ArchiveChannel> channels,
      long fromNs, long toNs) {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (ArchiveChannel c : channels) {
      long[] r = indexRange(c, fromNs, toNs);
      lo = Math.min(lo, r[0]);
      hi = Math.max(hi, r[1]);
    }
    DigitalRfSource src = DigitalRfSource.of(archive).withChannels(channels.stream().map(ArchiveChannel::name).toList())
        .withRange(lo, hi);
    return env.fromSource(src, WatermarkStrategy.noWatermarks(), "Digital RF archive " + archive).setParallelism(1);
  }

  /** Minutes per split of {@link #minutes}: small enough to balance two or more readers over a few channels. */
  static final int MINUTES_PER_SPLIT = 5;

  /**
   * The archive's assembled minute windows in {@code [fromNs, toNs)} ({@link ArchiveMinuteSource}),
   * read in parallel (the environment's parallelism) and chained to what consumes them: the bounded
   * replacement of {@link #blocks} → {@link MinuteAssembler}, with identical minutes.
   */
  public static DataStream<AssembledMinute> minutes(StreamExecutionEnvironment env, List<ArchiveChannel> channels,
      long fromNs, long toNs, HfJobConfig config) {
    List<ArchiveMinuteSource.ChannelRange> ranges = new ArrayList<>();
    for (ArchiveChannel c : channels) {
      long[] r = indexRange(c, fromNs, toNs);
      ranges.add(new ArchiveMinuteSource.ChannelRange(c.name(), c.dir().toAbsolutePath().toString(), r[0], r[1]));
    }
    return env.fromSource(new ArchiveMinuteSource(ranges, config, MINUTES_PER_SPLIT), WatermarkStrategy.noWatermarks(),
        "Digital RF archive minutes");
  }
}
