package io.tickstream.connectors.kafka;

import io.tickstream.core.signal.IqBlock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IQ blocks through Kafka (DESIGN.md "Cluster: IQ blocks and probes travel through Kafka"): the RTP
 * bridge writes every block to {@link KafkaTopics#IQ_BLOCKS} as an Avro {@code IqBlock}
 * ({@link IqBlockAvro}, bit-exact), keyed by channel so one channel's blocks stay in one partition and in
 * order; the HF job reads them back with {@link #source}.
 */
public final class IqBlockKafka {
  private IqBlockKafka() {}

  /**
   * Sink of IQ blocks into {@code topic}. {@link DeliveryGuarantee#EXACTLY_ONCE} writes in Kafka
   * transactions committed with each checkpoint (readers use {@code read_committed}), so the topic holds
   * exactly the blocks of the bridge's committed checkpoints: the same blocks as its Phase 1 archive, and
   * a restarted bridge neither duplicates nor leaves blocks the archive lacks. Needs checkpointing and a
   * {@code transactionalIdPrefix} unique per bridge (e.g. per station).
   */
  public static KafkaSink<IqBlock> sink(String bootstrap, String topic, DeliveryGuarantee guarantee,
      String transactionalIdPrefix) {
    var b = KafkaSink.<IqBlock>builder()
        .setBootstrapServers(bootstrap)
        .setDeliveryGuarantee(guarantee)
        .setRecordSerializer(new Serializer(topic))
        .setKafkaProducerConfig(producerProperties());
    if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
      b.setTransactionalIdPrefix(transactionalIdPrefix);
    }
    return b.build();
  }

  private static Properties producerProperties() {
    Properties p = new Properties();
    p.put("compression.type", "lz4");
    p.put("linger.ms", "5");
    // a transaction spans one checkpoint interval plus a restart; the broker allows up to 15 min
    p.put("transaction.timeout.ms", "600000");
    return p;
  }

  /** Key = channel name (UTF-8), value = single-object encoded Avro {@code IqBlock}. */
  static final class Serializer implements KafkaRecordSerializationSchema<IqBlock> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final AvroSingleObjectSchema<io.tickstream.schemas.avro.IqBlock> avro =
        AvroSingleObjectSchema.of(io.tickstream.schemas.avro.IqBlock.class);

    Serializer(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(IqBlock b, KafkaSinkContext context, Long timestamp) {
      return new ProducerRecord<>(topic, b.channel().getBytes(StandardCharsets.UTF_8),
          avro.serialize(IqBlockAvro.toAvro(b)));
    }
  }

  /**
   * A decoded message: the block, or (exactly one of the two) why the message could not be used.
   * Event-time assigners give a dead letter no timestamp of its own, so a bad message never moves the
   * watermark.
   */
  public record Decoded(IqBlock block, DeadLetter deadLetter) {}

  /**
   * Source of {@code topic}'s IQ blocks, decoded. Starts at the group's committed offsets (else the
   * earliest) and reads only committed transactions ({@code isolation.level=read_committed}). A message
   * that is not a decodable Avro {@code IqBlock}, whose samples are inconsistent or whose channel is not
   * one of {@code channels} becomes a {@link Decoded#deadLetter()} with the reason (counted in the metric
   * {@code iqDeadLetters}, logged with topic, partition and offset); the messages around it are decoded as
   * usual.
   *
   * @param bounded stop at the offsets current at start (replays, tests) instead of running forever
   */
  public static KafkaSource<Decoded> source(String bootstrap, String topic, String groupId, Set<String> channels,
      boolean bounded) {
    return source(bootstrap, topic, groupId, channels, bounded, new Properties());
  }

  /**
   * {@link #source(String, String, String, Set, boolean)} with extra Kafka consumer settings (e.g. fetch and
   * poll sizes); {@code isolation.level} stays {@code read_committed}.
   */
  public static KafkaSource<Decoded> source(String bootstrap, String topic, String groupId, Set<String> channels,
      boolean bounded, Properties consumerProperties) {
    var b = KafkaSource.<Decoded>builder()
        .setBootstrapServers(bootstrap)
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setProperties(consumerProperties)
        .setProperty("isolation.level", "read_committed")
        .setDeserializer(new Deserializer(channels));
    if (bounded) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return b.build();
  }

  static final class Deserializer implements KafkaRecordDeserializationSchema<Decoded> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Deserializer.class);

    private final TreeSet<String> channels;
    private final AvroSingleObjectSchema<io.tickstream.schemas.avro.IqBlock> avro =
        AvroSingleObjectSchema.of(io.tickstream.schemas.avro.IqBlock.class);
    private transient Counter deadLetters;
    private transient long rejected;

    Deserializer(Set<String> channels) {
      this.channels = new TreeSet<>(channels);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
      deadLetters = context.getMetricGroup().counter("iqDeadLetters");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<Decoded> out) {
      KafkaMessage m = new KafkaMessage(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value());
      String reason;
      try {
        io.tickstream.schemas.avro.IqBlock a = avro.deserialize(r.value());
        if (a == null) {
          reason = "null value (tombstone)";
        } else if (!channels.contains(a.getChannel().toString())) {
          reason = "IQ block of channel " + a.getChannel() + " at sample index " + a.getFirstSampleIndex()
              + ": channel not configured (known: " + channels + ")";
        } else {
          out.collect(new Decoded(IqBlockAvro.fromAvro(a), null));
          return;
        }
      } catch (IOException | RuntimeException e) {
        reason = e.getMessage();
      }
      rejected++;
      if (deadLetters != null) {
        deadLetters.inc();
      }
      LOG.warn("dead letter {} ({} so far): {}", m.coordinates(), rejected, reason);
      out.collect(new Decoded(null, new DeadLetter(m, reason)));
    }

    @Override
    public TypeInformation<Decoded> getProducedType() {
      return TypeInformation.of(Decoded.class);
    }
  }
}
