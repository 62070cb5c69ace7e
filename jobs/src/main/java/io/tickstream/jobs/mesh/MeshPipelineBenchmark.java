package io.tickstream.jobs.mesh;

import io.tickstream.api.ApiContext;
import io.tickstream.api.ApiServer;
import io.tickstream.api.mesh.MeshModule;
import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.mesh.KafkaProbeRouter;
import io.tickstream.connectors.mesh.MeshRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * End-to-end mesh throughput: HTTP {@code POST /api/mesh_ingest} (token check, validation) → Kafka
 * {@code ntp-probes} (acked) → mesh consensus job (bounded replay of the topic) → database; or, without
 * Kafka, HTTP → the embedded job's queue, the job stage being the rest of the work until the server's
 * stop has drained the embedded job. Prints probes/s of the ingest stage, of the job stage and overall.
 * Figures only; nothing is asserted.
 */
public final class MeshPipelineBenchmark {

  /** Measured figures. */
  public record Result(boolean embedded, long probes, double ingestSeconds, double jobSeconds, long probeRows,
      long consensusRows) {
    public double ingestProbesPerSecond() {
      return probes / ingestSeconds;
    }

    public double jobProbesPerSecond() {
      return probes / jobSeconds;
    }

    public double overallProbesPerSecond() {
      return probes / (ingestSeconds + jobSeconds);
    }

    public String describe() {
      return String.format(Locale.ROOT, "mesh pipeline: %d probes; ingest (HTTP -> %s) %.1f s = %.0f probes/s; "
          + "job (%s) %.1f s = %.0f probes/s; overall %.0f probes/s; "
          + "ntp_probe rows %d, mesh_consensus rows %d", probes, embedded ? "embedded queue" : "Kafka acked",
          ingestSeconds, ingestProbesPerSecond(),
          embedded ? "rest of embedded job until drained at stop" : "Kafka -> accept -> consensus -> DB", jobSeconds,
          jobProbesPerSecond(), overallProbesPerSecond(), probeRows, consensusRows);
    }
  }

  private MeshPipelineBenchmark() {}

  /**
   * @param bootstrap Kafka bootstrap servers, or null for the embedded job
   * @param nodes mesh nodes (one token each)
   * @param servers results per payload
   * @param rounds payloads per node (one per minute of probe time, ending now)
   * @param clients concurrent HTTP clients
   */
  public static Result run(String bootstrap, String dbUrl, int nodes, int servers, int rounds, int clients,
      Consumer<String> progress) throws Exception {
    String topic = KafkaProbeRouter.TOPIC;
    try (Database db = Database.open(dbUrl)) {
      db.migrate();
      MeshRepository repo = new MeshRepository(db);
      List<String> tokens = new ArrayList<>();
      for (int n = 0; n < nodes; n++) {
        tokens.add(repo.issueToken(node(n)));
      }
      Map<String, String> flags = new java.util.HashMap<>(Map.of(TickstreamConfig.DB_URL, dbUrl,
          "mesh.ingest.rate_per_min", "1000000"));
      if (bootstrap != null) {
        flags.put(TickstreamConfig.KAFKA_BOOTSTRAP, bootstrap);
      }
      TickstreamConfig cfg = TickstreamConfig.resolve(flags, Map.of()).withAppConfig(db);
      long probes = (long) nodes * servers * rounds;
      double ingestS;
      long t1;
      try (ApiServer api = new ApiServer(new ApiContext(db, cfg, "bench", "bench"), List.of(new MeshModule()))
          .start("127.0.0.1", 0)) {
        URI uri = URI.create("http://127.0.0.1:" + api.port() + "/api/mesh_ingest");
        HttpClient http = HttpClient.newHttpClient();
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        progress.accept("ingesting " + probes + " probes (" + nodes + " nodes x " + servers + " servers x " + rounds
            + " rounds) through " + uri);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        // rounds in time order, as live agents post: every node once per minute of probe time
        List<Future<?>> futures = new ArrayList<>();
        Random rnd = new Random(42);
        for (int k = 0; k < rounds; k++) {
          for (int n = 0; n < nodes; n++) {
            String body = payload(node(n), end.minusSeconds(60L * (rounds - k)), servers, rnd);
            String auth = "Bearer " + tokens.get(n);
            futures.add(pool.submit(() -> {
              HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                  .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                  HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() != 200) {
                throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
              }
              return null;
            }));
          }
        }
        for (Future<?> f : futures) {
          f.get();
        }
        pool.shutdown();
        t1 = System.nanoTime();
        ingestS = (t1 - t0) / 1e9;
        progress.accept(String.format(Locale.ROOT, "ingest done in %.1f s; %s", ingestS, bootstrap == null
            ? "stopping the server: the embedded job drains its queue" : "running the consensus job over the topic"));
      }
      if (bootstrap == null) {
        return new Result(true, probes, ingestS, (System.nanoTime() - t1) / 1e9, count(db, "SELECT COUNT(*) FROM ntp_probe"),
            count(db, "SELECT COUNT(*) FROM mesh_consensus"));
      }
      t1 = System.nanoTime();
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
      MeshConsensusJob.build(
          env.fromSource(KafkaProbes.source(bootstrap, topic, "bench-" + System.nanoTime(), true),
              WatermarkStrategy.noWatermarks(), "ntp-probes"),
          MeshConsensusJob.Config.defaults(ThresholdSpec.fromDatabase(dbUrl, 30_000)),
          MeshDbSinks.probes(dbUrl), MeshDbSinks.consensus(dbUrl), new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
      env.execute("bench mesh");
      double jobS = (System.nanoTime() - t1) / 1e9;
      return new Result(false, probes, ingestS, jobS, count(db, "SELECT COUNT(*) FROM ntp_probe"),
          count(db, "SELECT COUNT(*) FROM mesh_consensus"));
    }
  }

  static String node(int n) {
    return String.format(Locale.ROOT, "bench-node-%03d", n);
  }

  static String payload(String node, Instant t, int servers, Random rnd) {
    StringBuilder sb = new StringBuilder(128 + servers * 120);
    sb.append("{\"as_of_utc\":\"").append(t).append("\",\"client_id\":\"").append(node)
        .append("\",\"method\":\"bench\",\"results\":[");
    for (int s = 0; s < servers; s++) {
      if (s > 0) {
        sb.append(',');
      }
      sb.append(String.format(Locale.ROOT,
          "{\"server\":\"srv%d.example\",\"samples\":5,\"offset_mean_ms\":%.4f,\"offset_std_ms\":%.4f,\"rtt_mean_ms\":%.3f}",
          s, 1.5 + rnd.nextGaussian(), 0.2 + 0.3 * rnd.nextDouble(), 10 + 30 * rnd.nextDouble()));
    }
    return sb.append("]}").toString();
  }

  static long count(Database db, String sql) throws Exception {
    try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
