package io.tickstream.jobs;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Deterministic event-time watermarks. Flink's {@code forBoundedOutOfOrderness} emits watermarks
 * periodically (every 200 ms of wall time), so which records of a replay are "late" depends on how
 * fast the replay runs. tickstream's jobs must give the same rows on every replay (DESIGN.md
 * principle 3), so this strategy emits the watermark {@code maxTimestamp - maxOutOfOrderness - 1 ms}
 * right after the record that advances it: lateness then depends only on the input order.
 */
public final class Watermarks {
  private Watermarks() {}

  /** Bounded out-of-orderness, emitted per record. */
  public static <T> WatermarkStrategy<T> boundedOutOfOrderness(Duration maxOutOfOrderness,
      SerializableTimestampAssigner<T> timestampMs) {
    long delayMs = maxOutOfOrderness.toMillis();
    WatermarkStrategy<T> s = ctx -> new PerRecord<>(delayMs);
    return s.withTimestampAssigner(timestampMs);
  }

  private static final class PerRecord<T> implements WatermarkGenerator<T> {
    private final long delayMs;
    private long maxTimestamp = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    PerRecord(long delayMs) {
      this.delayMs = delayMs;
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
      if (timestamp > maxTimestamp) {
        maxTimestamp = timestamp;
        long wm = maxTimestamp - delayMs - 1;
        if (wm > emitted) {
          emitted = wm;
          output.emitWatermark(new Watermark(wm));
        }
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      // all watermarks are emitted in onEvent
    }
  }
}
