package io.tickstream.connectors.kafka;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka message as read, undecoded: its coordinates, key and value bytes. Sources emit these so a
 * message that cannot be used becomes a {@link DeadLetter} (counted, kept) instead of failing the job
 * or vanishing inside a deserializer.
 *
 * @param timestampMs the message's Kafka timestamp (ms since the epoch)
 */
public record KafkaMessage(String topic, int partition, long offset, long timestampMs, byte[] key, byte[] value) {

  /** {@code topic-partition@offset}, as logged and used as the dead-letter key. */
  public String coordinates() {
    return topic + "-" + partition + "@" + offset;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaMessage m && partition == m.partition && offset == m.offset
        && timestampMs == m.timestampMs && topic.equals(m.topic) && Arrays.equals(key, m.key)
        && Arrays.equals(value, m.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, partition, offset);
  }

  @Override
  public String toString() {
    return "KafkaMessage[" + coordinates() + ", " + (value == null ? "null" : value.length + " bytes") + "]";
  }
}
