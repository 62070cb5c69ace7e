package io.tickstream.cli.hf;

import io.tickstream.cli.BuildInfo;
import io.tickstream.cli.ConfigOptions;
import io.tickstream.cli.FlinkOptions;
import io.tickstream.cli.rtp.LiveFrontEnd;
import io.tickstream.cli.rtp.LiveOptions;
import io.tickstream.connectors.db.IngestRuns;
import io.tickstream.connectors.kafka.IqBlockKafka;
import io.tickstream.connectors.kafka.KafkaMessages;
import io.tickstream.connectors.kafka.KafkaTopics;
import io.tickstream.connectors.rtp.ChannelDeclaration;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.jobs.hf.ClockOffsetKafkaSink;
import io.tickstream.jobs.hf.ChannelAnalysis;
import io.tickstream.jobs.hf.HfJobConfig;
import io.tickstream.jobs.hf.HfTimingJob;
import io.tickstream.jobs.hf.KafkaIqInput;
import io.tickstream.jobs.hf.ProductDrfSink;
import io.tickstream.jobs.record.StoppableJob;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tickstream run --config station.toml}: the live HF pipeline in one streaming graph. Input
 * either radiod RTP directly (Phase 1 raw archive + the HF timing graph from the same IQ blocks; the
 * embedded default) or, in the cluster deployment, the Kafka topic {@code iq-blocks} written by the RTP
 * bridge ({@code record --to-kafka}, which keeps Phase 1). With Kafka configured every D_clock row also
 * goes to the topic {@code clock-offsets}. Shares the live front end (checkpoints, resume, graceful stop)
 * with {@code record} ({@link LiveFrontEnd}).
 */
@Command(name = "run",
    description = {"Run the live HF pipeline: Phase 2 D_clock per minute (clock_offset rows,",
        "DATA_DIR/clock_offset/<CHANNEL|FUSED>/<version>/) and Phase 3 10 Hz UTC product",
        "(DATA_DIR/processed/<version>/), fed by",
        "  --input rtp    radiod RTP directly, plus the Phase 1 raw archive (DATA_DIR/raw_archive); the default",
        "                 without Kafka (embedded);",
        "  --input kafka  the Kafka topic iq-blocks written by the RTP bridge (`tickstream record --to-kafka`",
        "                 on the station host, which keeps Phase 1); the default when --kafka-bootstrap or",
        "                 KAFKA_BOOTSTRAP is set. Unusable messages go to iq-blocks.dead-letter (counted, logged).",
        "With Kafka configured every D_clock row (channels and FUSED) also goes to the topic clock-offsets",
        "(Avro ClockOffsetMeasurement, key receiver/channel/version/minute; compact the topic).",
        "Runs until interrupted (or --idle-stop / --until-end). Embedded by default; on a cluster:",
        "`flink run tickstream-jobs-cluster.jar run --config station.toml --kafka-bootstrap HOST:PORT ...`.",
        "",
        "Restart: a new run resumes from the newest complete savepoint or retained checkpoint of this station",
        "under DATA_DIR/checkpoints/run/<callsign>-<receiver>/ (run-kafka/ for Kafka input; printed), so",
        "minutes open at the stop are completed and nothing committed is written twice. SIGTERM or Ctrl-C",
        "stops with a savepoint. --fresh ignores the retained state, --resume-from picks one."})
