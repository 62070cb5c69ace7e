package io.tickstream.jobs.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.kafka.AvroSingleObjectSchema;
import io.tickstream.connectors.kafka.DeadLetter;
import io.tickstream.connectors.kafka.IqBlockAvro;
import io.tickstream.connectors.kafka.IqBlockKafka;
import io.tickstream.connectors.kafka.testing.TestKafka;
import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.clock.ModePath;
import io.tickstream.core.hf.clock.ParametricIonosphere;
import io.tickstream.core.hf.clock.PropagationMode;
import io.tickstream.core.hf.clock.PropagationModel;
import io.tickstream.core.hf.clock.Transmitter;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.StationProgram;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import io.tickstream.jobs.hf.types.IqBlockSerializer;
import io.tickstream.jobs.testing.CollectingSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
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
 * Event time of the Kafka input ({@link KafkaIqInput}) on a real KRaft broker and the MiniCluster: one reader
 * holding both channels' partitions (parallelism 1), IQ blocks encoded as the bridge encodes them
 * ({@link IqBlockAvro}, single-object Avro, key = channel).
 *
 * <ul>
 *   <li>{@link #partitionFarBehindLosesNoBlocks}: channel B's partition is read only after the whole backlog
 *       of channel A, which runs three minutes further (lateness 2 s): per-partition watermarks keep every
 *       block of B (completeness 1.0, D_clock within 0.5 ms, {@code lateBlocks} = 0). With the watermark
 *       assigned on the merged stream instead ({@code HfTimingJob.build(..., false)}) this test fails: B's
 *       minutes are dropped as late.
 *   <li>{@link #silentPartitionGoesIdleAndWatermarkAdvances}: channel B goes silent (a receiver channel
 *       dropped) while A continues: after the idle timeout B's partition no longer holds the watermark back
 *       and A's minutes keep closing.
 * </ul>
 */
class KafkaIqInputTest {
  static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
          .setConfiguration(REPORTER.addToConfiguration(new Configuration())).build());

  static final int FS = 8000;
  /** Samples per block, as radiod's 320-frame packets (40 ms at 8 kHz). */
  static final int BLOCK = 320;
  static final double D_CLOCK_MS = 2.7;
  static final long MINUTE_NS = 60_000_000_000L;
  static final long T0_NS = Instant.parse("2025-06-15T14:04:00Z").getEpochSecond() * 1_000_000_000L;
  static final String A = "WWV_10_MHz";
  static final String B = "WWV_15_MHz";
  static final Map<String, Double> CHANNELS = Map.of(A, 10e6, B, 15e6);

  static TestKafka kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = TestKafka.start();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
  }

  static HfJobConfig config(boolean phase3) {
    return new HfJobConfig("kafka-rx", HfScenario.GRID, "v1", CHANNELS, 2.5, 2000, 0.5, phase3, false,
        Instant.parse("2026-01-01T00:00:00Z"), Map.of());
  }

  @Test
  void partitionFarBehindLosesNoBlocks() throws Exception {
    String topic = "iq-lag";
    kafka.createTopic(topic, 2, Map.of());
    // A: 14:03:56 .. 14:09:04 (minutes 14:04 .. 14:08), B: 14:03:56 .. 14:06:04 (minutes 14:04, 14:05)
    try (KafkaProducer<byte[], byte[]> p = producer()) {
      produce(p, topic, 0, blocks(A, T0_NS - 4_000_000_000L, 308));
      produce(p, topic, 1, blocks(B, T0_NS - 4_000_000_000L, 128));
    }

    // a catch-up consumer at its extreme: fetch and poll limits far above the backlog, so that one poll
    // returns partition 0 (A, five minutes) whole and then partition 1 (B): B is read ~5 min behind A
    Properties consumer = new Properties();
    consumer.put("max.partition.fetch.bytes", String.valueOf(64 << 20));
    consumer.put("fetch.max.bytes", String.valueOf(64 << 20));
    consumer.put("max.poll.records", "1000000");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    HfJobConfig config = config(true);
    CollectingSink<ClockOffsetRow> rows = new CollectingSink<>("lag-rows");
    CollectingSink<ProductMinute> product = new CollectingSink<>("lag-product");
    CollectingSink<DeadLetter> dead = new CollectingSink<>("lag-dead");
    DataStream<IqBlock> in = KafkaIqInput.build(env,
        IqBlockKafka.source(kafka.bootstrap(), topic, "lag-test", CHANNELS.keySet(), true, consumer), config, dead);
    DataStream<IqBlock> observed = in.map(new LagObserver()).returns(IqBlockSerializer.TYPE).name("lag observer");
    HfTimingJob.build(observed, config, new HfTimingJob.Sinks(rows, null, null, product), true);
    long t = System.nanoTime();
    JobExecutionResult r = env.execute("kafka-lag");
    System.out.printf("kafka-lag job: %.1f s%n", (System.nanoTime() - t) / 1e9);

    // the scenario happened: B's blocks were read minutes after A's blocks of the same and later times
    long lagB = r.<Long>getAccumulatorResult(LagObserver.PREFIX + B);
    System.out.println("B read behind A by up to " + lagB + " ms");
    assertTrue(lagB > 240_000, "B's partition must be read far behind A's (lateness 2 s): " + lagB + " ms");
    long late = lateBlocks(r);
    System.out.println("late blocks: " + late);
    assertEquals(0L, late, "late blocks (dropped, never merged)");

    // nothing of B was late: both minutes complete in the product and solved within 0.5 ms
    Map<String, Map<Long, Double>> completeness = new TreeMap<>();
    for (ProductMinute m : product.items()) {
      completeness.computeIfAbsent(m.channel(), c -> new TreeMap<>()).put(m.minuteStartSystemNs(), m.completeness());
    }
    System.out.println("completeness " + completeness);
    for (ClockOffsetRow x : rows.items()) {
      System.out.printf("row %s %s %.3f ms ±%.3f %s n=%d%n", x.channel(),
          Instant.ofEpochSecond(0, x.measurement().minuteBoundaryUtcNs()), x.measurement().clockOffsetMs(),
          x.measurement().uncertaintyMs(), x.measurement().grade(), x.measurement().channelCount());
    }
    for (long minute : new long[] {T0_NS, T0_NS + MINUTE_NS}) {
      assertEquals(1.0, completeness.getOrDefault(B, Map.of()).getOrDefault(minute, 0.0), 0.0,
          B + " " + Instant.ofEpochSecond(0, minute) + " in " + completeness);
      // B's own row (15 MHz alone at 8 kHz: grade D, ≈ 0.6 ms off, σ ≈ 0.7 ms) and the fused row with B in it
      Double d = offsetOf(rows.items(), B, minute);
      assertTrue(d != null, B + " D_clock row of " + Instant.ofEpochSecond(0, minute));
      assertEquals(D_CLOCK_MS, d, 1.0, B + " " + Instant.ofEpochSecond(0, minute));
      ClockOffsetRow f = row(rows.items(), HfJobConfig.FUSED, minute);
      assertEquals(2, f.measurement().channelCount(), "A and B fused in " + Instant.ofEpochSecond(0, minute));
      assertEquals(D_CLOCK_MS, f.measurement().clockOffsetMs(), 0.5, "FUSED " + Instant.ofEpochSecond(0, minute));
    }
    for (int k = 0; k < 5; k++) {
      long minute = T0_NS + k * MINUTE_NS;
      assertEquals(1.0, completeness.getOrDefault(A, Map.of()).getOrDefault(minute, 0.0), 0.0,
          A + " " + Instant.ofEpochSecond(0, minute) + " in " + completeness);
      assertEquals(D_CLOCK_MS, offsetOf(rows.items(), HfJobConfig.FUSED, minute), 0.5, "FUSED " + k);
    }
    assertTrue(dead.items().isEmpty(), "dead letters " + dead.items());
  }

  @Test
  void silentPartitionGoesIdleAndWatermarkAdvances() throws Exception {
    String topic = "iq-idle";
    kafka.createTopic(topic, 2, Map.of());
    // B stops at 14:05:04 (the receiver dropped the channel), A runs on to 14:08:04, written as it comes
    List<IqBlock> a = blocks(A, T0_NS - 4_000_000_000L, 248);
    int split = (int) (68L * FS / BLOCK); // A's blocks up to 14:05:04, like B's
    try (KafkaProducer<byte[], byte[]> p = producer()) {
      produce(p, topic, 0, a.subList(0, split));
      produce(p, topic, 1, blocks(B, T0_NS - 4_000_000_000L, 68));
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    HfJobConfig config = config(false);
    CollectingSink<ClockOffsetRow> rows = new CollectingSink<>("idle-rows");
    CollectingSink<DeadLetter> dead = new CollectingSink<>("idle-dead");
    Duration idleness = Duration.ofSeconds(2);
    DataStream<IqBlock> in = KafkaIqInput.build(env,
        IqBlockKafka.source(kafka.bootstrap(), topic, "idle-test", CHANNELS.keySet(), false), config, dead, idleness);
    HfTimingJob.build(in, config, new HfTimingJob.Sinks(rows, null, null, null), true);
    JobClient job = env.executeAsync("kafka-idle");
    long t = System.nanoTime();
    try {
      // A continues live (here 50× real time: 5 s of IQ every 100 ms) while B stays silent
      try (KafkaProducer<byte[], byte[]> p = producer()) {
        int step = 5 * FS / BLOCK;
        for (int k = split; k < a.size(); k += step) {
          produce(p, topic, 0, a.subList(k, Math.min(a.size(), k + step)));
          Thread.sleep(100);
        }
      }
      // the watermark follows A alone: A's minutes 14:05 and 14:06 close (B's last block is at 14:05:04)
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline && offsetOf(rows.items(), A, T0_NS + 2 * MINUTE_NS) == null) {
        Thread.sleep(200);
      }
      System.out.printf("kafka-idle: A's 14:06 closed after %.1f s%n", (System.nanoTime() - t) / 1e9);
    } finally {
      job.cancel().get();
    }
    for (int k = 0; k < 3; k++) {
      long minute = T0_NS + k * MINUTE_NS;
      Double d = offsetOf(rows.items(), A, minute);
      assertTrue(d != null, A + " " + Instant.ofEpochSecond(0, minute) + " closed with B's partition silent; rows "
          + rows.items().stream().map(x -> x.channel() + "@" + Instant.ofEpochSecond(0, x.measurement().minuteBoundaryUtcNs()))
              .toList());
      assertEquals(D_CLOCK_MS, d, 0.5, A + " " + Instant.ofEpochSecond(0, minute));
    }
    assertTrue(offsetOf(rows.items(), B, T0_NS) != null, "B's last complete minute 14:04");
    assertFalse(rows.items().stream().anyMatch(x -> x.channel().equals(B)
        && x.measurement().minuteBoundaryUtcNs() > T0_NS), "B has no data after 14:05:04");
    assertTrue(dead.items().isEmpty(), "dead letters " + dead.items());
  }

  static Double offsetOf(List<ClockOffsetRow> rows, String channel, long minuteNs) {
    ClockOffsetRow r = row(rows, channel, minuteNs);
    return r == null ? null : r.measurement().clockOffsetMs();
  }

  static ClockOffsetRow row(List<ClockOffsetRow> rows, String channel, long minuteNs) {
    return rows.stream().filter(x -> x.channel().equals(channel) && x.measurement().minuteBoundaryUtcNs() == minuteNs)
        .findFirst().orElse(null);
  }

  /** Sum of the {@code lateBlocks} counters of the job ({@link MinuteAssembler}); fails if there are none. */
  static long lateBlocks(JobExecutionResult r) {
    Map<String, Metric> m = REPORTER.findMetrics(r.getJobID(), "lateBlocks");
    assertFalse(m.isEmpty(), "lateBlocks metric registered");
    return m.values().stream().mapToLong(x -> ((Counter) x).getCount()).sum();
  }

  /** WWV over the 1F path with receiver clock offset {@link #D_CLOCK_MS}, cut into 320-sample blocks. */
  static List<IqBlock> blocks(String channel, long startNs, int seconds) {
    double fMHz = CHANNELS.get(channel) / 1e6;
    ModePath path = new PropagationModel(new ParametricIonosphere())
        .candidates(Transmitter.WWV, HfScenario.RX, fMHz, T0_NS).stream()
        .filter(m -> m.mode() == PropagationMode.F1).findFirst().orElseThrow();
    var sc = new HfSignalGenerator.Scenario(List.of(HfSignalGenerator.Transmission.single(Station.WWV,
        path.delayMs(), 1.0)), D_CLOCK_MS, 30, (long) fMHz);
    int n = seconds * FS;
    float[] iq = new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), 0.0, false, null))
        .iq(startNs, n, FS, sc);
    long first = startNs / 1_000_000_000L * FS;
    List<IqBlock> out = new ArrayList<>();
    for (int k = 0; k < n; k += BLOCK) {
      out.add(IqBlock.ofFloat32(channel, first + k, Rational.of(FS), startNs + k * 1_000_000_000L / FS, true,
          Arrays.copyOfRange(iq, 2 * k, 2 * (k + BLOCK)), 0));
    }
    return out;
  }

  static KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrap());
    p.put("compression.type", "lz4"); // as the bridge
    p.put("linger.ms", "5");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The bridge's encoding: key = channel, value = single-object Avro {@code IqBlock} ({@link IqBlockAvro}). */
  static void produce(KafkaProducer<byte[], byte[]> p, String topic, int partition, List<IqBlock> blocks)
      throws Exception {
    AvroSingleObjectSchema<io.tickstream.schemas.avro.IqBlock> avro =
        AvroSingleObjectSchema.of(io.tickstream.schemas.avro.IqBlock.class);
    for (IqBlock b : blocks) {
      p.send(new ProducerRecord<>(topic, partition, b.channel().getBytes(StandardCharsets.UTF_8),
          avro.serialize(IqBlockAvro.toAvro(b))));
    }
    p.flush();
  }

  /**
   * Pass-through after the source (same task, parallelism 1): per channel the largest amount by which the
   * other channel's newest block end was ahead of this channel's block when it was read (accumulator
   * {@code lagBehindOtherMs-<channel>}).
   */
  static final class LagObserver extends RichMapFunction<IqBlock, IqBlock> {
    private static final long serialVersionUID = 1L;
    static final String PREFIX = "lagBehindOtherMs-";
    private transient Map<String, Long> newest;
    private transient Map<String, LongMaximum> lag;

    @Override
    public void open(OpenContext ctx) {
      newest = new HashMap<>();
      lag = new HashMap<>();
      for (String c : CHANNELS.keySet()) {
        LongMaximum m = new LongMaximum(Long.MIN_VALUE);
        lag.put(c, m);
        getRuntimeContext().addAccumulator(PREFIX + c, m);
      }
    }

    @Override
    public IqBlock map(IqBlock b) {
      long end = HfTimingJob.blockEndMs(b);
      for (Map.Entry<String, Long> e : newest.entrySet()) {
        if (!e.getKey().equals(b.channel())) {
          lag.get(b.channel()).add(e.getValue() - end);
        }
      }
      newest.merge(b.channel(), end, Math::max);
      return b;
    }
  }
}
