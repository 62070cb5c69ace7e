package io.tickstream.connectors.kafka;

/**
 * Kafka topics of the cluster deployment (README "Cluster deployment", docs/HF_JOB.md "Cluster"). Values
 * are Avro single-object encoded ({@link AvroSingleObjectSchema}); keys are UTF-8 strings.
 */
public final class KafkaTopics {
  /** IQ blocks from the RTP bridge ({@code record --to-kafka}) to the HF job; Avro {@code IqBlock}, key = channel. */
  public static final String IQ_BLOCKS = "iq-blocks";
  /**
   * Messages of {@link #IQ_BLOCKS} the HF job could not use, value = the original bytes, key =
   * {@code topic-partition@offset}, headers say why ({@link DeadLetter}).
   */
  public static final String IQ_BLOCKS_DEAD_LETTER = "iq-blocks.dead-letter";
  /**
   * D_clock per minute (channels and {@code FUSED}) from the HF job; Avro {@code ClockOffsetMeasurement},
   * key = {@code receiver/channel/version/minute}; meant to be compacted ({@code cleanup.policy=compact}).
   */
  public static final String CLOCK_OFFSETS = "clock-offsets";

  private KafkaTopics() {}
}
