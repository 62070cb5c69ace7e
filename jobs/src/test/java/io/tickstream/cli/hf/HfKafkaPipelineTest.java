package io.tickstream.cli.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.cli.rtp.RecordCommand;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.drf.DigitalMetadataReader;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.kafka.AvroSingleObjectSchema;
import io.tickstream.connectors.kafka.IqBlockAvro;
import io.tickstream.connectors.kafka.KafkaTopics;
import io.tickstream.connectors.kafka.testing.TestKafka;
import io.tickstream.connectors.rtp.UdpPorts;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import io.tickstream.jobs.hf.SimulatedWwv;
import io.tickstream.schemas.avro.ClockOffsetMeasurement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster path end to end on real components: simulated radiod (loopback UDP) → the RTP bridge
 * ({@code record --to-kafka}: Phase 1 archive + Kafka {@code iq-blocks}, exactly once) → in-JVM KRaft broker
 * → {@code run} with Kafka input (HF graph on the MiniCluster) → Kafka {@code clock-offsets}. Three poison
 * messages are put into {@code iq-blocks} in the middle of the stream by a foreign producer: they end up in
 * {@code iq-blocks.dead-letter} with their original bytes and the reason, and both minutes around them are
 * still solved within 0.5 ms of the simulated truth.
 */
class HfKafkaPipelineTest {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final int FS = 8000;
  static final double D_CLOCK_MS = 2.7;
  /** 14:03:50 .. 14:06:05: minutes 14:04 and 14:05 complete with margins. */
  static final long START_NS = Instant.parse("2025-06-15T14:03:50Z").getEpochSecond() * 1_000_000_000L;
  static final long MINUTE_NS = START_NS + 10_000_000_000L;

