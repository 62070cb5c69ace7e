package io.tickstream.connectors.drf;

import io.tickstream.connectors.source.QueueSplitEnumerator;
import io.tickstream.core.signal.IqBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Bounded FLIP-27 source reading a Digital RF top-level directory as {@link IqBlock}s (sample index,
 * exact rate, system time {@code index · den / num}, {@code gapSamplesBefore}). One split per data
 * file (clipped to the optional range {@code [fromIndex, toIndex)}, optionally cut into time ranges of
 * {@code maxSplitSamples}), handed out on request, so several readers read in parallel. Blocks hold at most {@code maxBlockSamples} samples and
 * never span a gap; fill-value padding of contiguous (continuous-layout) files is reported as a gap,
 * not data. Multi-subchannel channels give one block per subchannel ({@link DrfIqBlocks}).
 *
 * <p>Order: one reader emits its splits in time order, but parallel readers interleave files; a
 * consumer that needs per-channel time order (e.g. {@link DigitalRfSink}) must read with parallelism 1
 * or re-order.
 */
public final class DigitalRfSource implements Source<IqBlock, DrfSplit, List<DrfSplit>>, ResultTypeQueryable<IqBlock> {
  private static final long serialVersionUID = 1L;

  private final String topDir;
  private final List<String> channels;
  private final long fromIndex;
  private final long toIndex;
  private final int maxBlockSamples;
  private final long maxSplitSamples;

  private DigitalRfSource(String topDir, List<String> channels, long fromIndex, long toIndex, int maxBlockSamples,
      long maxSplitSamples) {
    this.topDir = topDir;
    this.channels = channels;
    this.fromIndex = fromIndex;
    this.toIndex = toIndex;
    this.maxBlockSamples = maxBlockSamples;
    this.maxSplitSamples = maxSplitSamples;
  }

  /** Every channel of {@code topDir}, all samples, blocks of at most 20000 samples. */
  public static DigitalRfSource of(Path topDir) {
    return new DigitalRfSource(topDir.toAbsolutePath().toString(), List.of(), Long.MIN_VALUE, Long.MAX_VALUE, 20000,
        Long.MAX_VALUE);
  }

  /** Only these channels. */
  public DigitalRfSource withChannels(List<String> names) {
    return new DigitalRfSource(topDir, List.copyOf(names), fromIndex, toIndex, maxBlockSamples, maxSplitSamples);
  }

  /** Only samples {@code [from, to)} (global indices). */
  public DigitalRfSource withRange(long from, long to) {
    return new DigitalRfSource(topDir, channels, from, to, maxBlockSamples, maxSplitSamples);
  }

  /** Largest emitted block. */
  public DigitalRfSource withMaxBlockSamples(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxBlockSamples must be >= 1");
    }
    return new DigitalRfSource(topDir, channels, fromIndex, toIndex, n, maxSplitSamples);
  }

  /** Splits files into time ranges of at most {@code n} samples (more parallelism for long files). */
  public DigitalRfSource withMaxSplitSamples(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxSplitSamples must be >= 1");
    }
    return new DigitalRfSource(topDir, channels, fromIndex, toIndex, maxBlockSamples, n);
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  /** One split per data file overlapping the range, channel by channel, in time order. */
  List<DrfSplit> planSplits() {
    Path top = Path.of(topDir);
    List<String> names = channels.isEmpty() ? DigitalRfReader.channels(top) : channels;
    List<DrfSplit> out = new ArrayList<>();
    for (String ch : names) {
      try (DrfChannelReader r = DigitalRfReader.channel(top, ch)) {
        for (DrfChannelReader.RfFile f : r.files()) {
          long s = Math.max(f.firstSample(), fromIndex);
          long e = Math.min(f.endSample(), toIndex);
          for (long a = s; a < e; a += Math.min(maxSplitSamples, e - a)) {
            long b = Math.min(e, a + Math.min(maxSplitSamples, e - a));
            out.add(new DrfSplit(ch + "@" + f.relativePath() + "#" + a, topDir, ch, a, b, Long.MIN_VALUE));
          }
        }
      }
    }
    return out;
  }

  @Override
  public SplitEnumerator<DrfSplit, List<DrfSplit>> createEnumerator(SplitEnumeratorContext<DrfSplit> ctx) {
    return new QueueSplitEnumerator<>(ctx, planSplits(), DrfSplit.BACK_ORDER);
  }

  @Override
  public SplitEnumerator<DrfSplit, List<DrfSplit>> restoreEnumerator(SplitEnumeratorContext<DrfSplit> ctx,
      List<DrfSplit> checkpoint) {
    return new QueueSplitEnumerator<>(ctx, checkpoint, DrfSplit.BACK_ORDER);
  }

  @Override
  public SimpleVersionedSerializer<DrfSplit> getSplitSerializer() {
    return new DrfSplit.Serializer();
  }

  @Override
  public SimpleVersionedSerializer<List<DrfSplit>> getEnumeratorCheckpointSerializer() {
    return new DrfSplit.ListSerializer();
  }

  @Override
  public SourceReader<IqBlock, DrfSplit> createReader(SourceReaderContext ctx) {
    return new DrfSourceReader(ctx, maxBlockSamples);
  }

  @Override
  public TypeInformation<IqBlock> getProducedType() {
    return TypeInformation.of(IqBlock.class);
  }
}
