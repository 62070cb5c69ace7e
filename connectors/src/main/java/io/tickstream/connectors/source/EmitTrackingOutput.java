package io.tickstream.connectors.source;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;

/**
 * A {@link ReaderOutput} passing everything to another one and noting whether a record was collected
 * since {@link #reset}: lets {@link SequentialSplitReader} tell a piece that emitted records from an
 * empty one. Records collected through per-split outputs ({@link #createOutputForSplit}) are not noted.
 */
final class EmitTrackingOutput<T> implements ReaderOutput<T> {
  private ReaderOutput<T> out;
  private boolean emitted;

  /** Passes on to {@code out} from now on, with nothing emitted yet. */
  EmitTrackingOutput<T> reset(ReaderOutput<T> out) {
    this.out = out;
    this.emitted = false;
    return this;
  }

  boolean emitted() {
    return emitted;
  }

  @Override
  public void collect(T record) {
    emitted = true;
    out.collect(record);
  }

  @Override
  public void collect(T record, long timestamp) {
    emitted = true;
    out.collect(record, timestamp);
  }

  @Override
  public void emitWatermark(Watermark watermark) {
    out.emitWatermark(watermark);
  }

  @Override
  public void markIdle() {
    out.markIdle();
  }

  @Override
  public void markActive() {
    out.markActive();
  }

  @Override
  public SourceOutput<T> createOutputForSplit(String splitId) {
    return out.createOutputForSplit(splitId);
  }

  @Override
  public void releaseOutputForSplit(String splitId) {
    out.releaseOutputForSplit(splitId);
  }
}
