package io.tickstream.jobs.hf;

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

/** Reader of {@link ArchiveMinuteSource}: its splits one after the other, one minute per {@link #pollNext} call. */
final class MinuteSourceReader implements SourceReader<AssembledMinute, ArchiveMinuteSource.MinuteSplit> {
  private final SourceReaderContext ctx;
  private final HfJobConfig config;
  private final ArrayDeque<ArchiveMinuteSource.MinuteSplit> splits = new ArrayDeque<>();
  private final Map<String, ArchiveMinuteReader> readers = new HashMap<>();
  private ArchiveMinuteSource.MinuteSplit current;
  private boolean noMoreSplits;
  private boolean requested;
  private CompletableFuture<Void> available = new CompletableFuture<>();

  MinuteSourceReader(SourceReaderContext ctx, HfJobConfig config) {
    this.ctx = ctx;
    this.config = config;
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
  public InputStatus pollNext(ReaderOutput<AssembledMinute> out) {
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
      ArchiveMinuteSource.MinuteSplit s = current;
      long m = s.next();
      ArchiveMinuteReader r = readers.computeIfAbsent(s.channel().name(), k -> ArchiveMinuteReader.open(s.channel(), config));
      AssembledMinute minute = m < s.end() ? r.minute(m) : null;
      current = m + 1 < s.end() ? s.advanced() : null;
      if (minute != null) {
        out.collect(minute, r.windowEndMs(m));
        return InputStatus.MORE_AVAILABLE;
      }
    }
  }

  @Override
  public List<ArchiveMinuteSource.MinuteSplit> snapshotState(long checkpointId) {
    List<ArchiveMinuteSource.MinuteSplit> out = new ArrayList<>();
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
  public void addSplits(List<ArchiveMinuteSource.MinuteSplit> newSplits) {
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
    readers.values().forEach(ArchiveMinuteReader::close);
    readers.clear();
  }
}
