package io.tickstream.cli.mesh;

import io.tickstream.connectors.ntp.MeshAgent;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tickstream agent}: a mesh node posting NTP measurements to {@code /api/mesh_ingest}. */
@Command(name = "agent", mixinStandardHelpOptions = true,
    description = {"Run a mesh node: every --interval seconds measure each NTP server (several samples,",
        "minimum-delay filtering) and POST the results (seeds/000 payload) to the ingest URL with the",
        "node's token (from `tickstream mesh add-node`). Servers that fail are logged and left out."})
public final class AgentCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);

  @Option(names = "--servers", required = true, split = ",", paramLabel = "HOST[:PORT]",
      description = "NTP servers, comma-separated")
  List<String> servers;

  @Option(names = "--ingest", required = true, paramLabel = "URL",
      description = "ingest endpoint, e.g. https://tickstream.example/api/mesh_ingest")
  URI ingest;

  @Option(names = "--token", required = true, description = "this node's ingest token (env TICKSTREAM_MESH_TOKEN)",
      defaultValue = "${env:TICKSTREAM_MESH_TOKEN}")
  String token;

  @Option(names = "--client-id", description = "node name (default: host name); must match the token's node")
  String clientId;

  @Option(names = "--interval", defaultValue = "60", description = "seconds between rounds (default ${DEFAULT-VALUE})")
  long intervalS;

  @Option(names = "--samples", defaultValue = "5", description = "NTP exchanges per server per round (default ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--spacing-ms", defaultValue = "200", description = "pause between exchanges, ms (default ${DEFAULT-VALUE})")
  long spacingMs;

  @Option(names = "--timeout-ms", defaultValue = "2000", description = "NTP reply timeout, ms (default ${DEFAULT-VALUE})")
  long timeoutMs;

  @Option(names = "--rounds", defaultValue = "0", description = "stop after this many rounds (default 0 = run forever)")
  long rounds;

  @Override
  public Integer call() throws Exception {
    String id = clientId != null ? clientId : InetAddress.getLocalHost().getHostName();
    MeshAgent agent = new MeshAgent(servers, ingest, token, id, samples, Duration.ofMillis(spacingMs),
        Duration.ofMillis(timeoutMs));
    LOG.info("mesh agent {}: {} server(s) every {} s -> {}", id, servers.size(), intervalS, ingest);
    int failedRounds = 0;
    for (long k = 1; rounds == 0 || k <= rounds; k++) {
      long start = System.nanoTime();
      try {
        MeshAgent.Round r = agent.runOnce();
        if (r.payload() == null || r.httpStatus() / 100 != 2) {
          failedRounds++;
        }
        if (r.httpStatus() == 401 || r.httpStatus() == 403) {
          LOG.error("ingest refused the token ({}): stopping", r.responseBody());
          return 4;
        }
      } catch (java.io.IOException e) {
        failedRounds++;
        LOG.warn("round {}: could not post to {}: {}", k, ingest, e.getMessage());
      }
      if (rounds != 0 && k == rounds) {
        break;
      }
      long sleepMs = intervalS * 1000 - (System.nanoTime() - start) / 1_000_000;
      if (sleepMs > 0) {
        Thread.sleep(sleepMs);
      }
    }
    return failedRounds == 0 ? 0 : 3;
  }
}
