package io.tickstream.connectors.rtp;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.Counter;

/** Exposes one of the receiver's {@link RtpCounters} as a Flink counter metric. */
final class AtomicCounter implements Counter {
  private final AtomicLong value;

  AtomicCounter(AtomicLong value) {
    this.value = value;
  }

  @Override
  public void inc() {
    value.incrementAndGet();
  }

  @Override
  public void inc(long n) {
    value.addAndGet(n);
  }

  @Override
  public void dec() {
    value.decrementAndGet();
  }

  @Override
  public void dec(long n) {
    value.addAndGet(-n);
  }

  @Override
  public long getCount() {
    return value.get();
  }
}
