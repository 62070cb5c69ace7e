package io.tickstream.jobs.hf;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.jobs.hf.types.AssembledMinuteSerializer;
import io.tickstream.jobs.hf.types.IqBlockSerializer;
import io.tickstream.jobs.hf.types.Phase3InputSerializer;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The HF timing job graph (issue 7, seeds/003 §§4–7), built from an injected stream of IQ blocks
 * and injected sinks so that the same graph runs live (RTP source, STREAMING) and over the archive
 * (Digital RF source, BATCH):
 *
 * <pre>
 * IqBlock ─ timestamps/watermarks (block end, bounded lateness)
 *   └ keyBy channel ─ MinuteAssembler (system-time minutes + margins) ─┬─ ChannelAnalysis (analysis + own D_clock)
 *                                                                       │    └ keyBy receiver ─ ReceiverFusion ─► rows (channels + FUSED)
 *                                                                       └─ keyBy channel ─ Phase3Product ◄─ broadcast(FUSED rows)
 *                                                                                              └► ProductMinute (10 Hz UTC)
 * </pre>
 * D_clock only flows forward (Phase 2 → Phase 3), never back into Phase 1 or 2.
 */
public final class HfTimingJob {
  private HfTimingJob() {}

  /** Where the graph's outputs go; a null sink drops that output (e.g. no database in a test). */
  public record Sinks(Sink<ClockOffsetRow> clockOffsetRows, Sink<ClockOffsetRow> clockOffsetFiles,
      Sink<IqBlock> productSamples, Sink<ProductMinute> productMetadata, Sink<EvidenceLine> evidenceFiles) {

    /** Without the per-method evidence CSVs. */
    public Sinks(Sink<ClockOffsetRow> clockOffsetRows, Sink<ClockOffsetRow> clockOffsetFiles,
        Sink<IqBlock> productSamples, Sink<ProductMinute> productMetadata) {
      this(clockOffsetRows, clockOffsetFiles, productSamples, productMetadata, null);
    }
  }

  /** The standard sinks of a run: database rows, series files, product Digital RF and metadata. */
  public static Sinks standardSinks(String dbUrl, Long ingestRunId, java.nio.file.Path dataDir, HfJobConfig config) {
    return new Sinks(dbUrl == null ? null : new ClockOffsetDbSink(dbUrl, ingestRunId),
        new ClockOffsetFileSink(dataDir.toString(), config),
        config.phase3() ? ProductDrfSink.samplesSink(dataDir, config.version()) : null,
        config.phase3() ? new ProductDrfSink(dataDir.toString(), config) : null,
        new EvidenceCsvSink(dataDir.toString(), config.version()));
  }

  /** Streams the graph produces (for extra sinks such as Kafka). */
  public record Outputs(DataStream<ClockOffsetRow> clockOffsets, DataStream<ProductMinute> product) {}

  /** The whole graph from IQ blocks (live: RTP source, STREAMING): {@link #assemble} then {@link #buildFromMinutes}. */
  public static Outputs build(DataStream<IqBlock> blocks, HfJobConfig config, Sinks sinks) {
    return build(blocks, config, sinks, false);
  }

  /**
   * The whole graph from IQ blocks: {@link #assemble} then {@link #buildFromMinutes}.
   *
   * @param timestamped the blocks already carry timestamps (system time of the block end, as
   *     {@link #blockEndMs}) and bounded-lateness watermarks assigned per Kafka partition at the source
   *     ({@link KafkaIqInput}); otherwise they are assigned here, on the merged stream
   */
  public static Outputs build(DataStream<IqBlock> blocks, HfJobConfig config, Sinks sinks, boolean timestamped) {
    return buildFromMinutes(assemble(blocks, config, timestamped), config, sinks);
  }

