package io.tickstream.connectors.drf;

import io.tickstream.connectors.source.SequentialSplitReader;
import io.tickstream.core.signal.IqBlock;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;

/** Reads {@link DrfSplit}s one after the other, one stored block (at most maxBlockSamples) per pollNext call. */
final class DrfSourceReader extends SequentialSplitReader<IqBlock, DrfSplit> {
  private final int maxBlockSamples;
  private final Map<String, DrfChannelReader> readers = new HashMap<>();

  DrfSourceReader(SourceReaderContext ctx, int maxBlockSamples) {
    super(ctx);
    this.maxBlockSamples = maxBlockSamples;
  }

  private DrfChannelReader reader(DrfSplit s) {
    return readers.computeIfAbsent(s.topDir() + "\u0000" + s.channel(),
        k -> DigitalRfReader.channel(Path.of(s.topDir()), s.channel()));
  }

  /** Emits the next stored block of {@code s} (at most maxBlockSamples, cut at fill padding). */
  @Override
  protected DrfSplit readNext(DrfSplit s, ReaderOutput<IqBlock> out) {
    if (s.start() >= s.end()) {
      return null;
    }
    DrfChannelReader r = reader(s);
    List<DrfBlock> blocks = r.continuousBlocks(s.start(), s.end());
    if (blocks.isEmpty()) {
      return null;
    }
    DrfBlock b = blocks.get(0);
    long lastEnd = s.lastEnd() == Long.MIN_VALUE ? r.lastStoredEndBefore(s.start()) : s.lastEnd();
    int n = (int) Math.min(maxBlockSamples, b.count());
    DrfSamples x = r.read(b.start(), n);
    boolean padding = r.fileOf(b.start()).map(f -> !r.info(f).chunked()).orElse(false);
    List<DrfSamples> parts = padding ? x.splitOnFill(r.fillCellLe()) : List.of(x);
    for (DrfSamples p : parts) {
      long gap = lastEnd == Long.MIN_VALUE ? 0 : p.startIndex() - lastEnd;
      for (IqBlock block : DrfIqBlocks.toIqBlocks(s.channel(), p, r.sampleRate(), r.timeNs(p.startIndex()), gap)) {
        out.collect(block);
      }
      lastEnd = p.endIndex();
    }
    return s.advancedTo(b.start() + n, lastEnd);
  }

  @Override
  protected void closeResources() {
    readers.values().forEach(DrfChannelReader::close);
    readers.clear();
  }
}
