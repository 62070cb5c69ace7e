package io.tickstream.connectors.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Enumerator of a bounded source whose splits are all planned up front: hands them out in queue order,
 * one per request, to whichever reader asks, and signals no more splits once the queue is empty.
 * Splits given back (by a failed reader) go to the front again, sorted by the source's
 * {@code backOrder}. Its checkpoint is the list of splits not yet assigned.
 *
 * @param <S> the split type
 */
public final class QueueSplitEnumerator<S extends SourceSplit> implements SplitEnumerator<S, List<S>> {
  private final SplitEnumeratorContext<S> ctx;
  private final ArrayDeque<S> remaining;
  private final Comparator<? super S> backOrder;

  /** Hands out {@code splits} in this order; splits given back go first, ordered by {@code backOrder}. */
  public QueueSplitEnumerator(SplitEnumeratorContext<S> ctx, List<S> splits, Comparator<? super S> backOrder) {
    this.ctx = ctx;
    this.remaining = new ArrayDeque<>(splits);
    this.backOrder = backOrder;
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtask, String host) {
    S next = remaining.poll();
    if (next != null) {
      ctx.assignSplit(next, subtask);
    } else {
      ctx.signalNoMoreSplits(subtask);
    }
  }

  @Override
  public void addSplitsBack(List<S> splits, int subtask) {
    List<S> back = new ArrayList<>(splits);
    back.sort(backOrder);
    for (int k = back.size() - 1; k >= 0; k--) {
      remaining.addFirst(back.get(k));
    }
  }

  @Override
  public void addReader(int subtask) {}

  @Override
  public List<S> snapshotState(long checkpointId) {
    return new ArrayList<>(remaining);
  }

  @Override
  public void close() {}
}
