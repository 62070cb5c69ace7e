package io.tickstream.connectors.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;

/**
 * A {@link SourceReader} that reads its splits one after the other, in the order they were assigned,
 * for sources whose enumerator hands out one split per request ({@link QueueSplitEnumerator}). It asks
 * for a split on start and whenever it has none left; each {@link #pollNext} call reads pieces of the
 * current split ({@link #readNext}) until one emitted something, or the splits run out.
 *
 * <p>A subclass emits each piece to the output within {@link #readNext} and returns the split's
 * remainder, so the checkpointed state (the current split's remainder, then the queued splits) always
 * resumes exactly after the last emitted record: the reader buffers nothing between calls.
 *
 * @param <T> the emitted records
 * @param <S> the split type
 */
public abstract class SequentialSplitReader<T, S extends SourceSplit> implements SourceReader<T, S> {
  private final SourceReaderContext ctx;
  private final ArrayDeque<S> splits = new ArrayDeque<>();
  private final EmitTrackingOutput<T> tracked = new EmitTrackingOutput<>();
  private S current;
  private boolean noMoreSplits;
  private boolean requested;
  private CompletableFuture<Void> available = new CompletableFuture<>();

  protected SequentialSplitReader(SourceReaderContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Reads the next piece of {@code split}, emits it to {@code out} (possibly nothing, e.g. for a piece
   * with no data) and returns the rest of the split, or null when the split is done.
   */
  protected abstract S readNext(S split, ReaderOutput<T> out) throws Exception;

  /** Releases per-reader resources (e.g. open files) when the reader closes; does nothing by default. */
  protected void closeResources() throws Exception {}

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
  public InputStatus pollNext(ReaderOutput<T> out) throws Exception {
    while (true) {
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
      current = readNext(current, tracked.reset(out));
      if (tracked.emitted()) {
        return InputStatus.MORE_AVAILABLE;
      }
    }
  }

  @Override
  public List<S> snapshotState(long checkpointId) {
    List<S> out = new ArrayList<>();
    if (current != null) {
      out.add(current);
    }
    out.addAll(splits);
    return out;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return current == null && splits.isEmpty() && !noMoreSplits ? available : CompletableFuture.completedFuture(null);
  }

  @Override
  public void addSplits(List<S> newSplits) {
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
  public final void close() throws Exception {
    closeResources();
  }
}
