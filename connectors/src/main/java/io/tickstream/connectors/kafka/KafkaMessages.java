package io.tickstream.connectors.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead letters of the cluster jobs: messages a job could not use ({@link DeadLetter}), kept in a Kafka
 * topic with the original bytes and the reason.
 */
public final class KafkaMessages {
  private KafkaMessages() {}

  /**
   * Dead-letter sink: value = the original bytes, key = {@code topic-partition@offset} of the original
   * (so a replay after a failure rewrites the same key), headers {@code dead_letter_reason},
   * {@code source_topic}, {@code source_partition}, {@code source_offset}, {@code source_key}. At least
   * once: a duplicate is recognisable by its key.
   */
  public static KafkaSink<DeadLetter> deadLetterSink(String bootstrap, String topic) {
    return KafkaSink.<DeadLetter>builder()
        .setBootstrapServers(bootstrap)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setRecordSerializer(new DeadLetterSerializer(topic))
        .build();
  }

  static final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    DeadLetterSerializer(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter d, KafkaSinkContext context, Long timestamp) {
      KafkaMessage m = d.message();
      RecordHeaders h = new RecordHeaders();
      h.add("dead_letter_reason", utf8(d.reason()));
      h.add("source_topic", utf8(m.topic()));
      h.add("source_partition", utf8(Integer.toString(m.partition())));
      h.add("source_offset", utf8(Long.toString(m.offset())));
      if (m.key() != null) {
        h.add("source_key", m.key());
      }
      return new ProducerRecord<>(topic, null, null, utf8(m.coordinates()), m.value(), h);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