  static TestKafka kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = TestKafka.start();
    kafka.createTopic(KafkaTopics.IQ_BLOCKS, 2, Map.of());
    kafka.createTopic(KafkaTopics.IQ_BLOCKS_DEAD_LETTER, 1, Map.of());
    kafka.createTopic(KafkaTopics.CLOCK_OFFSETS, 1, Map.of("cleanup.policy", "compact"));
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
  }

  @Test
  void rtpBridgeKafkaJobClockOffsetsWithPoisonMessagesDeadLettered(@TempDir Path dir) throws Exception {
    int dp = UdpPorts.free();
    int sp = UdpPorts.free();
    Path station = LiveRun.writeStation(dir, "kafka-rx", dp, sp);

    // 1. the bridge on the "station host", with poison messages from a foreign producer mid-stream
    Path bridgeData = dir.resolve("station-host");
    LiveRun bridge = LiveRun.of(new RecordCommand(), "--config", station.toString(), "--data-dir", bridgeData.toString(),
        "--db-url", "sqlite:///" + dir.resolve("bridge.db").toAbsolutePath(), "--kafka-bootstrap", kafka.bootstrap(),
        "--to-kafka", "--checkpoint-interval", "1", "--idle-stop", "3");
    List<byte[]> poison = poisonValues();
    Properties pp = new Properties();
    pp.put("bootstrap.servers", kafka.bootstrap());
    try (KafkaProducer<byte[], byte[]> foreign = new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer())) {
      bridge.feed(dp, sp, SimulatedWwv.radiod("EM38ww", FS, D_CLOCK_MS, START_NS, 135_000_000_000L, MINUTE_NS), p -> {
        if (!p.status() && p.ssrc() == 1010 && p.packetNumber() == 1500) { // 60 s in: minute 14:04 closing
          try {
            String[] keys = {"WWV_10_MHz", "WWV_20_MHz", "WWV_15_MHz"};
            for (int i = 0; i < poison.size(); i++) {
              foreign.send(new ProducerRecord<>(KafkaTopics.IQ_BLOCKS, keys[i].getBytes(StandardCharsets.UTF_8),
                  poison.get(i))).get();
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      });
    }
    assertEquals(0, bridge.rc.get(300, TimeUnit.SECONDS));
    assertTrue(DrfChannelReader.open(bridgeData.resolve("raw_archive/WWV_15_MHz")).bounds().isPresent(),
        "the bridge keeps Phase 1");

    // what the bridge committed: per channel one partition, blocks in sample order, contiguous
    List<ConsumerRecord<byte[], byte[]>> iq = kafka.readAll(KafkaTopics.IQ_BLOCKS);
    AvroSingleObjectSchema<io.tickstream.schemas.avro.IqBlock> iqSchema =
        AvroSingleObjectSchema.of(io.tickstream.schemas.avro.IqBlock.class);
    Map<String, Integer> partitionOf = new HashMap<>();
    Map<String, Long> nextIndex = new HashMap<>();
    Map<String, Long> samples = new TreeMap<>();
    Map<String, List<long[]>> ranges = new TreeMap<>();
    int good = 0;
    for (ConsumerRecord<byte[], byte[]> r : iq) {
      if (poison.stream().anyMatch(x -> Arrays.equals(x, r.value()))) {
        continue;
      }
      IqBlock b = IqBlockAvro.fromAvro(iqSchema.deserialize(r.value()));
      assertEquals(b.channel(), new String(r.key(), StandardCharsets.UTF_8), "key = channel");
      assertEquals(r.partition(), partitionOf.computeIfAbsent(b.channel(), c -> r.partition()), "one partition per channel");
      Long expected = nextIndex.put(b.channel(), b.endSampleIndex());
      if (expected != null) { // in order; a packet lost on the way (UDP, loaded machine) is a declared gap
        assertEquals(b.firstSampleIndex() - expected, b.gapSamplesBefore(), b.channel() + " @" + b.firstSampleIndex());
      }
      samples.merge(b.channel(), (long) b.numSamples(), Long::sum);
      ranges.computeIfAbsent(b.channel(), c -> new ArrayList<>()).add(new long[] {b.firstSampleIndex(), b.endSampleIndex()});
      good++;
    }
    assertEquals(iq.size() - 3, good, "the bridge's blocks plus the 3 poison messages");
    assertEquals(2, partitionOf.size());
    for (Map.Entry<String, Long> e : samples.entrySet()) { // exactly once: the topic holds what the archive holds
      try (DrfChannelReader r = DrfChannelReader.open(bridgeData.resolve("raw_archive").resolve(e.getKey()))) {
        assertEquals(r.continuousBlocks().stream().mapToLong(x -> x.count()).sum(), e.getValue(), e.getKey());
      }
    }

    // 2. the HF job on the "cluster": Kafka input (auto), until the end of the topic. Parallelism 1: one
    // reader catches up on both partitions at once (per-partition watermarks in one reader)
    Path jobData = dir.resolve("cluster");
    String url = "sqlite:///" + dir.resolve("job.db").toAbsolutePath();
    LiveRun job = LiveRun.run(new RunCommand(), "--config", station.toString(), "--data-dir", jobData.toString(),
        "--db-url", url, "--kafka-bootstrap", kafka.bootstrap(), "--until-end", "--checkpoint-interval", "1",
        "--parallelism", "1");
    assertEquals(0, job.rc.get(300, TimeUnit.SECONDS), job.text());
    String out = job.text();
    for (String s : List.of("run: starting a new session", "IQ input           Kafka topic iq-blocks at " + kafka.bootstrap(),
        "dead letters to iq-blocks.dead-letter", "D_clock to Kafka   topic clock-offsets at " + kafka.bootstrap())) {
      assertTrue(out.contains(s), s + " in\n" + out);
    }

    // 3. clock-offsets: every record decodes with the Avro contract; fused D_clock per minute within 0.5 ms
    AvroSingleObjectSchema<ClockOffsetMeasurement> schema = AvroSingleObjectSchema.of(ClockOffsetMeasurement.class);
    TreeMap<Long, ClockOffsetMeasurement> fused = new TreeMap<>();
    List<String> channels = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(KafkaTopics.CLOCK_OFFSETS)) {
      ClockOffsetMeasurement m = schema.deserialize(r.value());
      String key = new String(r.key(), StandardCharsets.UTF_8);
      assertEquals(m.getReceiver() + "/" + m.getChannel() + "/" + m.getVersion() + "/"
          + Instant.ofEpochSecond(0, m.getMinuteUtcNs()), key);
      channels.add(m.getChannel());
      if ("FUSED".equals(m.getChannel())) {
        fused.put(m.getMinuteUtcNs(), m);
      }
    }
    assertTrue(channels.containsAll(List.of("WWV_10_MHz", "WWV_15_MHz", "FUSED")), channels.toString());
    for (long minute : new long[] {MINUTE_NS, MINUTE_NS + 60_000_000_000L}) {
      ClockOffsetMeasurement m = fused.get(minute);
      assertTrue(m != null, "fused record of " + Instant.ofEpochSecond(0, minute) + " in " + fused.keySet());
      assertEquals(D_CLOCK_MS, m.getClockOffsetMs(), 0.5, m.toString());
      assertEquals(m.getClockOffsetMs(), dbFused(url, minute), 0.0, "the topic carries the table's value");
    }

    // no block was dropped as late: each minute's completeness in the product metadata is exactly the share
    // of the minute the topic holds (a packet lost on UDP before the bridge is missing in both)
    for (String ch : ranges.keySet()) {
      Map<Long, Double> completeness = new HashMap<>();
      for (var r : DigitalMetadataReader.open(jobData.resolve("processed/v1").resolve(ch).resolve("metadata")).records()) {
        completeness.put(((Number) r.values().get("system_minute_ns")).longValue(),
            ((Number) r.values().get("completeness")).doubleValue());
      }
      for (long minute : new long[] {MINUTE_NS, MINUTE_NS + 60_000_000_000L}) {
        long from = minute / 1_000_000_000L * FS;
        long to = from + 60L * FS;
        long present = ranges.get(ch).stream().mapToLong(r -> Math.max(0, Math.min(r[1], to) - Math.max(r[0], from))).sum();
        assertEquals(present / (double) (to - from), completeness.get(minute), 1e-12,
            ch + " " + Instant.ofEpochSecond(0, minute) + " in " + completeness);
      }
    }

    // 4. the poison messages are dead letters: original bytes, reason and where they came from
    List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAll(KafkaTopics.IQ_BLOCKS_DEAD_LETTER);
    assertEquals(3, dead.size(), "3 dead letters");
    List<String> reasons = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> d : dead) {
      assertTrue(poison.stream().anyMatch(x -> Arrays.equals(x, d.value())), "original bytes kept");
      assertEquals(KafkaTopics.IQ_BLOCKS, header(d, "source_topic"));
      assertTrue(new String(d.key(), StandardCharsets.UTF_8).startsWith("iq-blocks-"), "key = source coordinates");
      reasons.add(header(d, "dead_letter_reason"));
    }
    String all = String.join("\n", reasons);
    for (String s : List.of("is not Avro single-object encoded", "channel WWV_20_MHz at sample index",
        "channel not configured", "are not a multiple of 8")) {
      assertTrue(all.contains(s), s + " in\n" + all);
    }
  }

  /** Garbage; a valid block of a channel the station does not have; a block with a torn sample. */
  static List<byte[]> poisonValues() {
    AvroSingleObjectSchema<io.tickstream.schemas.avro.IqBlock> s =
        AvroSingleObjectSchema.of(io.tickstream.schemas.avro.IqBlock.class);
    long idx = (START_NS + 60_000_000_000L) / 1_000_000_000L * FS;
    IqBlock unknown = IqBlock.ofFloat32("WWV_20_MHz", idx, Rational.of(FS, 1), idx * 1_000_000_000L / FS, true,
        new float[640], 0);
    io.tickstream.schemas.avro.IqBlock torn = IqBlockAvro.toAvro(IqBlock.ofFloat32("WWV_15_MHz", idx,
        Rational.of(FS, 1), idx * 1_000_000_000L / FS, true, new float[640], 0));
    torn.setSamples(ByteBuffer.wrap(new byte[7]));
    return List.of("{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8), s.serialize(IqBlockAvro.toAvro(unknown)),
        s.serialize(torn));
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  static double dbFused(String url, long minuteNs) throws Exception {
    try (Database db = Database.open(url); Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT clock_offset_ms FROM clock_offset WHERE channel = 'FUSED' AND minute_utc = ?")) {
      db.dialect().setInstant(ps, 1, Instant.ofEpochSecond(0, minuteNs));
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "table row of " + Instant.ofEpochSecond(0, minuteNs));
        return rs.getDouble(1);
      }
    }
  }
}
