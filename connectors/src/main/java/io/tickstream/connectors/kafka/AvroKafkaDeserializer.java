package io.tickstream.connectors.kafka;

import java.io.IOException;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KafkaSource value deserializer for tickstream's Avro records that does not let one bad message
 * stop a job: a value that cannot be decoded ({@link AvroSingleObjectSchema#deserialize} names why) is
 * skipped, counted in the metric {@code undecodableMessages} and logged with its topic, partition and
 * offset, where it stays in Kafka for inspection or replay. Use with
 * {@code KafkaSource.builder().setDeserializer(AvroKafkaDeserializer.of(NtpProbe.class))}.
 */
public final class AvroKafkaDeserializer<T extends SpecificRecordBase> implements KafkaRecordDeserializationSchema<T> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AvroKafkaDeserializer.class);

  private final AvroSingleObjectSchema<T> schema;
  private transient Counter undecodable;

  private AvroKafkaDeserializer(AvroSingleObjectSchema<T> schema) {
    this.schema = schema;
  }

  public static <T extends SpecificRecordBase> AvroKafkaDeserializer<T> of(Class<T> type) {
    return new AvroKafkaDeserializer<>(AvroSingleObjectSchema.of(type));
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    undecodable = context.getMetricGroup().counter("undecodableMessages");
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
    try {
      T value = schema.deserialize(record.value());
      if (value != null) {
        out.collect(value);
        return;
      }
      reject(record, "null value (tombstone)");
    } catch (IOException e) {
      reject(record, e.getMessage());
    }
  }

  private void reject(ConsumerRecord<byte[], byte[]> record, String why) {
    if (undecodable != null) {
      undecodable.inc();
    }
    LOG.warn("skipped undecodable Kafka message {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), why);
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return schema.getProducedType();
  }
}
