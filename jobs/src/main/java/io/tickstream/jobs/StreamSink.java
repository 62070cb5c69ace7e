package io.tickstream.jobs;

import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;

/** An output of a job graph (JDBC upsert, Digital RF writer, Kafka, a test collector), injected like {@link StreamSource}. */
@FunctionalInterface
public interface StreamSink<T> extends Serializable {
  void attach(DataStream<T> stream);
}
