package io.tickstream.jobs;

import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The input of a job graph, injected so tests and modes swap it (live RTP, archived Digital RF, Kafka,
 * an in-memory list): it adds itself to the environment and returns its stream. Bounded sources make
 * a job finish; the same graph then runs in STREAMING or BATCH mode with identical results.
 */
@FunctionalInterface
public interface StreamSource<T> extends Serializable {
  DataStream<T> create(StreamExecutionEnvironment env);
}
