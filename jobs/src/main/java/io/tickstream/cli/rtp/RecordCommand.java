package io.tickstream.cli.rtp;

import io.tickstream.cli.BuildInfo;
import io.tickstream.cli.ConfigOptions;
import io.tickstream.cli.FlinkOptions;
import io.tickstream.connectors.db.IngestRuns;
import io.tickstream.connectors.kafka.IqBlockKafka;
import io.tickstream.connectors.kafka.KafkaTopics;
import io.tickstream.connectors.rtp.RawArchiveSettings;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.jobs.record.RecordJob;
import io.tickstream.jobs.record.StoppableJob;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tickstream record --config station.toml}: the live graph, Phase 1 only — radiod RTP into
 * the immutable Digital RF raw archive under {@code DATA_DIR/raw_archive}; with {@code --to-kafka} also the
 * RTP bridge of the cluster deployment (every IQ block to the Kafka topic {@code iq-blocks}). Embedded by
 * default. The run is recorded as an {@code ingest_run} row (parameters, git commit, outcome).
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = {"Record radiod IQ (RTP) into the Phase 1 raw archive DATA_DIR/raw_archive: one Digital RF",
        "channel per configured receiver channel, gapped, deflate, 60 s files in hour directories, Digital",
        "Metadata with one record per gap. Runs until interrupted (or --idle-stop). Embedded by default.",
        "",
        "Cluster (RTP bridge): --to-kafka also publishes every IQ block to the Kafka topic iq-blocks",
        "(--kafka-bootstrap / KAFKA_BOOTSTRAP; Avro IqBlock, key = channel, exactly once: Kafka transactions",
        "committed with each checkpoint, so the topic holds exactly what the archive holds). Run it on the",
        "station host next to radiod; `tickstream run` (or `flink run ... run`) reads the topic on the cluster.",
        "",
        "Restart: by default a new run resumes from the newest complete savepoint or retained checkpoint of",
        "this station under DATA_DIR/checkpoints/record/<callsign>-<receiver>/ (record-kafka/ with --to-kafka;",
        "logged and printed), so the archive loses nothing committed, duplicates nothing, never reopens a",
        "finished file, and the downtime is one explicit gap (cause source_restart). SIGTERM or Ctrl-C stops",
        "with a savepoint (a second signal exits at once; the newest checkpoint is then used). --fresh ignores",
        "the retained state (new session; it resumes at the next file period after the newest finished file)."})
public final class RecordCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RecordCommand.class);

  @Mixin LiveOptions live;
  @Mixin ConfigOptions common;
  @Mixin FlinkOptions flink;

  @Option(names = "--to-kafka", description = "Also publish every IQ block to Kafka (the RTP bridge of the cluster"
      + " deployment); needs --kafka-bootstrap or KAFKA_BOOTSTRAP.")
  boolean toKafka;

  @Option(names = "--topic", defaultValue = KafkaTopics.IQ_BLOCKS, paramLabel = "TOPIC",
      description = "Kafka topic of --to-kafka (default ${DEFAULT-VALUE}).")
  String topic;

  /** Completed (with a reason) to stop gracefully; SIGTERM/SIGINT complete it. */
  final CompletableFuture<String> stopRequest = new CompletableFuture<>();

  /** Where the resume decision is printed. */
  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    StationConfig station = live.stationOrReport(System.err);
    if (station == null) {
      return 2;
    }
    String bootstrap = common.bootstrapConfig().kafkaBootstrap().orElse(null);
    if (toKafka && bootstrap == null) {
      System.err.println("--to-kafka needs --kafka-bootstrap or KAFKA_BOOTSTRAP");
      return 2;
    }
    Path dataDir = common.bootstrapConfig().dataDir();
    LiveFrontEnd fe = new LiveFrontEnd(live, station, dataDir, toKafka ? "record-kafka" : "record", "record", flink, out);
    DataStream<IqBlock> iq = fe.rtpPhase1();
    RawArchiveSettings settings = fe.archive();
    Map<String, Object> params = fe.params();
    params.putAll(fe.rtpParams());
    if (toKafka) {
      String prefix = ("tickstream-bridge-" + station.callsign() + "-" + station.receiverName())
          .replaceAll("[^A-Za-z0-9._-]", "_");
      iq.sinkTo(IqBlockKafka.sink(bootstrap, topic, DeliveryGuarantee.EXACTLY_ONCE, prefix))
          .name("Kafka " + topic + " (exactly once)").uid("kafka-iq-blocks").setParallelism(1);
      params.put("kafka_topic", topic);
      params.put("kafka_transactional_id_prefix", prefix);
      LOG.info("record: RTP bridge: every IQ block also to Kafka {} topic {} (exactly once, transactional id prefix {})",
          bootstrap, topic, prefix);
    }
    LOG.info("record: station {} {} receiver {}, {} channel(s) {}, checkpoints every {} s", station.callsign(),
        station.gridSquare(), station.receiverName(), station.channels().size(),
        station.channels().stream().map(c -> c.name()).toList(), live.checkpointSeconds());
    StoppableJob.Outcome outcome;
    try (ConfigOptions.Opened db = common.open()) {
      outcome = new IngestRuns(db.db(), BuildInfo.gitCommit()).run(RecordJob.NAME, params,
          Map.of("source", "radiod RTP (live)"), () -> fe.run(RecordJob.NAME, stopRequest));
    }
    out.println("record: " + outcome);
    out.println("raw archive: " + settings.topDir());
    if (toKafka) {
      out.println("kafka topic: " + topic + " at " + bootstrap);
    }
    return 0;
  }
}
