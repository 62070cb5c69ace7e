package io.tickstream.connectors.kafka.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka broker in the test JVM (Kafka's test kit, ../shared/docs/STACK.md §2),
 * with the replication settings a one-node cluster needs for consumer groups and transactions. Start in
 * {@code @BeforeAll} ({@link #start()}), {@link #close()} in {@code @AfterAll}.
 */
public final class TestKafka implements AutoCloseable {
  private final KafkaClusterTestKit cluster;

  private TestKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** Formats and starts a combined broker/controller node and waits until it is ready. */
  public static TestKafka start() throws Exception {
    KafkaClusterTestKit c = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
        .setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .build();
    try {
      c.format();
      c.startup();
      c.waitForReadyBrokers();
    } catch (Exception e) {
      c.close();
      throw e;
    }
    return new TestKafka(c);
  }

  public String bootstrap() {
    return cluster.bootstrapServers();
  }

  /** Creates a topic (replication 1) with topic-level settings such as {@code cleanup.policy=compact}. */
  public void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap());
    try (Admin admin = Admin.create(p)) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
    }
  }

  /**
   * Every committed message of {@code topic} from the beginning up to its end offsets now, in partition then
   * offset order ({@code read_committed}: aborted transactional writes are not returned).
   */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap());
    p.put("isolation.level", "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).sorted(java.util.Comparator.comparingInt(
              TopicPartition::partition)).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      for (TopicPartition tp : parts) {
        List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
        c.assign(List.of(tp));
        c.seekToBeginning(List.of(tp));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (c.position(tp) < end.get(tp)) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("could not read " + tp + " to offset " + end.get(tp) + " in 60 s");
          }
          for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
            got.add(r);
          }
        }
        out.addAll(got);
      }
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
