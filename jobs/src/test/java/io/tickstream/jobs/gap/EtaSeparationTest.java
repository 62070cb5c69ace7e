package io.tickstream.jobs.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstream.api.ApiContext;
import io.tickstream.api.ApiServer;
import io.tickstream.api.gap.GapApiModule;
import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.Json;
import io.tickstream.connectors.db.testing.TestDatabases;
import io.tickstream.connectors.gap.EtaStore;
import io.tickstream.core.gap.EtaEstimator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separation (DESIGN.md principle 4, seeds/000 §9 "no ETA path touches GTI"): every code path that
 * computes or serves an ETA reads only {@code phase_gap_history} and {@code eta_estimate} (and the
 * view {@code v_eta_current} over it). Checked three ways, each of which fails on a violation:
 * <ol>
 *   <li>SQLite: every other table and view is dropped, then the robust estimator, the cached and the
 *       fallback {@code /api/eta} paths run over real HTTP;
 *   <li>PostgreSQL: the ETA code runs as a role that was granted only those three objects;
 *   <li>source scan: the SQL of the ETA classes names no other table, and no other main class
 *       writes or serves {@code eta_estimate}.
 * </ol>
 */
class EtaSeparationTest {
  static final Set<String> ALLOWED = Set.of("phase_gap_history", "eta_estimate", "v_eta_current");
  /** The classes that compute or serve an ETA. */
  static final List<String> ETA_PATH = List.of(
      "connectors/src/main/java/io/tickstream/connectors/gap/EtaStore.java",
      "api/src/main/java/io/tickstream/api/gap/EtaRoutes.java",
      "jobs/src/main/java/io/tickstream/jobs/gap/EtaEstimation.java",
      "core/src/main/java/io/tickstream/core/gap/EtaEstimator.java");

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  static void insertClosingHistory(Database db) throws Exception {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO phase_gap_history(as_of_utc, phase_gap_rad, slope_rad_per_day, method_version, provenance)"
            + " VALUES (?, ?, ?, 'pgm-sep', ?)")) {
      Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
      for (int d = 0; d < 40; d++) {
        db.dialect().setInstant(ps, 1, t0.plusSeconds(86400L * d));
        ps.setDouble(2, 0.30 - 0.002 * d + 0.001 * Math.sin(d * 1.7));
        ps.setDouble(3, -0.002);
        db.dialect().setJson(ps, 4, "{\"stream\":\"s\"}");
        ps.executeUpdate();
      }
    }
  }

  /** Runs every ETA path: robust estimator, /api/eta cached, /api/eta fallback (after clearing the cache). */
  void exerciseEtaPaths(Database db) throws Exception {
    EtaEstimation.Outcome o = new EtaEstimation(new EtaStore(db)).run(365, EtaEstimator.Params.defaults(), "eta-sep");
    assertTrue(o.estimate().hasEta(), o.estimate().reason());
    TickstreamConfig cfg = TickstreamConfig.resolve(Map.of(TickstreamConfig.DB_URL, db.url().jdbcUrl()), Map.of());
    try (ApiServer server = new ApiServer(new ApiContext(db, cfg, "t", "t"), List.of(new GapApiModule()))
        .start("127.0.0.1", 0)) {
      JsonNode cached = get(server, "/api/eta");
      assertTrue(cached.get("success").asBoolean(), cached.toString());
      assertEquals("robust_theilsen", cached.at("/eta/method").asText());
      try (Connection c = db.connection(); Statement st = c.createStatement()) {
        st.execute("DELETE FROM eta_estimate");
      }
      JsonNode fallback = get(server, "/api/eta");
      assertTrue(fallback.get("success").asBoolean(), fallback.toString());
      assertEquals("instantaneous_phase", fallback.at("/eta/method").asText());
      assertEquals(0.30 - 0.002 * 39 + 0.001 * Math.sin(39 * 1.7), 0.002 * fallback.at("/eta/eta_days").asDouble(), 1e-12);
    }
  }

  JsonNode get(ApiServer server, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .build(), HttpResponse.BodyHandlers.ofString());
    return Json.MAPPER.readTree(r.body());
  }

  @Test
  void sqliteWithEveryOtherTableDropped() throws Exception {
    try (Database db = Database.open(TestDatabases.freshSqliteUrl(dir))) {
      db.migrate();
      insertClosingHistory(db);
      List<String> dropped = new ArrayList<>();
      try (Connection c = db.connection(); Statement st = c.createStatement()) {
        st.execute("PRAGMA foreign_keys = OFF");
        for (String v : db.views()) {
          if (!ALLOWED.contains(v)) {
            st.execute("DROP VIEW \"" + v + "\"");
            dropped.add(v);
          }
        }
        for (String t : db.tables()) {
          if (!ALLOWED.contains(t)) {
            st.execute("DROP TABLE \"" + t + "\"");
            dropped.add(t);
          }
        }
        st.execute("PRAGMA foreign_keys = ON");
      }
      assertTrue(dropped.containsAll(List.of("mesh_consensus", "ntp_probe", "mesh_node", "forecast_history",
          "observation", "timeseries_stream", "app_config", "phase_gap_fit")), dropped.toString());
      assertEquals(new TreeSet<>(List.of("eta_estimate", "phase_gap_history")), new TreeSet<>(db.tables()));
      exerciseEtaPaths(db);
    }
  }

  @Test
  void postgresRoleGrantedOnlyTheEtaTables() throws Exception {
    String adminUrl = TestDatabases.freshPostgresUrl();
    try (Database admin = Database.open(adminUrl)) {
      admin.migrate();
      insertClosingHistory(admin);
      try (Connection c = admin.connection(); Statement st = c.createStatement()) {
        st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'eta_only') THEN"
            + " CREATE ROLE eta_only LOGIN; END IF; END $$");
        st.execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC");
        st.execute("GRANT USAGE ON SCHEMA public TO eta_only");
        st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON phase_gap_history, eta_estimate TO eta_only");
        st.execute("GRANT SELECT ON v_eta_current TO eta_only");
        st.execute("GRANT USAGE ON SEQUENCE eta_estimate_id_seq TO eta_only");
      }
      String restricted = adminUrl.replace("user=postgres", "user=eta_only");
      try (Database db = Database.open(restricted)) {
        // the restriction is real: another table is refused
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
          st.executeQuery("SELECT count(*) FROM mesh_consensus");
          throw new AssertionError("eta_only can read mesh_consensus; the check would prove nothing");
        } catch (java.sql.SQLException expected) {
          assertTrue(expected.getMessage().contains("permission denied"), expected.getMessage());
        }
        exerciseEtaPaths(db);
      }
    }
  }

  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("core/src/main/java"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("project root not found from " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static final Pattern TABLE_REF = Pattern.compile(
      "(?i)\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+\"?([a-z_][a-z0-9_]*)");

  static final Pattern SQL_STATEMENT = Pattern.compile("(?i)\\b(SELECT|INSERT|UPDATE|DELETE)\\b");

  @Test
  void etaPathSqlNamesOnlyTheEtaTables() throws IOException {
    Path root = root();
    for (String rel : ETA_PATH) {
      String src = Files.readString(root.resolve(rel));
      Set<String> tables = new TreeSet<>();
      for (String literal : stringLiterals(src)) {
        if (!SQL_STATEMENT.matcher(literal).find()) {
          continue; // prose such as "moves away from zero"
        }
        Matcher m = TABLE_REF.matcher(literal);
        while (m.find()) {
          tables.add(m.group(1).toLowerCase());
        }
      }
      tables.removeAll(ALLOWED);
      tables.removeAll(Set.of("set", "excluded")); // "DO UPDATE SET", upsert pseudo-table "excluded"
      assertTrue(tables.isEmpty(), rel + " names tables outside the ETA set: " + tables);
      for (String forbidden : List.of("mesh_", "forecast", "observation", "clock_offset", "ntp_probe",
          "SeriesStore", "OwnSeries", "GapReadRoutes", "PhaseGapStore")) {
        assertTrue(!src.contains(forbidden), rel + " references " + forbidden);
      }
    }
  }

  @Test
  void noOtherMainClassWritesOrServesEtaEstimates() throws IOException {
    Path root = root();
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")
          && p.toString().contains("/src/main/java/"))::iterator) {
        String rel = root.relativize(f).toString();
        if (ETA_PATH.contains(rel)) {
          continue;
        }
        for (String literal : stringLiterals(Files.readString(f))) {
          Matcher m = TABLE_REF.matcher(literal);
          while (m.find()) {
            String t = m.group(1).toLowerCase();
            if (t.equals("eta_estimate") || t.equals("v_eta_current")) {
              offenders.add(rel + " (SQL on " + t + ")");
            }
          }
        }
      }
    }
    assertTrue(offenders.isEmpty(), "ETA tables used outside the ETA path: " + offenders);
  }

  static List<String> stringLiterals(String src) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(src);
    StringBuilder joined = new StringBuilder();
    while (m.find()) {
      out.add(m.group(1));
      joined.append(m.group(1));
    }
    out.add(joined.toString()); // SQL split over concatenated literals
    return out;
  }
}
