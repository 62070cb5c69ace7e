package io.tickstream.jobs;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Passes records through unchanged and counts them in a Flink metric (operator metric group), e.g.
 * for rejected or late records on their way to a dead-letter sink: every reject is counted and kept.
 */
public final class CountingPassThrough<T> extends RichMapFunction<T, T> {
  private static final long serialVersionUID = 1L;
  private final String metricName;
  private transient Counter counter;

  public CountingPassThrough(String metricName) {
    this.metricName = metricName;
  }

  @Override
  public void open(OpenContext ctx) {
    counter = getRuntimeContext().getMetricGroup().counter(metricName);
  }

  @Override
  public T map(T value) {
    counter.inc();
    return value;
  }
}
