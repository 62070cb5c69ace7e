package io.tickstream.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.Json;
import io.tickstream.connectors.db.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The API over real HTTP on loopback, with a real SQLite database and a ServiceLoader-discovered module. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiServerTest {
  @TempDir static Path dir;
  private Database db;
  private ApiServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() {
    String url = TestDatabases.freshSqliteUrl(dir);
    db = Database.open(url);
    db.migrate();
    TickstreamConfig cfg = TickstreamConfig.resolve(Map.of(TickstreamConfig.DB_URL, url), Map.of()).withAppConfig(db);
    server = new ApiServer(new ApiContext(db, cfg, "0.1.0-test", "abc123"), ApiServer.discoverModules())
        .start("127.0.0.1", 0);
  }

  @AfterAll
  void stop() {
    server.close();
    db.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthReportsDatabaseKindMaskedUrlAndSchemaVersion() throws Exception {
    HttpResponse<String> r = get("/api/health");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    JsonNode j = Json.MAPPER.readTree(r.body());
    assertTrue(j.get("success").asBoolean());
    assertEquals("sqlite", j.at("/database/kind").asText());
    assertEquals(db.url().masked(), j.at("/database/url").asText());
    assertEquals(db.schemaVersion(), j.at("/database/schema_version").asText());
    assertEquals(0, j.at("/database/pending_migrations").asInt());
    assertEquals("abc123", j.get("git_commit").asText());
    List<String> modules = new ArrayList<>();
    j.get("modules").forEach(m -> modules.add(m.asText()));
    assertTrue(modules.contains("EchoTestModule"), modules.toString());
  }

  @Test
  void discoveredModuleServesItsRoutes() throws Exception {
    HttpResponse<String> r = post("/api/test/echo", "{\"x\": 42}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(42, Json.MAPPER.readTree(r.body()).get("x").asInt());
  }

  @Test
  void errorsAreJsonWithStatusAndMessage() throws Exception {
    assertError(post("/api/test/echo", "{\"y\": 1}"), 400, "field 'x' missing");
    assertError(post("/api/test/echo", "{not json"), 400, "");
    assertError(get("/api/test/arg?n=-1"), 400, "parameter n must be positive, got -1");
    assertError(get("/api/test/boom"), 500, "kaboom");
    assertError(get("/api/nope"), 404, "/api/nope");
  }

  private static void assertError(HttpResponse<String> r, int status, String fragment) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    JsonNode j = Json.MAPPER.readTree(r.body());
    assertFalse(j.get("success").asBoolean());
    assertEquals(status, j.get("status").asInt());
    assertTrue(j.get("error").asText().contains(fragment), j.get("error").asText());
  }
}
