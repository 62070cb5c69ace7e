package io.tickstream.api.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstream.api.ApiContext;
import io.tickstream.api.ApiServer;
import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /api/eta, /api/phase_gap and /api/forecast over real HTTP against a real database; subclasses
 * pick SQLite or PostgreSQL. Each test gets a fresh database.
 */
abstract class EtaApiContract {
  private Database db;
  private ApiServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  abstract String freshUrl();

  @BeforeEach
  void start() {
    String url = freshUrl();
    db = Database.open(url);
    db.migrate();
    TickstreamConfig cfg = TickstreamConfig.resolve(Map.of(TickstreamConfig.DB_URL, url), Map.of()).withAppConfig(db);
    server = new ApiServer(new ApiContext(db, cfg, "test", "abc"), List.of(new GapApiModule())).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
    db.close();
  }

  JsonNode get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), r.body());
    JsonNode j = Json.MAPPER.readTree(r.body());
    ((com.fasterxml.jackson.databind.node.ObjectNode) j).put("_http_status", r.statusCode());
    return j;
  }

  void sql(String s) throws Exception {
    try (Connection c = db.connection(); Statement st = c.createStatement()) {
      st.execute(s);
    }
  }

  long count(String s) throws Exception {
    try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(s)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The seed's step-7 rows, at now − 2 days and now − 1 day, in this dialect's timestamp form. */
  abstract void insertSeedStep7Rows() throws Exception;

  @Test
  void emptyHistorySaysSo() throws Exception {
    JsonNode j = get("/api/eta");
    assertFalse(j.get("success").asBoolean());
    assertEquals("no phase gap history", j.get("error").asText());
  }

  @Test
  void seedStep7SampleDataGivesInstantaneousEtaPersistedOnce() throws Exception {
    insertSeedStep7Rows();
    Instant before = Instant.now();
    JsonNode first = get("/api/eta");
    assertEquals(200, first.get("_http_status").asInt());
    assertTrue(first.get("success").asBoolean(), first.toString());
    JsonNode eta = first.get("eta");
    assertEquals("instantaneous_phase", eta.get("method").asText());
    assertEquals(0.18 / 0.0021, eta.get("eta_days").asDouble(), 1e-9);
    assertEquals(85.71428571428571, eta.get("eta_days").asDouble(), 1e-9);
    String asOf = eta.get("as_of_utc").asText();
    assertTrue(asOf.endsWith("Z"), asOf);
    Instant asOfInstant = Instant.parse(asOf);
    assertTrue(asOfInstant.isAfter(before.minusSeconds(2 * 86400)) && asOfInstant.isBefore(before), asOf);
    LocalDate expectDate = before.plusNanos((long) (85.714285714 * 86_400e9)).atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate gotDate = LocalDate.parse(eta.get("eta_date").asText());
    assertTrue(Math.abs(gotDate.toEpochDay() - expectDate.toEpochDay()) <= 1, gotDate + " vs " + expectDate);

    for (int i = 0; i < 4; i++) {
      JsonNode again = get("/api/eta");
      assertTrue(again.get("success").asBoolean());
      assertEquals("instantaneous_phase", again.at("/eta/method").asText());
      assertEquals(0.18 / 0.0021, again.at("/eta/eta_days").asDouble(), 1e-9);
      assertEquals(asOf, again.at("/eta/as_of_utc").asText());
    }
    assertEquals(1, count("SELECT count(*) FROM eta_estimate"));
    assertEquals(1, count("SELECT count(*) FROM eta_estimate WHERE method = 'instantaneous_phase'"
        + " AND n_points = 1 AND notes = 'fallback'"));

    // a newer phase-gap row is picked up (the persisted fallback is not a robust cache)
    insertGap("2030-01-01T00:00:00Z", 0.10, -0.0025);
    JsonNode newer = get("/api/eta");
    assertEquals("2030-01-01T00:00:00Z", newer.at("/eta/as_of_utc").asText());
    assertEquals(0.10 / 0.0025, newer.at("/eta/eta_days").asDouble(), 1e-9);
    get("/api/eta");
    assertEquals(2, count("SELECT count(*) FROM eta_estimate"));
    sql("DELETE FROM phase_gap_history WHERE phase_gap_rad = 0.10");
    sql("DELETE FROM eta_estimate WHERE eta_days > 39 AND eta_days < 41");

    // the fallback itself is idempotent too (ON CONFLICT DO NOTHING), even bypassing the cache
    EtaRoutes direct = new EtaRoutes(new io.tickstream.connectors.gap.EtaStore(db), java.time.Clock.systemUTC());
    sql("DELETE FROM eta_estimate");
    direct.getEta();
    var store = new io.tickstream.connectors.gap.EtaStore(db);
    assertFalse(store.insertInstantaneous(asOfInstant, 1.0, LocalDate.now()), "second insert does nothing");
    assertEquals(1, count("SELECT count(*) FROM eta_estimate"));
  }

  @Test
  void nonClosingSlopeIsAnError() throws Exception {
    insertGap("2026-07-01T00:00:00Z", 0.1, 0.001);
    JsonNode j = get("/api/eta");
    assertFalse(j.get("success").asBoolean());
    assertEquals("non-closing slope", j.get("error").asText());
    assertEquals(0, count("SELECT count(*) FROM eta_estimate"));
  }

  @Test
  void cachedRobustEstimateWins() throws Exception {
    insertGap("2026-07-01T00:00:00Z", 0.1, -0.001);
    sql("INSERT INTO eta_estimate(as_of_utc, eta_days, eta_date, method, band_iqr_days, kendall_tau, kendall_pvalue,"
        + " n_points, notes) VALUES (" + ts("2026-06-30T00:00:00Z") + ", 42.5, " + date("2026-08-11")
        + ", 'robust_theilsen', 3.5, -0.8, 0.001, 30, 'x')");
    JsonNode j = get("/api/eta");
    assertTrue(j.get("success").asBoolean());
    assertEquals("robust_theilsen", j.at("/eta/method").asText());
    assertEquals(42.5, j.at("/eta/eta_days").asDouble());
    assertEquals("2026-06-30T00:00:00Z", j.at("/eta/as_of_utc").asText());
    assertEquals("2026-08-11", j.at("/eta/eta_date").asText());
    assertEquals(3.5, j.at("/eta/band_iqr_days").asDouble());
    assertEquals(30, j.at("/eta/n_points").asInt());
    assertEquals(1, count("SELECT count(*) FROM eta_estimate"), "no fallback row written");
  }

  @Test
  void phaseGapRangeAndForecastMirror() throws Exception {
    insertGap("2026-07-01T00:00:00Z", 0.3, -0.002);
    insertGap("2026-07-02T00:00:00Z", 0.29, -0.002);
    insertGap("2026-07-03T00:00:00Z", 0.28, null);
    JsonNode all = get("/api/phase_gap");
    assertEquals(3, all.get("count").asInt());
    JsonNode r = get("/api/phase_gap?from=2026-07-02T00:00:00Z&to=2026-07-03T00:00:00Z");
    assertEquals(2, r.get("count").asInt());
    assertEquals("2026-07-02T00:00:00Z", r.at("/rows/0/as_of_utc").asText());
    assertTrue(r.at("/rows/1/slope_rad_per_day").isNull());
    assertEquals("s", r.at("/rows/0/provenance/streams/0").asText());
    JsonNode bad = get("/api/phase_gap?from=yesterday");
    assertEquals(400, bad.get("_http_status").asInt());
    assertTrue(bad.get("error").asText().contains("'from'"), bad.toString());

    assertEquals("no forecast history", get("/api/forecast").get("error").asText());
    sql("INSERT INTO forecast_history(as_of_utc, current_value, trend_rate, forecast_value, horizon_sec, model_meta)"
        + " VALUES (" + ts("2026-07-01T00:00:00Z") + ", 0.5, -1e-6, 0.4, 86400, " + json("{\"units\":\"rad_per_sec\",\"model\":\"x\"}") + ")");
    sql("INSERT INTO forecast_history(as_of_utc, current_value, trend_rate, forecast_value, horizon_sec, model_meta)"
        + " VALUES (" + ts("2026-07-02T00:00:00Z") + ", 0.45, -2e-6, 0.3, 3600, " + json("{\"units\":\"rad_per_sec\"}") + ")");
    JsonNode f = get("/api/forecast");
    assertTrue(f.get("success").asBoolean());
    assertEquals("2026-07-02T00:00:00Z", f.at("/forecast/as_of_utc").asText());
    assertEquals(0.45, f.at("/forecast/current_value").asDouble());
    assertEquals(-2e-6, f.at("/forecast/trend_rate").asDouble());
    assertEquals(3600, f.at("/forecast/horizon_sec").asInt());
    assertEquals("rad_per_sec", f.at("/forecast/units").asText());
    assertEquals(2, get("/api/forecast?from=2026-06-01T00:00:00Z").get("count").asInt());
  }

  void insertGap(String iso, double gap, Double slope) throws Exception {
    sql("INSERT INTO phase_gap_history(as_of_utc, phase_gap_rad, slope_rad_per_day, method_version, provenance)"
        + " VALUES (" + ts(iso) + ", " + gap + ", " + (slope == null ? "NULL" : slope) + ", 'pgm-test', "
        + json("{\"streams\":[\"s\"]}") + ")");
  }

  abstract String ts(String iso);

  abstract String date(String iso);

  abstract String json(String text);
}