  /**
   * IQ blocks → event time (block end, bounded lateness; unless {@code timestamped}) → keyed
   * {@link MinuteAssembler} → minute windows.
   */
  public static DataStream<AssembledMinute> assemble(DataStream<IqBlock> blocks, HfJobConfig config,
      boolean timestamped) {
    DataStream<IqBlock> timed = timestamped ? blocks : blocks.assignTimestampsAndWatermarks(
        WatermarkStrategy.<IqBlock>forBoundedOutOfOrderness(Duration.ofMillis(config.latenessMs()))
            .withTimestampAssigner((b, ts) -> blockEndMs(b)))
        .name("event time = sample system time").returns(IqBlockSerializer.TYPE);
    return timed
        .keyBy(IqBlock::channel)
        .process(new MinuteAssembler(config)).returns(AssembledMinuteSerializer.TYPE)
        .name("minute windows (system time, margins)").uid("hf-minute-assembler");
  }

  /**
   * Phases 2 and 3 from assembled minute windows, each carrying its window end as event timestamp:
   * from {@link #assemble} (live) or from the archive's {@link ArchiveMinuteSource} (bounded).
   */
  public static Outputs buildFromMinutes(DataStream<AssembledMinute> minutes, HfJobConfig config, Sinks sinks) {
    SingleOutputStreamOperator<ChannelMinute> analysed = minutes
        .process(new ChannelAnalysis(config)).name("minute analysis + channel D_clock").uid("hf-channel-analysis");
    if (sinks.evidenceFiles() != null) {
      analysed.getSideOutput(ChannelAnalysis.EVIDENCE).sinkTo(sinks.evidenceFiles())
          .name("per-method evidence CSVs").uid("hf-evidence-files").setParallelism(1);
    }
    SingleOutputStreamOperator<ClockOffsetRow> rows = analysed
        .keyBy(ChannelMinute::receiver)
        .process(new ReceiverFusion(config)).name("fusion per receiver").uid("hf-receiver-fusion");
    if (sinks.clockOffsetRows() != null) {
      rows.sinkTo(sinks.clockOffsetRows()).name("clock_offset upsert").uid("hf-clock-offset-db");
    }
    if (sinks.clockOffsetFiles() != null) {
      rows.sinkTo(sinks.clockOffsetFiles()).name("clock_offset_series.csv/.json").uid("hf-clock-offset-files")
          .setParallelism(1);
    }
    DataStream<ProductMinute> product = null;
    if (config.phase3()) {
      BroadcastStream<ClockOffsetRow> dclock = rows.filter(ClockOffsetRow::fused).name("fused D_clock")
          .broadcast(Phase3Product.DCLOCK);
      // stage A (full rate → 400 Hz, no D_clock yet) where the full-rate minute is: 1/25 of it is shuffled
      DataStream<Phase3Input> stageA = minutes.map(Phase3Input::of).returns(Phase3InputSerializer.TYPE)
          .name("Phase 3 stage A: 400 Hz (system time)").uid("hf-phase3-stage-a");
      product = stageA.keyBy(Phase3Input::channel).connect(dclock)
          .process(new Phase3Product(config)).name("Phase 3: 10 Hz UTC (zero lag, D_clock applied)")
          .uid("hf-phase3");
      Map<String, Long> resume = config.productResumeIndex();
      product = product.filter(p -> p.firstUtcIndex() >= resume.getOrDefault(p.channel(), Long.MIN_VALUE))
          .name("skip minutes already in the version's product");
      if (sinks.productSamples() != null) {
        product.map(ProductDrfSink::samples).returns(IqBlockSerializer.TYPE).name("10 Hz samples").sinkTo(sinks.productSamples())
            .name("processed Digital RF (exactly once)").uid("hf-product-drf").setParallelism(1);
      }
      if (sinks.productMetadata() != null) {
        product.sinkTo(sinks.productMetadata()).name("processed Digital Metadata").uid("hf-product-metadata")
            .setParallelism(1);
      }
    }
    return new Outputs(rows, product);
  }

  /** Event time of a block: system time of its end (ms), from its sample index ({@code index = t·fs}). */
  static long blockEndMs(IqBlock b) {
    long num = b.sampleRateHz().numerator();
    long den = b.sampleRateHz().denominator();
    // t = index · den / num seconds
    java.math.BigInteger ms = java.math.BigInteger.valueOf(b.endSampleIndex()).multiply(java.math.BigInteger.valueOf(1000L * den))
        .divide(java.math.BigInteger.valueOf(num));
    return ms.longValueExact();
  }
}
