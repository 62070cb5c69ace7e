package io.tickstream.cli.mesh;

import io.tickstream.cli.ConfigOptions;
import io.tickstream.connectors.mesh.KafkaProbeRouter;
import io.tickstream.connectors.mesh.MeshIngestProcessor;
import io.tickstream.connectors.mesh.MeshRepository;
import io.tickstream.connectors.mesh.ThresholdCache;
import io.tickstream.core.mesh.ConsensusFlags;
import io.tickstream.core.mesh.ConsensusGrid;
import io.tickstream.core.mesh.WindowConsensus;
import io.tickstream.jobs.mesh.KafkaProbes;
import io.tickstream.jobs.mesh.MeshConsensusJob;
import io.tickstream.jobs.mesh.MeshDbSinks;
import io.tickstream.jobs.mesh.ThresholdSpec;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tickstream mesh add-node|nodes|revoke|consensus|job}. */
@Command(name = "mesh", mixinStandardHelpOptions = true,
    description = "NTP mesh administration: node tokens, consensus recomputation and the streaming consensus job.",
    subcommands = {MeshCommand.AddNode.class, MeshCommand.Nodes.class, MeshCommand.Revoke.class,
        MeshCommand.Consensus.class, MeshCommand.Job.class})
public final class MeshCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "add-node", mixinStandardHelpOptions = true,
      description = {"Register a mesh node (if new) and issue an ingest token for it. The token is printed once;",
          "only its SHA-256 is stored. Give it to the node's `tickstream agent --token`."})
  static final class AddNode implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CLIENT_ID", description = "node name, e.g. node-la-01")
    String clientId;
    @Mixin ConfigOptions config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (!clientId.matches("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}")) {
        throw new IllegalArgumentException("CLIENT_ID must be 1–128 characters of letters, digits and . _ : @ -");
      }
      try (ConfigOptions.Opened o = config.open()) {
        String token = new MeshRepository(o.db()).issueToken(clientId);
        PrintWriter out = spec.commandLine().getOut();
        out.println("node   " + clientId);
        out.println("token  " + token);
        out.println("(shown once; stored hashed in " + o.db().url().masked() + ")");
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "nodes", mixinStandardHelpOptions = true, description = "List mesh nodes, last contact and active tokens.")
  static final class Nodes implements Callable<Integer> {
    @Mixin ConfigOptions config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (ConfigOptions.Opened o = config.open()) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-24s %-28s %s%n", "client_id", "last_seen", "tokens");
        for (MeshRepository.Node n : new MeshRepository(o.db()).nodes()) {
          out.printf("%-24s %-28s %d%n", n.clientId(), n.lastSeen() == null ? "-" : n.lastSeen(), n.activeTokens());
        }
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke every ingest token of a node.")
  static final class Revoke implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CLIENT_ID") String clientId;
    @Mixin ConfigOptions config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (ConfigOptions.Opened o = config.open()) {
        int n = new MeshRepository(o.db()).revokeTokens(clientId);
        spec.commandLine().getOut().println("revoked " + n + " token(s) of " + clientId);
      }
      return 0;
    }
  }

  @Command(name = "consensus", mixinStandardHelpOptions = true,
      description = {"Recompute mesh_consensus for every grid time in [--from, --to] from the stored accepted probes",
          "(after late probes, imports or a threshold change) and print the rows."})
  static final class Consensus implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "ISO-8601 UTC start, e.g. 2025-08-10T00:00:00Z") Instant from;
    @Option(names = "--to", required = true, description = "ISO-8601 UTC end (inclusive)") Instant to;
    @Option(names = "--step-min", defaultValue = "10", description = "grid step, minutes dividing 30 (default ${DEFAULT-VALUE})")
    int stepMin;
    @Mixin ConfigOptions config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (ConfigOptions.Opened o = config.open()) {
        MeshRepository repo = new MeshRepository(o.db());
        List<WindowConsensus> ws = new MeshIngestProcessor(repo, new ThresholdCache(repo::thresholds, Long.MAX_VALUE),
            ConsensusGrid.ofMinutes(stepMin)).recompute(from, to);
        PrintWriter out = spec.commandLine().getOut();
        for (WindowConsensus w : ws) {
          out.printf(Locale.ROOT, "%s huber %+.3f ms (median %+.3f, intersection %+.3f) nodes %d servers %d flags %s%n",
              MeshRepository.instant(w.tUtcNs()), w.estimate("huber").offsetMs(), w.estimate("median").offsetMs(),
              w.estimate("intersection").offsetMs(), w.nNodes(), w.nServers(), ConsensusFlags.names(w.flags()));
        }
        out.println(ws.size() + " consensus time(s) written to " + o.db().url().masked());
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "job", mixinStandardHelpOptions = true,
      description = {"Run the mesh consensus Flink job: Kafka topic ntp-probes -> accept/reject -> ntp_probe,",
          "windowed consensus -> mesh_consensus (needs --kafka-bootstrap / KAFKA_BOOTSTRAP).",
          "Embedded MiniCluster unless submitted to a cluster with `flink run`."})
  static final class Job implements Callable<Integer> {
    @Option(names = "--topic", defaultValue = KafkaProbeRouter.TOPIC, description = "topic (default ${DEFAULT-VALUE})")
    String topic;
    @Option(names = "--group", defaultValue = "tickstream-mesh", description = "consumer group (default ${DEFAULT-VALUE})")
    String group;
    @Option(names = "--bounded", description = "stop at the offsets current at start (replay) instead of running forever")
    boolean bounded;
    @Mixin ConfigOptions config;
    @Mixin io.tickstream.cli.FlinkOptions flink;

    @Override
    public Integer call() throws Exception {
      String dbUrl;
      String bootstrap;
      try (ConfigOptions.Opened o = config.open()) {
        dbUrl = o.config().dbUrl();
        bootstrap = o.config().kafkaBootstrap().orElseThrow(() ->
            new IllegalArgumentException("mesh job needs --kafka-bootstrap or KAFKA_BOOTSTRAP"));
      }
      io.tickstream.jobs.JobRuntime rt = flink.runtime(RuntimeExecutionMode.STREAMING);
      if (rt.mode() == RuntimeExecutionMode.BATCH && !bounded) {
        throw new IllegalArgumentException("--mode BATCH needs --bounded (an unbounded Kafka source cannot run in BATCH)");
      }
      StreamExecutionEnvironment env = rt.environment();
      build(env, bootstrap, topic, group, dbUrl, bounded);
      io.tickstream.jobs.JobRuntime.execute(env, "tickstream mesh consensus");
      return 0;
    }
  }

  /** Builds and runs the Kafka → DB mesh job on the context environment, STREAMING (blocking). */
  public static void run(String bootstrap, String topic, String group, String dbUrl, boolean bounded) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    build(env, bootstrap, topic, group, dbUrl, bounded);
    env.execute("tickstream mesh consensus");
  }

  /** Attaches the Kafka → DB mesh job graph to {@code env}. */
  public static void build(StreamExecutionEnvironment env, String bootstrap, String topic, String group, String dbUrl,
      boolean bounded) {
    if (!bounded) {
      env.enableCheckpointing(30_000);
    }
    MeshConsensusJob.build(
        env.fromSource(KafkaProbes.source(bootstrap, topic, group, bounded), WatermarkStrategy.noWatermarks(), "ntp-probes"),
        MeshConsensusJob.Config.defaults(ThresholdSpec.fromDatabase(dbUrl, 30_000)),
        MeshDbSinks.probes(dbUrl), MeshDbSinks.consensus(dbUrl),
        new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>()); // late probes: stored + counted
  }
}
