package io.tickstream.connectors.drf;

import io.tickstream.core.signal.IqBlock;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;

/** Reads {@link DrfSplit}s one after the other, one block per {@link #pollNext} call. */
final class DrfSourceReader implements SourceReader<IqBlock, DrfSplit> {
  private final SourceReaderContext ctx;
  private final int maxBlockSamples;
  private final ArrayDeque<DrfSplit> splits = new ArrayDeque<>();
  private final Map<String, DrfChannelReader> readers = new HashMap<>();
  private final ArrayDeque<IqBlock> ready = new ArrayDeque<>();
  private DrfSplit current;
  private boolean noMoreSplits;
  private boolean requested;
  private CompletableFuture<Void> available = new CompletableFuture<>();

  DrfSourceReader(SourceReaderContext ctx, int maxBlockSamples) {
    this.ctx = ctx;
    this.maxBlockSamples = maxBlockSamples;
  }

  @Override
  public void start() {
    request();
  }

  private void request() {
    if (!requested && !noMoreSplits) {
      requested = true;
      ctx.sendSplitRequest();
    }
  }

  @Override
  public InputStatus pollNext(ReaderOutput<IqBlock> out) {
    while (true) {
      if (!ready.isEmpty()) {
        // emit the whole piece in this call: a checkpoint between calls then never loses buffered blocks
        while (!ready.isEmpty()) {
          out.collect(ready.poll());
        }
        return InputStatus.MORE_AVAILABLE;
      }
      if (current == null) {
        current = splits.poll();
        if (current == null) {
          if (noMoreSplits) {
            return InputStatus.END_OF_INPUT;
          }
          request();
          if (available.isDone()) {
            available = new CompletableFuture<>();
          }
          return InputStatus.NOTHING_AVAILABLE;
        }
      }
      if (!readNext()) {
        current = null;
        request();
      }
    }
  }

  private DrfChannelReader reader(DrfSplit s) {
    return readers.computeIfAbsent(s.topDir() + "\u0000" + s.channel(),
        k -> DigitalRfReader.channel(Path.of(s.topDir()), s.channel()));
  }

  /** Reads the next piece of the current split into {@link #ready}; false when the split is done. */
  private boolean readNext() {
    DrfSplit s = current;
    if (s.start() >= s.end()) {
      return false;
    }
    DrfChannelReader r = reader(s);
    List<DrfBlock> blocks = r.continuousBlocks(s.start(), s.end());
    if (blocks.isEmpty()) {
      current = s.advancedTo(s.end(), s.lastEnd());
      return false;
    }
    DrfBlock b = blocks.get(0);
    long lastEnd = s.lastEnd() == Long.MIN_VALUE ? r.lastStoredEndBefore(s.start()) : s.lastEnd();
    int n = (int) Math.min(maxBlockSamples, b.count());
    DrfSamples x = r.read(b.start(), n);
    boolean padding = r.fileOf(b.start()).map(f -> !r.info(f).chunked()).orElse(false);
    List<DrfSamples> parts = padding ? x.splitOnFill(r.fillCellLe()) : List.of(x);
    for (DrfSamples p : parts) {
      long gap = lastEnd == Long.MIN_VALUE ? 0 : p.startIndex() - lastEnd;
      ready.addAll(DrfIqBlocks.toIqBlocks(s.channel(), p, r.sampleRate(), r.timeNs(p.startIndex()), gap));
      lastEnd = p.endIndex();
    }
    current = s.advancedTo(b.start() + n, lastEnd);
    return true;
  }

  @Override
  public List<DrfSplit> snapshotState(long checkpointId) {
    List<DrfSplit> out = new ArrayList<>();
    if (current != null) {
      out.add(current);
    }
    out.addAll(splits);
    return out;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return ready.isEmpty() && current == null && splits.isEmpty() && !noMoreSplits ? available
        : CompletableFuture.completedFuture(null);
  }

  @Override
  public void addSplits(List<DrfSplit> newSplits) {
    splits.addAll(newSplits);
    requested = false;
    available.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    available.complete(null);
  }

  @Override
  public void close() {
    readers.values().forEach(DrfChannelReader::close);
    readers.clear();
  }
}
