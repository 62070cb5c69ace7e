package io.tickstream.jobs.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstream.api.ApiContext;
import io.tickstream.api.ApiServer;
import io.tickstream.api.mesh.MeshModule;
import io.tickstream.cli.mesh.MeshCommand;
import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.Json;
import io.tickstream.connectors.db.testing.TestDatabases;
import io.tickstream.connectors.kafka.testing.TestKafka;
import io.tickstream.connectors.mesh.KafkaProbeRouter;
import io.tickstream.connectors.mesh.MeshRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cluster path on real components: HTTP ingest → in-JVM KRaft Kafka ({@code ntp-probes}, Avro
 * NtpProbe) → mesh Flink job on a MiniCluster → embedded PostgreSQL.
 */
class MeshKafkaPipelineTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final String SEED_BODY = "{\"as_of_utc\":\"2025-08-10T17:30:00Z\",\"client_id\":\"node-la-01\",\"method\":\"sntp_v3\",\n"
      + "       \"results\":[{\"server\":\"time.nist.gov\",\"samples\":5,\"offset_mean_ms\":-1.1,\"offset_std_ms\":0.2,\"rtt_mean_ms\":20.0}] }";

  static TestKafka kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = TestKafka.start();
    kafka.createTopic(KafkaProbeRouter.TOPIC, 1, Map.of());
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
  }

  @Test
  void seedPayloadThroughKafkaAndTheJobLandsInPostgresAndReplayDoesNotDuplicate() throws Exception {
    String pgUrl = TestDatabases.freshPostgresUrl();
    try (Database db = Database.open(pgUrl)) {
      db.migrate();
      String token = new MeshRepository(db).issueToken("node-la-01");
      TickstreamConfig cfg = TickstreamConfig.resolve(Map.of(TickstreamConfig.DB_URL, pgUrl,
          TickstreamConfig.KAFKA_BOOTSTRAP, kafka.bootstrap()), Map.of()).withAppConfig(db);
      try (ApiServer api = new ApiServer(new ApiContext(db, cfg, "t", "t"), List.of(new MeshModule())).start("127.0.0.1", 0)) {
        HttpResponse<String> r = post(api, token);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = Json.MAPPER.readTree(r.body());
        assertEquals("kafka:ntp-probes", j.get("destination").asText());
        assertEquals(1, j.get("accepted").asInt());
        assertEquals(0, MeshPipelineBenchmark.count(db, "SELECT COUNT(*) FROM ntp_probe"), "stored by the job, not the API");

        MeshCommand.run(kafka.bootstrap(), KafkaProbeRouter.TOPIC, "test-1", pgUrl, true);
        assertEquals(1, MeshPipelineBenchmark.count(db, "SELECT COUNT(*) FROM ntp_probe WHERE server = 'time.nist.gov' "
            + "AND offset_mean_ms = -1.1 AND accepted AND raw->>'method' = 'sntp_v3'"));
        assertEquals(1, MeshPipelineBenchmark.count(db, "SELECT COUNT(*) FROM mesh_consensus WHERE method = 'huber' "
            + "AND t_utc = '2025-08-10T17:30:00Z' AND consensus_offset_ms = -1.1 AND flags = 3"));
        long consensusRows = MeshPipelineBenchmark.count(db, "SELECT COUNT(*) FROM mesh_consensus");
        assertEquals(18, consensusRows, "6 windows x 3 methods, as on the embedded path");

        // replay: the same payload again, and the whole topic re-read by a new job run
        assertEquals(200, post(api, token).statusCode());
        MeshCommand.run(kafka.bootstrap(), KafkaProbeRouter.TOPIC, "test-2", pgUrl, true);
        assertEquals(1, MeshPipelineBenchmark.count(db, "SELECT COUNT(*) FROM ntp_probe"));
        assertEquals(consensusRows, MeshPipelineBenchmark.count(db, "SELECT COUNT(*) FROM mesh_consensus"));
        assertEquals(1, MeshPipelineBenchmark.count(db, "SELECT COUNT(*) FROM mesh_node WHERE last_seen IS NOT NULL"));
      }
    }
  }

  @Test
  void benchmarkRunsEndToEnd() throws Exception {
    String pgUrl = TestDatabases.freshPostgresUrl();
    int nodes = Integer.getInteger("mesh.bench.nodes", 3);
    int rounds = Integer.getInteger("mesh.bench.rounds", 4);
    MeshPipelineBenchmark.Result r = MeshPipelineBenchmark.run(kafka.bootstrap(), pgUrl, nodes, 7, rounds,
        Integer.getInteger("mesh.bench.clients", 2), System.out::println);
    System.out.println(r.describe());
    assertEquals((long) nodes * 7 * rounds, r.probes());
    assertTrue(r.probeRows() >= r.probes(), "every benchmark probe stored: " + r.describe());
    assertTrue(r.consensusRows() > 0);
  }

  static HttpResponse<String> post(ApiServer api, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + api.port() + "/api/mesh_ingest")).header("Authorization", "Bearer " + token)
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SEED_BODY)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
