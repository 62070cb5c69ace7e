package io.tickstream.jobs.hf;

import io.tickstream.connectors.drf.DigitalMetadataReader;
import io.tickstream.connectors.drf.DigitalRfReader;
import io.tickstream.connectors.drf.DrfBlock;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.drf.DrfDtype;
import io.tickstream.connectors.drf.DrfSamples;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * Bounded IQ input from a Phase 1 Digital RF archive (one Digital RF channel per HF channel under
 * {@code --archive}): the time range is cut into chunks in time order, and a reader turns each
 * chunk's stored samples into {@link IqBlock}s (at most one second each; gaps and fill values are
 * not samples, so they stay gaps). Stepping stone until the drf branch's FLIP-27
 * {@code DigitalRfSource} lands; the job graph does not depend on which one feeds it.
 */
public final class ArchiveSource {
  private static final Pattern MHZ_IN_NAME = Pattern.compile("(\\d+(?:[._]\\d+)?)_?MHz", Pattern.CASE_INSENSITIVE);

  private ArchiveSource() {}

  /** One channel's samples {@code [start, end)}. */
  public record Chunk(String channelDir, String channel, long start, long end) implements Serializable {}

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

  /** Chunks of {@code chunkSeconds} over {@code [fromNs, toNs)} (clipped to each channel), time-ordered. */
  public static List<Chunk> plan(List<ArchiveChannel> channels, long fromNs, long toNs, int chunkSeconds) {
    List<Chunk> out = new ArrayList<>();
    long step = (long) chunkSeconds * 1_000_000_000L;
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (ArchiveChannel c : channels) {
      lo = Math.min(lo, Math.max(fromNs, c.sampleRateHz().timeNsOfIndexFloor(c.first())));
      hi = Math.max(hi, Math.min(toNs, c.sampleRateHz().timeNsOfIndexFloor(c.end()) + 1));
    }
    for (long t = Math.floorDiv(lo, step) * step; t < hi; t += step) {
      for (ArchiveChannel c : channels) {
        long s = Math.max(c.first(), c.sampleRateHz().indexAtOrAfter(Math.max(t, fromNs)));
        long e = Math.min(c.end(), c.sampleRateHz().indexAtOrAfter(Math.min(t + step, toNs)));
        if (s < e) {
          out.add(new Chunk(c.dir().toString(), c.name(), s, e));
        }
      }
    }
    return out;
  }

  /** The IQ blocks of the chunks, as a bounded stream read in chunk order (parallelism 1). */
  public static DataStream<IqBlock> blocks(StreamExecutionEnvironment env, List<Chunk> chunks) {
    return env.fromData(chunks).setParallelism(1).name("archive chunks")
        .flatMap(new Reader()).returns(TypeInformation.of(IqBlock.class)).setParallelism(1)
        .name("Digital RF archive reader");
  }

  /** Reads a chunk's stored samples as IQ blocks of at most one second. */
  static final class Reader extends RichFlatMapFunction<Chunk, IqBlock> {
    private transient Map<String, DrfChannelReader> readers;

    @Override
    public void open(OpenContext ctx) {
      readers = new HashMap<>();
    }

    @Override
    public void flatMap(Chunk c, Collector<IqBlock> out) {
      DrfChannelReader r = readers.computeIfAbsent(c.channelDir(), d -> DrfChannelReader.open(Path.of(d)));
      Rational rate = r.sampleRate();
      int perBlock = (int) Math.max(1, rate.numerator() / rate.denominator());
      for (DrfBlock b : r.dataBlocks(c.start(), c.end())) {
        for (long s = b.start(); s < b.end(); s += perBlock) {
          int n = (int) Math.min(perBlock, b.end() - s);
          DrfSamples d = r.read(s, n);
          if (!d.complex() || d.numSubchannels() != 1) {
            throw new IllegalArgumentException(c.channelDir() + ": HF reprocessing needs complex single-subchannel IQ");
          }
          long t = rate.timeNsOfIndexFloor(s);
          IqBlock blk = d.dtype().littleEndian().equals(DrfDtype.INT16)
              ? IqBlock.ofInt16(c.channel(), s, rate, t, true, d.toShorts(), 0)
              : IqBlock.ofFloat32(c.channel(), s, rate, t, true, floats(d.toDoubles()), 0);
          out.collect(blk);
        }
      }
    }

    private static float[] floats(double[] v) {
      float[] f = new float[v.length];
      for (int k = 0; k < v.length; k++) {
        f[k] = (float) v[k];
      }
      return f;
    }

    @Override
    public void close() {
      if (readers != null) {
        readers.values().forEach(DrfChannelReader::close);
      }
    }
  }
}
