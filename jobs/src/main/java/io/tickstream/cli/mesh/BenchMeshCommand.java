package io.tickstream.cli.mesh;

import io.tickstream.cli.ConfigOptions;
import io.tickstream.jobs.mesh.MeshPipelineBenchmark;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tickstream bench mesh}: probes/s through ingest → Kafka or the embedded job → consensus → database. */
@Command(name = "mesh", mixinStandardHelpOptions = true,
    description = {"Mesh throughput: generated payloads POSTed to an in-process /api/mesh_ingest; with Kafka",
        "(--kafka-bootstrap) the consensus job then replays the topic into the database, without it the embedded",
        "job consumes them (timed until the server's stop has drained it). Prints probes/s per stage.",
        "Use a scratch database (--db-url): rows are added."})
public final class BenchMeshCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BenchMeshCommand.class);

  @Option(names = "--nodes", defaultValue = "20", description = "mesh nodes (default ${DEFAULT-VALUE})") int nodes;
  @Option(names = "--servers", defaultValue = "7", description = "servers per payload (default ${DEFAULT-VALUE})") int servers;
  @Option(names = "--rounds", defaultValue = "50", description = "payloads per node (default ${DEFAULT-VALUE})") int rounds;
  @Option(names = "--clients", defaultValue = "4", description = "concurrent HTTP clients (default ${DEFAULT-VALUE})") int clients;
  @Mixin ConfigOptions config;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var boot = config.bootstrapConfig();
    String bootstrap = boot.kafkaBootstrap().orElse(null);
    MeshPipelineBenchmark.Result r = MeshPipelineBenchmark.run(bootstrap, boot.dbUrl(), nodes, servers, rounds, clients,
        LOG::info);
    spec.commandLine().getOut().println(r.describe());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
