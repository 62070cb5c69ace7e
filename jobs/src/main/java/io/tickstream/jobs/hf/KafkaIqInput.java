package io.tickstream.jobs.hf;

import io.tickstream.connectors.kafka.DeadLetter;
import io.tickstream.connectors.kafka.IqBlockKafka;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.jobs.hf.types.IqBlockSerializer;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Cluster input of the HF graph: IQ blocks from the Kafka topic {@code iq-blocks} (written by the RTP
 * bridge, {@code tickstream record --to-kafka}) instead of RTP.
 *
 * <pre>
 * KafkaSource (decode, per-partition watermarks) ─ split ─► IqBlock ─► HfTimingJob.build(..., timestamped)
 *                                                      └──► DeadLetter ─► dead-letter sink (iq-blocks.dead-letter)
 * </pre>
 *
 * Event time is the block's system time (its end, as in the RTP path) with the graph's bounded lateness,
 * assigned <b>per Kafka partition</b> inside the source: the watermark is the minimum over partitions, so
 * a partition read ahead of another (catching up after downtime) never makes the slower channels' blocks
 * late. A partition without data for {@link #PARTITION_IDLENESS} stops holding the watermark back.
 */
public final class KafkaIqInput {
  /** After this long without a message a partition (or a reader without partitions) is idle. */
  public static final Duration PARTITION_IDLENESS = Duration.ofSeconds(30);

  private static final OutputTag<DeadLetter> DEAD = new OutputTag<>("iq-dead-letters") {};

  private KafkaIqInput() {}

  /**
   * @param source e.g. {@link IqBlockKafka#source}
   * @param deadLetters where unusable messages go, e.g. {@code KafkaMessages.deadLetterSink}; never null
   * @return the blocks with timestamps and watermarks, for {@code HfTimingJob.build(blocks, config, sinks, true)}
   */
  public static DataStream<IqBlock> build(StreamExecutionEnvironment env, Source<IqBlockKafka.Decoded, ?, ?> source,
      HfJobConfig config, Sink<DeadLetter> deadLetters) {
    return build(env, source, config, deadLetters, PARTITION_IDLENESS);
  }

  /**
   * {@link #build(StreamExecutionEnvironment, Source, HfJobConfig, Sink)} with another idle timeout
   * (tests); {@code null}: partitions never become idle (a silent partition holds the watermark back for
   * good).
   */
  static DataStream<IqBlock> build(StreamExecutionEnvironment env, Source<IqBlockKafka.Decoded, ?, ?> source,
      HfJobConfig config, Sink<DeadLetter> deadLetters, Duration partitionIdleness) {
    WatermarkStrategy<IqBlockKafka.Decoded> wm = WatermarkStrategy
        .<IqBlockKafka.Decoded>forBoundedOutOfOrderness(Duration.ofMillis(config.latenessMs()))
        .withTimestampAssigner((d, ts) -> d.block() == null ? Long.MIN_VALUE : HfTimingJob.blockEndMs(d.block()));
    if (partitionIdleness != null) {
      wm = wm.withIdleness(partitionIdleness);
    }
    SingleOutputStreamOperator<IqBlock> blocks = env.fromSource(source, wm, "Kafka iq-blocks").uid("kafka-iq-source")
        .process(new Split()).returns(IqBlockSerializer.TYPE).name("IQ blocks / dead letters").uid("kafka-iq-split");
    blocks.getSideOutput(DEAD).sinkTo(deadLetters).name("dead letters (iq-blocks.dead-letter)").uid("kafka-iq-dlq");
    return blocks;
  }

  static final class Split extends ProcessFunction<IqBlockKafka.Decoded, IqBlock> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(IqBlockKafka.Decoded d, Context ctx, Collector<IqBlock> out) {
      if (d.block() != null) {
        out.collect(d.block());
      } else {
        ctx.output(DEAD, d.deadLetter());
      }
    }
  }
}