public final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  /** Where the IQ blocks come from. */
  public enum Input { AUTO, RTP, KAFKA }

  @Option(names = "--version", defaultValue = "v1", description = "Output version (default ${DEFAULT-VALUE}).")
  String version;

  @Option(names = "--no-phase3", description = "Only Phases 1 and 2.")
  boolean noPhase3;

  @Option(names = "--input", defaultValue = "auto", paramLabel = "rtp|kafka|auto",
      description = "IQ input: rtp, kafka, or auto = kafka when Kafka is configured, else rtp (default ${DEFAULT-VALUE}).")
  String input;

  @Option(names = "--topic", defaultValue = KafkaTopics.IQ_BLOCKS, paramLabel = "TOPIC",
      description = "Kafka input topic (default ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--group", paramLabel = "GROUP",
      description = "Kafka consumer group (default tickstream-run-<callsign>-<receiver>).")
  String group;

  @Option(names = "--until-end", description = "Kafka input: stop at the topic's end offsets at start (a replay)"
      + " instead of running forever.")
  boolean untilEnd;

  @Option(names = "--clock-offsets-topic", defaultValue = KafkaTopics.CLOCK_OFFSETS, paramLabel = "TOPIC",
      description = "Kafka topic of the D_clock rows when Kafka is configured (default ${DEFAULT-VALUE}).")
  String clockOffsetsTopic;

  @Option(names = "--dead-letter-topic", defaultValue = KafkaTopics.IQ_BLOCKS_DEAD_LETTER, paramLabel = "TOPIC",
      description = "Kafka topic of unusable input messages (default ${DEFAULT-VALUE}).")
  String deadLetterTopic;

  @Option(names = "--test-signal-template", paramLabel = "RAW",
      description = {"HamSCI test-signal template (48 kHz s16le, ka9q/wwvsim test.raw): analyse the test minutes",
          "(WWV 8, WWVH 44) with it; without it those minutes get no test_signal evidence."})
  Path testSignalTemplate;

  @Mixin io.tickstream.cli.HelpOption help;
  @Mixin LiveOptions live;
  @Mixin ConfigOptions common;
  @Mixin FlinkOptions flink;

  /** Completed (with a reason) to stop gracefully; SIGTERM/SIGINT complete it. */
  final CompletableFuture<String> stopRequest = new CompletableFuture<>();

  /** Where the resume decision and the outputs are printed. */
  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    Input in;
    try {
      in = Input.valueOf(input.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println("--input must be rtp, kafka or auto, got '" + input + "'");
      return 2;
    }
    StationConfig station = live.stationOrReport(System.err);
    if (station == null) {
      return 2;
    }
    String bootstrap = common.bootstrapConfig().kafkaBootstrap().orElse(null);
    boolean kafkaInput = in == Input.KAFKA || (in == Input.AUTO && bootstrap != null);
    if (kafkaInput && bootstrap == null) {
      System.err.println("--input kafka needs --kafka-bootstrap or KAFKA_BOOTSTRAP");
      return 2;
    }
    if (kafkaInput && live.idleStopSeconds() != 0) {
      System.err.println("--idle-stop applies to RTP input only (Kafka input: --until-end)");
      return 2;
    }
    if (untilEnd && !kafkaInput) {
      System.err.println("--until-end applies to Kafka input only (RTP input: --idle-stop)");
      return 2;
    }
    if (testSignalTemplate != null) {
      try {
        ChannelAnalysis.loadTemplate(testSignalTemplate.toString());
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 2;
      }
    }
    try (ConfigOptions.Opened opened = common.open()) {
      Path dataDir = opened.config().dataDir();
      Map<String, Double> freqs = new TreeMap<>();
      for (ChannelDeclaration c : station.channels()) {
        freqs.put(c.name(), c.frequencyHz());
      }
      HfJobConfig hf = HfJobConfig.of(station.receiverName(), station.gridSquare(), version, freqs, !noPhase3, false);
      hf = hf.withProductResume(ProductDrfSink.existingEnds(dataDir, version, freqs.keySet()))
          .withTestSignalTemplate(testSignalTemplate == null ? null : testSignalTemplate.toAbsolutePath().toString());
      LiveFrontEnd fe = new LiveFrontEnd(live, station, dataDir, kafkaInput ? "run-kafka" : "run", "run", flink, out);
      Map<String, Object> params = fe.params();
      if (testSignalTemplate != null) {
        params.put("test_signal_template", hf.testSignalTemplate());
      }
      params.put("version", version);
      params.put("phases", (kafkaInput ? "" : "1,") + (noPhase3 ? "2" : "2,3"));
      params.put("input", kafkaInput ? "kafka" : "rtp");
      String consumerGroup = group != null ? group : ("tickstream-run-" + station.callsign() + "-"
          + station.receiverName()).replaceAll("[^A-Za-z0-9._-]", "_");
      if (kafkaInput) {
        params.put("kafka_topic", topic);
        params.put("kafka_group", consumerGroup);
        params.put("dead_letter_topic", deadLetterTopic);
      } else {
        params.putAll(fe.rtpParams());
      }
      if (bootstrap != null) {
        params.put("clock_offsets_topic", clockOffsetsTopic);
      }
      IngestRuns runs = new IngestRuns(opened.db(), BuildInfo.gitCommit());
      long runId = runs.start("hf-run", params, Map.of("source", kafkaInput ? "kafka " + topic : "radiod RTP (live)"));
      StoppableJob.Outcome outcome;
      try {
        DataStream<IqBlock> iq = kafkaInput
            ? KafkaIqInput.build(fe.env(), IqBlockKafka.source(bootstrap, topic, consumerGroup, freqs.keySet(), untilEnd),
                hf, KafkaMessages.deadLetterSink(bootstrap, deadLetterTopic))
            : fe.rtpPhase1();
        HfTimingJob.Outputs outputs = HfTimingJob.build(iq, hf,
            HfTimingJob.standardSinks(opened.db().url().original(), runId, dataDir, hf), kafkaInput);
        if (bootstrap != null) {
          outputs.clockOffsets().sinkTo(ClockOffsetKafkaSink.of(bootstrap, clockOffsetsTopic, hf.processedAt(), runId))
              .name("Kafka " + clockOffsetsTopic).uid("hf-clock-offsets-kafka");
        }
        LOG.info("run: station {} {} receiver {}, channels {}, version {}, input {}, outputs under {}{}",
            station.callsign(), station.gridSquare(), station.receiverName(), freqs, version,
            kafkaInput ? "Kafka " + bootstrap + " topic " + topic + " (group " + consumerGroup + ")" : "radiod RTP",
            dataDir, bootstrap != null ? ", D_clock rows also to Kafka topic " + clockOffsetsTopic : "");
        outcome = fe.run("tickstream run: HF Phases " + params.get("phases"), stopRequest);
        runs.finishOk(runId, outcome.toString());
      } catch (Exception | Error e) {
        runs.finishFailed(runId, e);
        throw e;
      }
      out.println("run: " + outcome);
      if (kafkaInput) {
        out.println("IQ input           Kafka topic " + topic + " at " + bootstrap + " (group " + consumerGroup
            + "; dead letters to " + deadLetterTopic + ")");
      } else {
        out.println("raw archive        " + fe.archive().topDir());
      }
      out.println("clock_offset rows  version " + version + " in " + opened.db().url().masked());
      out.println("D_clock series     " + dataDir.resolve("clock_offset").resolve("<CHANNEL|FUSED>").resolve(version));
      if (bootstrap != null) {
        out.println("D_clock to Kafka   topic " + clockOffsetsTopic + " at " + bootstrap);
      }
      if (!noPhase3) {
        out.println("10 Hz UTC product  " + dataDir.resolve("processed").resolve(version));
      }
    }
    return 0;
  }
}
