package io.tickstream.connectors.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

/** SequentialSplitReader: split requests, the poll loop, and snapshots that resume after the last emitted record. */
class SequentialSplitReaderTest {
  /** Values {@code [next, end)}; odd values are "empty pieces" that emit nothing. */
  record Range(String splitId, int next, int end) implements SourceSplit {}

  static final class EvenReader extends SequentialSplitReader<Integer, Range> {
    boolean closed;

    EvenReader(SourceReaderContext ctx) {
      super(ctx);
    }

    @Override
    protected Range readNext(Range s, ReaderOutput<Integer> out) {
      if (s.next() % 2 == 0) {
        out.collect(s.next());
      }
      return s.next() + 1 < s.end() ? new Range(s.splitId(), s.next() + 1, s.end()) : null;
    }

    @Override
    protected void closeResources() {
      closed = true;
    }
  }

  static SourceReaderContext context(AtomicInteger requests) {
    return (SourceReaderContext) Proxy.newProxyInstance(SourceReaderContext.class.getClassLoader(),
        new Class<?>[] {SourceReaderContext.class}, (p, m, a) -> {
          if (m.getName().equals("sendSplitRequest")) {
            requests.incrementAndGet();
            return null;
          }
          throw new UnsupportedOperationException(m.getName());
        });
  }

  static final class ListOutput implements ReaderOutput<Integer> {
    final List<Integer> records = new ArrayList<>();

    @Override
    public void collect(Integer r) {
      records.add(r);
    }

    @Override
    public void collect(Integer r, long timestamp) {
      records.add(r);
    }

    @Override
    public void emitWatermark(Watermark w) {}

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    @Override
    public SourceOutput<Integer> createOutputForSplit(String id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void releaseOutputForSplit(String id) {}
  }

  @Test
  void readsSplitsInOrderSkippingEmptyPiecesAndRequestsWhenDry() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    EvenReader r = new EvenReader(context(requests));
    ListOutput out = new ListOutput();
    r.start();
    assertEquals(1, requests.get());
    assertFalse(r.isAvailable().isDone());
    assertEquals(InputStatus.NOTHING_AVAILABLE, r.pollNext(out));
    assertEquals(1, requests.get(), "one request outstanding at a time");
    r.addSplits(List.of(new Range("a", 0, 5), new Range("b", 11, 13)));
    assertTrue(r.isAvailable().isDone());
    List<InputStatus> statuses = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      statuses.add(r.pollNext(out));
    }
    // 0, 2, 4 from a (1 and 3 skipped within a call), 12 from b (11 skipped); then dry: a new request
    assertEquals(List.of(0, 2, 4, 12), out.records);
    assertEquals(List.of(InputStatus.MORE_AVAILABLE, InputStatus.MORE_AVAILABLE, InputStatus.MORE_AVAILABLE,
        InputStatus.MORE_AVAILABLE), statuses);
    assertEquals(1, requests.get());
    assertEquals(InputStatus.NOTHING_AVAILABLE, r.pollNext(out));
    assertEquals(2, requests.get());
    assertFalse(r.isAvailable().isDone());
    r.notifyNoMoreSplits();
    assertTrue(r.isAvailable().isDone());
    assertEquals(InputStatus.END_OF_INPUT, r.pollNext(out));
    assertEquals(2, requests.get());
    r.close();
    assertTrue(r.closed);
  }

  @Test
  void snapshotResumesRightAfterTheLastEmittedRecord() throws Exception {
    List<Range> splits = List.of(new Range("a", 0, 7), new Range("b", 20, 23));
    List<Integer> all = new ArrayList<>();
    EvenReader whole = new EvenReader(context(new AtomicInteger()));
    ListOutput wholeOut = new ListOutput();
    whole.addSplits(splits);
    whole.notifyNoMoreSplits();
    while (whole.pollNext(wholeOut) != InputStatus.END_OF_INPUT) {}
    all.addAll(wholeOut.records);
    assertEquals(List.of(0, 2, 4, 6, 20, 22), all);
    for (int polls = 0; polls <= all.size(); polls++) {
      EvenReader first = new EvenReader(context(new AtomicInteger()));
      ListOutput out = new ListOutput();
      first.addSplits(splits);
      for (int k = 0; k < polls; k++) {
        first.pollNext(out);
      }
      List<Range> state = first.snapshotState(1);
      EvenReader restored = new EvenReader(context(new AtomicInteger()));
      restored.addSplits(state);
      restored.notifyNoMoreSplits();
      while (restored.pollNext(out) != InputStatus.END_OF_INPUT) {}
      assertEquals(all, out.records, "restored after " + polls + " polls");
    }
  }
}
