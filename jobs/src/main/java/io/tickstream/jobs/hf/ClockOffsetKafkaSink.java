package io.tickstream.jobs.hf;

import io.tickstream.connectors.kafka.AvroSingleObjectSchema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Cluster mode: every {@link ClockOffsetRow} (channels and {@code FUSED}) to the Kafka topic
 * {@code clock-offsets} as an Avro {@code ClockOffsetMeasurement} (single-object encoding,
 * {@link ClockOffsetAvro}), key {@link ClockOffsetAvro#key}.
 *
 * <p><b>At least once with an idempotent key</b>, not exactly once: the rows are deterministic (fusion
 * does not depend on arrival order or history, {@code processed_at} is fixed per run), so a replay after a
 * failure re-sends the same value under the same key, and a compacted topic (or any consumer that upserts
 * by key, like the {@code clock_offset} table) ends in the same state as without the failure. Exactly once
 * would hold every row back until the next checkpoint completes (Kafka transactions), adding up to one
 * checkpoint interval to the live latency for no difference in the final state.
 */
public final class ClockOffsetKafkaSink {
  private ClockOffsetKafkaSink() {}

  public static KafkaSink<ClockOffsetRow> of(String bootstrap, String topic, Instant processedAt, Long ingestRunId) {
    return KafkaSink.<ClockOffsetRow>builder()
        .setBootstrapServers(bootstrap)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setRecordSerializer(new Serializer(topic, processedAt, ingestRunId))
        .build();
  }

  static final class Serializer implements KafkaRecordSerializationSchema<ClockOffsetRow> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final Instant processedAt;
    private final Long ingestRunId;
    private final AvroSingleObjectSchema<io.tickstream.schemas.avro.ClockOffsetMeasurement> avro =
        AvroSingleObjectSchema.of(io.tickstream.schemas.avro.ClockOffsetMeasurement.class);

    Serializer(String topic, Instant processedAt, Long ingestRunId) {
      this.topic = topic;
      this.processedAt = processedAt;
      this.ingestRunId = ingestRunId;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(ClockOffsetRow row, KafkaSinkContext context, Long timestamp) {
      return new ProducerRecord<>(topic, ClockOffsetAvro.key(row).getBytes(StandardCharsets.UTF_8),
          avro.serialize(ClockOffsetAvro.toAvro(row, processedAt, ingestRunId)));
    }
  }
}
