package io.tickstream.jobs.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstream.api.ApiContext;
import io.tickstream.api.ApiServer;
import io.tickstream.api.mesh.MeshModule;
import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.Json;
import io.tickstream.connectors.db.testing.TestDatabases;
import io.tickstream.connectors.mesh.MeshRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/mesh_ingest} and {@code GET /api/mesh_status} over real HTTP with a real SQLite
 * database, in embedded mode: the accepted probes go through the server's bounded queue into the
 * {@link MeshConsensusJob} graph on a local Flink MiniCluster in this JVM ({@link EmbeddedMeshJob}),
 * which writes {@code mesh_node}, {@code ntp_probe} and {@code mesh_consensus}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeshIngestApiTest {
  /** The seed's curl body (seeds/000 §7), verbatim. */
  static final String SEED_BODY = "{\"as_of_utc\":\"2025-08-10T17:30:00Z\",\"client_id\":\"node-la-01\",\"method\":\"sntp_v3\",\n"
      + "       \"results\":[{\"server\":\"time.nist.gov\",\"samples\":5,\"offset_mean_ms\":-1.1,\"offset_std_ms\":0.2,\"rtt_mean_ms\":20.0}] }";
  /** Bounded wait for rows written by the embedded job (early consensus firing is 1 s here). */
  static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

  @TempDir static Path dir;
  private Database db;
  private ApiServer server;
  private String token;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() {
    String url = TestDatabases.freshSqliteUrl(dir);
    db = Database.open(url);
    db.migrate();
    token = new MeshRepository(db).issueToken("node-la-01");
    server = start(db, url, Map.of("mesh.ingest.rate_per_min", "100000"));
  }

  private static ApiServer start(Database db, String url, Map<String, String> settings) {
    Map<String, String> flags = new HashMap<>(Map.of(TickstreamConfig.DB_URL, url, "mesh.thresholds.refresh_s", "0",
        "mesh.consensus.early_firing_s", "1"));
    flags.putAll(settings);
    TickstreamConfig cfg = TickstreamConfig.resolve(flags, Map.of()).withAppConfig(db);
    return new ApiServer(new ApiContext(db, cfg, "test", "test"), List.of(new MeshModule())).start("127.0.0.1", 0);
  }

  @AfterAll
  void stop() {
    server.close();
    db.close();
  }

  HttpResponse<String> post(ApiServer s, String auth, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/mesh_ingest"))
        .header("content-type", "application/json").POST(body.length > 16_384
            // large bodies are streamed (chunked, no Content-Length): the server reads up to its limit and
            // answers 413, where an early 413 on the declared length races the upload (broken pipe)
            ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String body) throws Exception {
    return post(server, "Bearer " + token, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void seedCurlExampleIsStoredByTheEmbeddedJobReplayDoesNotDuplicateAndShutdownDrains(@TempDir Path own)
      throws Exception {
    String url = TestDatabases.freshSqliteUrl(own);
    try (Database d = Database.open(url)) {
      d.migrate();
      String t = new MeshRepository(d).issueToken("node-la-01");
      ApiServer s = start(d, url, Map.of("mesh.ingest.rate_per_min", "100000"));
      try {
        HttpResponse<String> r = post(s, "Bearer " + t, SEED_BODY.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = Json.MAPPER.readTree(r.body());
        assertTrue(j.get("success").asBoolean());
        assertEquals(1, j.get("accepted").asInt());
        assertEquals(0, j.get("rejected").asInt());
        assertEquals("embedded", j.get("destination").asText());

        // written by the running job (not at shutdown): probe row, node, and a provisional consensus
        awaitCount(d, "SELECT COUNT(*) FROM ntp_probe WHERE server = 'time.nist.gov' AND offset_mean_ms = -1.1"
            + " AND accepted", 1);
        awaitCount(d, "SELECT COUNT(*) FROM mesh_consensus WHERE t_utc = '2025-08-10T17:30:00.000000Z' AND method = 'huber'"
            + " AND consensus_offset_ms = -1.1 AND n_nodes = 1 AND n_servers = 1 AND flags = 3", 1);
        assertEquals(1, count(d, "SELECT COUNT(*) FROM mesh_node WHERE client_id = 'node-la-01' AND last_seen IS NOT NULL"));

        // mesh status shows the consensus, its flags, and says it is advisory
        HttpResponse<String> st = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + s.port() + "/api/mesh_status")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, st.statusCode());
        JsonNode m = Json.MAPPER.readTree(st.body());
        assertTrue(m.get("advisory").asBoolean());
        assertTrue(m.get("note").asText().contains("never feeds"));
        assertNotNull(m.get("consensus"));
        assertFalse(m.at("/consensus/quorum_ok").asBoolean());
        assertEquals("FEW_NODES", m.at("/consensus/flag_names/0").asText());
        assertTrue(m.at("/mesh_phase_gap/advisory").asBoolean());
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
            + "/api/mesh_status?method=mean")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("method must be one of"), bad.body());

        // replay, then a burst of 60 further payloads, then stop at once: all drained, nothing duplicated
        assertEquals(200, post(s, "Bearer " + t, SEED_BODY.getBytes(StandardCharsets.UTF_8)).statusCode());
        for (int i = 1; i <= 60; i++) {
          String body = SEED_BODY.replace("17:30:00Z", String.format("17:%02d:%02dZ", 30 + i / 60, i % 60))
              .replace("-1.1", String.valueOf(-1.0 - i / 100.0));
          HttpResponse<String> b = post(s, "Bearer " + t, body.getBytes(StandardCharsets.UTF_8));
          assertEquals(200, b.statusCode(), b.body());
        }
      } finally {
        s.close(); // stops HTTP, closes the queue, waits until the job has written everything and finished
      }
      assertEquals(61, count(d, "SELECT COUNT(*) FROM ntp_probe WHERE server = 'time.nist.gov'"));
      assertEquals(1, count(d, "SELECT COUNT(*) FROM ntp_probe WHERE t_utc = '2025-08-10T17:30:00.000000Z'"));
      assertEquals(1, count(d, "SELECT COUNT(*) FROM mesh_node"));
      // one row per (grid time, method): probes at 17:30:00..17:31:00 lie in the windows centred 17:10..18:00
      assertEquals(18, count(d, "SELECT COUNT(*) FROM mesh_consensus"));
      // final (on-time) median of the 61 distinct probes is -1.30; counting the replayed -1.1 twice would give -1.295
      assertEquals(1, count(d, "SELECT COUNT(*) FROM mesh_consensus WHERE t_utc = '2025-08-10T17:30:00.000000Z'"
          + " AND method = 'median' AND ABS(consensus_offset_ms + 1.3) < 1e-9"), "the replayed probe counts once");
      assertEquals(0, count(d, "SELECT COUNT(*) FROM phase_gap_history"), "mesh never feeds the ETA path");
      assertEquals(0, count(d, "SELECT COUNT(*) FROM eta_estimate"));
    }
  }

  @Test
  void fullQueueAnswers503WithRetryAfterAndCounts(@TempDir Path own) throws Exception {
    String url = TestDatabases.freshSqliteUrl(own);
    try (Database d = Database.open(url)) {
      d.migrate();
      String t = new MeshRepository(d).issueToken("node-la-01");
      MeshModule mesh = new MeshModule();
      TickstreamConfig cfg = TickstreamConfig.resolve(Map.of(TickstreamConfig.DB_URL, url,
          "mesh.ingest.queue_capacity", "1", "mesh.ingest.retry_after_s", "7"), Map.of()).withAppConfig(d);
      try (ApiServer s = new ApiServer(new ApiContext(d, cfg, "test", "test"), List.of(mesh)).start("127.0.0.1", 0)) {
        String two = SEED_BODY.replace("}] }", "},{\"server\":\"b.example\",\"samples\":1,\"offset_mean_ms\":1.0}] }");
        HttpResponse<String> busy = post(s, "Bearer " + t, two.getBytes(StandardCharsets.UTF_8));
        assertEquals(503, busy.statusCode(), busy.body());
        assertEquals("7", busy.headers().firstValue("Retry-After").orElse(null));
        assertTrue(busy.body().contains("queue full"), busy.body());
        assertEquals(1, mesh.refusedUnderBackPressure());
        assertEquals(200, post(s, "Bearer " + t, SEED_BODY.getBytes(StandardCharsets.UTF_8)).statusCode());
      }
      assertEquals(1, count(d, "SELECT COUNT(*) FROM ntp_probe"), "the refused payload was not stored, the next one was");
    }
  }

  @Test
  void embeddedBenchmarkRunsEndToEnd() throws Exception {
    int nodes = Integer.getInteger("mesh.bench.nodes", 3);
    int rounds = Integer.getInteger("mesh.bench.rounds", 4);
    MeshPipelineBenchmark.Result r = MeshPipelineBenchmark.run(null, TestDatabases.freshPostgresUrl(), nodes, 7, rounds,
        Integer.getInteger("mesh.bench.clients", 2), System.out::println);
    System.out.println(r.describe());
    assertTrue(r.embedded());
    assertEquals((long) nodes * 7 * rounds, r.probes());
    assertEquals(r.probes(), r.probeRows(), "every benchmark probe stored once: " + r.describe());
    assertTrue(r.consensusRows() > 0);
  }

  @Test
  void rejectedResultsAreReportedWithTheirReason() throws Exception {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    HttpResponse<String> r = post("{\"as_of_utc\":\"" + now + "\",\"client_id\":\"node-la-01\",\"method\":\"sntp_v4\","
        + "\"results\":[{\"server\":\"a.example\",\"samples\":3,\"offset_mean_ms\":250.0,\"rtt_mean_ms\":20},"
        + "{\"server\":\"b.example\",\"samples\":3,\"offset_mean_ms\":2.0,\"rtt_mean_ms\":900},"
        + "{\"server\":\"c.example\",\"samples\":3,\"offset_mean_ms\":2.0}]}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode j = Json.MAPPER.readTree(r.body());
    assertEquals(1, j.get("accepted").asInt());
    assertEquals(2, j.get("rejected").asInt());
    assertTrue(j.at("/results/0/reject_reason").asText().contains("offset_mean_ms"));
    assertTrue(j.at("/results/1/reject_reason").asText().contains("rtt_mean_ms"));
    assertTrue(j.at("/results/2/accepted").asBoolean());
  }

  @Test
  void missingWrongOrForeignTokenIsRefused() throws Exception {
    byte[] body = SEED_BODY.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> none = post(server, null, body);
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").isPresent());
    assertTrue(Json.MAPPER.readTree(none.body()).get("error").asText().contains("bearer"));
    assertEquals(401, post(server, "Bearer " + token + "x", body).statusCode());
    assertEquals(401, post(server, "Basic " + token, body).statusCode());
    assertEquals(401, post(server, "Bearer ", body).statusCode());
    String other = new MeshRepository(db).issueToken("node-ny-02");
    HttpResponse<String> foreign = post(server, "Bearer " + other, body);
    assertEquals(403, foreign.statusCode(), foreign.body());
    assertEquals("client_id", Json.MAPPER.readTree(foreign.body()).get("field").asText());
  }

  @Test
  void oversizedBodyIs413AndRateLimitIs429() throws Exception {
    byte[] big = new byte[70_000];
    java.util.Arrays.fill(big, (byte) ' ');
    assertEquals(413, post(server, "Bearer " + token, big).statusCode());
    try (ApiServer slow = start(db, dbUrl(), Map.of("mesh.ingest.rate_per_min", "1"))) {
      String t = new MeshRepository(db).issueToken("node-rate-03");
      byte[] body = SEED_BODY.replace("node-la-01", "node-rate-03").getBytes(StandardCharsets.UTF_8);
      int ok = 0;
      int limited = 0;
      for (int i = 0; i < 25; i++) {
        int code = post(slow, "Bearer " + t, body).statusCode();
        ok += code == 200 ? 1 : 0;
        limited += code == 429 ? 1 : 0;
      }
      assertEquals(20, ok, "burst of 20 allowed");
      assertEquals(5, limited);
    }
  }

  private String dbUrl() {
    return "sqlite://" + db.url().jdbcUrl().substring("jdbc:sqlite:".length());
  }

  @Test
  void fuzzedMalformedBodiesAreAll400WithAReason() throws Exception {
    Random rnd = new Random(20251122);
    Map<Integer, Integer> codes = new HashMap<>();
    int n = 1200;
    for (int i = 0; i < n; i++) {
      String body = MalformedBodies.make(rnd, i);
      HttpResponse<String> r = post(server, "Bearer " + token, body.getBytes(StandardCharsets.UTF_8));
      codes.merge(r.statusCode(), 1, Integer::sum);
      assertEquals(400, r.statusCode(), "case " + i + ": " + body + " -> " + r.body());
      JsonNode j = Json.MAPPER.readTree(r.body());
      assertFalse(j.get("success").asBoolean());
      assertTrue(j.get("error").asText().length() > 5, r.body());
      assertTrue(j.hasNonNull("field"), "field named for case " + i + ": " + r.body());
    }
    assertEquals(Map.of(400, n), codes);
    assertEquals(0, count("SELECT COUNT(*) FROM ntp_probe WHERE server LIKE 'fuzz%'"), "nothing stored from bad bodies");
  }

  long count(String sql) throws Exception {
    return count(db, sql);
  }

  static long count(Database d, String sql) throws Exception {
    try (Connection c = d.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Polls until {@code sql} counts {@code expected} rows, failing after {@link #JOB_TIMEOUT}. */
  static void awaitCount(Database d, String sql, long expected) throws Exception {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    long n;
    while ((n = count(d, sql)) != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("after " + JOB_TIMEOUT + ": " + n + " rows, expected " + expected + ": " + sql);
      }
      Thread.sleep(200);
    }
  }

  /** Generates invalid ingest bodies by mutating a valid one. */
  static final class MalformedBodies {
    static String valid(Random rnd) {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("as_of_utc", Instant.now().minusSeconds(rnd.nextInt(3600)).truncatedTo(ChronoUnit.SECONDS).toString());
      o.put("client_id", "node-la-01");
      o.put("method", "sntp_v3");
      ArrayNode results = o.putArray("results");
      int k = 1 + rnd.nextInt(3);
      for (int i = 0; i < k; i++) {
        ObjectNode r = results.addObject();
        r.put("server", "fuzz" + i + ".example");
        r.put("samples", 1 + rnd.nextInt(8));
        r.put("offset_mean_ms", rnd.nextGaussian());
        r.put("offset_std_ms", rnd.nextDouble());
        r.put("rtt_mean_ms", 5 + 50 * rnd.nextDouble());
      }
      return o.toString();
    }

    static final String[] TOP = {"as_of_utc", "client_id", "method", "results"};
    static final String[] REQ = {"server", "samples", "offset_mean_ms"};
    static final String[] NUM = {"samples", "offset_mean_ms", "offset_std_ms", "rtt_mean_ms"};

    static String make(Random rnd, int i) throws Exception {
      ObjectNode o = (ObjectNode) Json.MAPPER.readTree(valid(rnd));
      ArrayNode results = (ArrayNode) o.get("results");
      ObjectNode r = (ObjectNode) results.get(rnd.nextInt(results.size()));
      switch (i % 24) {
        case 0 -> o.remove(TOP[rnd.nextInt(TOP.length)]);
        case 1 -> r.remove(REQ[rnd.nextInt(REQ.length)]);
        case 2 -> o.put(TOP[rnd.nextInt(3)], rnd.nextInt(1000));
        case 3 -> o.putArray(TOP[rnd.nextInt(3)]);
        case 4 -> r.put(NUM[rnd.nextInt(NUM.length)], "NaN");
        case 5 -> {
          return o.toString().replaceFirst("\"offset_mean_ms\":[-0-9.eE]+", "\"offset_mean_ms\":" + pick(rnd, "NaN", "Infinity", "-Infinity", "nan"));
        }
        case 6 -> r.put(NUM[rnd.nextInt(NUM.length)], pick(rnd, "1e400", "-1e400").equals("1e400")
            ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        case 7 -> r.put("samples", pick(rnd, 0, -1, 1_000_000, Integer.MIN_VALUE));
        case 8 -> r.put("samples", 2.5);
        case 9 -> r.put("offset_mean_ms", (rnd.nextBoolean() ? 1 : -1) * (1e7 + 1 + rnd.nextDouble() * 1e12));
        case 10 -> r.put(pick(rnd, "rtt_mean_ms", "offset_std_ms"), -0.001 - rnd.nextDouble() * 100);
        case 11 -> r.put("rtt_mean_ms", 6e5 + 1 + rnd.nextDouble() * 1e9);
        case 12 -> o.put("as_of_utc", Instant.now().plusSeconds(3600 + rnd.nextInt(1_000_000_000)).toString());
        case 13 -> o.put("as_of_utc", pick(rnd, "yesterday", "2025-13-01T00:00:00Z", "2025-08-10 17:30:00",
            "1754847000", "", "2025-08-10T25:00:00Z", "1969-07-20T20:17:00Z"));
        case 14 -> o.putArray("results");
        case 15 -> o.putObject("results");
        case 16 -> results.add(pick(rnd, "x", "42"));
        case 17 -> results.add(results.get(0).deepCopy());
        case 18 -> r.put("server", pick(rnd, "", " ", "bad host", "a".repeat(300), "semi;colon", "\u0000x"));
        case 19 -> o.put("client_id", pick(rnd, "", "has space", "x".repeat(200), "élan", "../etc"));
        case 20 -> {
          String s = o.toString();
          return s.substring(0, 1 + rnd.nextInt(s.length() - 1));
        }
        case 21 -> {
          return pick(rnd, "", "[]", "42", "null", "\"x\"", "true", "[" .repeat(5000), "{\"a\":" .repeat(3000),
              "\u00ff\u00fe garbage", "{'as_of_utc': 1}");
        }
        case 22 -> {
          for (int k = 0; k < 300; k++) {
            ObjectNode extra = results.addObject();
            extra.put("server", "fuzz-extra" + k + ".example");
            extra.put("samples", 1);
            extra.put("offset_mean_ms", 0.0);
          }
        }
        default -> o.put("method", pick(rnd, "", "a b", "m".repeat(100)));
      }
      return o.toString();
    }

    @SafeVarargs
    static <T> T pick(Random rnd, T... options) {
      return options[rnd.nextInt(options.length)];
    }
  }
}
