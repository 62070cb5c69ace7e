package io.tickstream.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstream.connectors.kafka.testing.TestKafka;
import io.tickstream.schemas.avro.NtpProbe;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * NtpProbe records through a real KRaft broker: a Flink KafkaSink writes them single-object encoded,
 * a foreign producer adds a poison message, and a bounded KafkaSource reads every good record back.
 */
class KafkaAvroRoundTripTest {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static TestKafka kafka;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = TestKafka.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    kafka.close();
  }

  @Test
  void probesSurviveKafkaAndAPoisonMessageIsSkipped() throws Exception {
    String topic = "ntp-probes";
    List<NtpProbe> probes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      probes.add(NtpProbe.newBuilder(AvroContractsTest.probe()).setServer("s" + (i % 7) + ".example")
          .setAsOfUtcNs(AvroContractsTest.T0 + i * 1_000_000_000L).setOffsetMeanMs(i * 0.01).build());
    }

    StreamExecutionEnvironment out = StreamExecutionEnvironment.getExecutionEnvironment();
    out.setRuntimeMode(RuntimeExecutionMode.BATCH);
    out.fromData(probes).sinkTo(KafkaSink.<NtpProbe>builder()
        .setBootstrapServers(kafka.bootstrap())
        .setRecordSerializer(KafkaRecordSerializationSchema.builder().setTopic(topic)
            .setValueSerializationSchema(AvroSingleObjectSchema.of(NtpProbe.class)).build())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build());
    out.execute("write probes");

    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrap());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "{\"server\":\"not avro\"}".getBytes())).get();
    }

    StreamExecutionEnvironment in = StreamExecutionEnvironment.getExecutionEnvironment();
    in.setRuntimeMode(RuntimeExecutionMode.BATCH);
    KafkaSource<NtpProbe> source = KafkaSource.<NtpProbe>builder()
        .setBootstrapServers(kafka.bootstrap())
        .setTopics(topic)
        .setGroupId("test")
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setBounded(OffsetsInitializer.latest())
        .setDeserializer(AvroKafkaDeserializer.of(NtpProbe.class))
        .build();
    List<NtpProbe> read = new ArrayList<>();
    in.fromSource(source, WatermarkStrategy.noWatermarks(), "probes").executeAndCollect()
        .forEachRemaining(read::add);
    read.sort(Comparator.comparingLong(NtpProbe::getAsOfUtcNs));
    assertEquals(probes, read);
  }
}
