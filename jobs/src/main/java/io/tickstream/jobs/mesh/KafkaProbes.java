package io.tickstream.jobs.mesh;

import io.tickstream.connectors.mesh.ProbeCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka source of the {@code ntp-probes} topic ({@link ProbeCodec} records). */
public final class KafkaProbes {
  private KafkaProbes() {}

  /**
   * @param bounded stop at the offsets current at start (replays, tests, benchmarks); otherwise unbounded
   */
  public static KafkaSource<ProbeCodec.Envelope> source(String bootstrap, String topic, String groupId, boolean bounded) {
    var b = KafkaSource.<ProbeCodec.Envelope>builder()
        .setBootstrapServers(bootstrap)
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(
            org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
        .setDeserializer(new Deserializer());
    if (bounded) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return b.build();
  }

  /** Decodes records; a record that cannot be decoded is logged with topic/partition/offset and skipped. */
  static final class Deserializer implements KafkaRecordDeserializationSchema<ProbeCodec.Envelope> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Deserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<ProbeCodec.Envelope> out) {
      try {
        out.collect(ProbeCodec.decode(r.value()));
      } catch (IOException | RuntimeException e) {
        LOG.error("skipping undecodable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
      }
    }

    @Override
    public TypeInformation<ProbeCodec.Envelope> getProducedType() {
      return TypeInformation.of(ProbeCodec.Envelope.class);
    }
  }
}
