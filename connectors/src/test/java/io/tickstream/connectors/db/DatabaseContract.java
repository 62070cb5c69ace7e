package io.tickstream.connectors.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstream.core.testing.SharedData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every supported database must do after {@code migrate()}: the seed's tables, columns, types,
 * keys, index and view; the HF tables; seeded thresholds; NaN and duplicate guards; run bookkeeping.
 * Subclasses supply a fresh database and read their catalogue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseContract {
  /** Every column of seed 003's clock_offset_series.csv (../shared/docs/DOMAIN.md §1.8). */
  static final List<String> CLOCK_OFFSET_CSV_COLUMNS = List.of("system_time", "utc_time", "minute_boundary_utc",
      "clock_offset_ms", "station", "frequency_mhz", "propagation_delay_ms", "propagation_mode", "n_hops",
      "confidence", "uncertainty_ms", "quality_grade", "snr_db", "delay_spread_ms", "doppler_std_hz", "fss_db",
      "wwv_power_db", "wwvh_power_db", "discrimination_confidence", "utc_verified", "multi_station_verified",
      "rtp_timestamp", "processed_at");

  record Col(String type, boolean notNull) {}

  protected Database db;
  protected String url;
  private SeedSchema seed;

  abstract String freshUrl();

  abstract Map<String, Col> columns(Connection c, String table) throws SQLException;

  abstract List<Set<String>> uniqueKeys(Connection c, String table) throws SQLException;

  abstract List<String> indexNames(Connection c) throws SQLException;

  abstract String expectedType(String seedType);

  @BeforeAll
  void openAndMigrate() throws Exception {
    seed = SeedSchema.parse(SharedData.path("docs/SCHEMA_SEED.sql"));
    assertEquals(12, seed.tables().size(), "seed tables parsed");
    url = freshUrl();
    db = Database.open(url);
    assertEquals("none", db.schemaVersion());
    assertTrue(db.migrate() >= 3, "all migrations applied to an empty database");
  }

  @AfterAll
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void everySeedTableHasTheSeedColumnsWithTheSeedTypes() throws Exception {
    try (Connection c = db.connection()) {
      for (SeedSchema.Table t : seed.tables().values()) {
        Map<String, Col> actual = columns(c, t.name());
        assertTrue(!actual.isEmpty(), "table " + t.name() + " missing");
        for (SeedSchema.Column sc : t.columns().values()) {
          Col col = actual.get(sc.name());
          assertNotNull(col, t.name() + "." + sc.name() + " missing");
          assertEquals(expectedType(sc.type()), col.type(), t.name() + "." + sc.name() + " type (seed " + sc.type() + ")");
          if (sc.notNull()) {
            assertTrue(col.notNull(), t.name() + "." + sc.name() + " must be NOT NULL");
          }
        }
      }
    }
  }

  @Test
  void everySeedUniqueKeyIndexAndViewExists() throws Exception {
    try (Connection c = db.connection()) {
      for (SeedSchema.Table t : seed.tables().values()) {
        List<Set<String>> keys = uniqueKeys(c, t.name());
        for (Set<String> key : t.uniqueKeys()) {
          assertTrue(keys.contains(key), t.name() + " lacks UNIQUE" + key + "; has " + keys);
        }
      }
      assertTrue(indexNames(c).containsAll(seed.indexes()), "seed indexes " + seed.indexes());
    }
    assertTrue(db.views().containsAll(seed.views()), "seed views " + seed.views() + " in " + db.views());
    assertTrue(db.tables().containsAll(seed.tables().keySet()));
  }

  @Test
  void hfTablesExistWithTheirColumnsAndNaturalKeys() throws Exception {
    try (Connection c = db.connection()) {
      Map<String, Col> co = columns(c, "clock_offset");
      for (String col : CLOCK_OFFSET_CSV_COLUMNS) {
        assertTrue(co.containsKey(col), "clock_offset." + col + " (seed 003 CSV column) missing");
      }
      for (String col : List.of("receiver", "channel", "version", "minute_utc", "ingest_run_id")) {
        assertTrue(co.containsKey(col), "clock_offset." + col);
      }
      Set<String> natural = Set.of("receiver", "channel", "version", "minute_utc");
      assertTrue(uniqueKeys(c, "clock_offset").contains(natural));
      assertTrue(uniqueKeys(c, "hf_minute_evidence").contains(natural));
      assertTrue(columns(c, "hf_minute_evidence").containsKey("evidence"));
      assertTrue(uniqueKeys(c, "drf_archive_file").contains(Set.of("path")));
      for (String col : List.of("channel", "path", "first_sample_index", "last_sample_index", "sample_count",
          "sha256", "size_bytes", "status")) {
        assertTrue(columns(c, "drf_archive_file").containsKey(col), "drf_archive_file." + col);
      }
    }
  }

  @Test
  void clockOffsetUpsertOnNaturalKeyKeepsOneRow() throws Exception {
    String sql = "INSERT INTO clock_offset(receiver, channel, version, minute_utc, system_time, clock_offset_ms,"
        + " quality_grade) VALUES ('rx1', 'WWV_10MHz', 'v1', ?, ?, ?, 'B')"
        + " ON CONFLICT (receiver, channel, version, minute_utc) DO UPDATE SET clock_offset_ms = excluded.clock_offset_ms";
    Instant minute = Instant.parse("2025-08-10T17:30:00Z");
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (double off : new double[] {15.23, 12.5}) {
        db.dialect().setInstant(ps, 1, minute);
        db.dialect().setInstant(ps, 2, minute.plusMillis(15));
        ps.setDouble(3, off);
        ps.executeUpdate();
      }
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*), max(clock_offset_ms) FROM clock_offset")) {
        rs.next();
        assertEquals(1, rs.getLong(1));
        assertEquals(12.5, rs.getDouble(2));
      }
    }
  }

  @Test
  void rerunningMigrateIsANoOp() throws Exception {
    String version = db.schemaVersion();
    Map<String, Long> before = db.rowCounts();
    assertEquals(0, db.migrate());
    try (Database again = Database.open(url)) {
      assertEquals(0, again.migrate());
      assertEquals(version, again.schemaVersion());
      assertEquals(0, again.pendingMigrations());
    }
    assertEquals(before, db.rowCounts());
  }

  @Test
  void appConfigHasTheSeedThresholds() throws Exception {
    Map<String, JsonNode> cfg = new HashMap<>();
    try (Connection c = db.connection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT key, val FROM app_config")) {
      while (rs.next()) {
        cfg.put(rs.getString(1), Json.MAPPER.readTree(rs.getString(2)));
      }
    }
    assertEquals(100, cfg.get("mesh.accept.offset_ms").get("max").asInt());
    assertEquals(300, cfg.get("mesh.accept.rtt_ms").get("max").asInt());
    assertEquals(365, cfg.get("eta.history.window_days").get("value").asInt());
    assertEquals("eta-0.3.0", cfg.get("eta.method_version").get("value").asText());
  }

  private long stream(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO timeseries_stream(stream_key, unit) VALUES (?, 'ms') RETURNING id")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void insertObservation(Connection c, long streamId, Instant t, double value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO observation(stream_id, t_utc, value) VALUES (?, ?, ?)")) {
      ps.setLong(1, streamId);
      db.dialect().setInstant(ps, 2, t);
      ps.setDouble(3, value);
      ps.executeUpdate();
    }
  }

  @Test
  void nanObservationIsRejectedWithAClearError() throws Exception {
    try (Connection c = db.connection()) {
      long s = stream(c, "nan-test");
      SQLException e = assertThrows(SQLException.class,
          () -> insertObservation(c, s, Instant.parse("2025-01-01T00:00:00Z"), Double.NaN));
      String msg = e.getMessage().toLowerCase(Locale.ROOT);
      assertTrue(msg.contains("observation") && msg.contains("nan"), "unclear NaN error: " + e.getMessage());
      insertObservation(c, s, Instant.parse("2025-01-01T00:00:00Z"), 1.5);
      assertEquals(1, count(c, "SELECT count(*) FROM observation WHERE stream_id = " + s));
    }
  }

  @Test
  void duplicateStreamTimeIsRejectedWithAClearError() throws Exception {
    try (Connection c = db.connection()) {
      long s = stream(c, "dup-test");
      Instant t = Instant.parse("2025-01-01T00:00:00.123456Z");
      insertObservation(c, s, t, 1.0);
      SQLException e = assertThrows(SQLException.class, () -> insertObservation(c, s, t, 2.0));
      String msg = e.getMessage().toLowerCase(Locale.ROOT);
      assertTrue(msg.contains("unique") && msg.contains("stream_id") && msg.contains("t_utc"),
          "unclear duplicate error: " + e.getMessage());
      assertEquals(1, count(c, "SELECT count(*) FROM observation WHERE stream_id = " + s));
    }
  }

  @Test
  void vEtaCurrentReturnsTheLatestRowPerMethod() throws Exception {
    String sql = "INSERT INTO eta_estimate(as_of_utc, eta_days, eta_date, method, n_points) VALUES (?, ?, ?, ?, ?)";
    Object[][] rows = {
        {"2025-08-08T00:00:00Z", 90.0, "theil_sen", 10},
        {"2025-08-10T00:00:00Z", 85.5, "theil_sen", 12},
        {"2025-08-09T00:00:00Z", 88.0, "theil_sen", 11},
        {"2025-08-09T12:00:00Z", 100.0, "instantaneous_phase", 1},
        {"2025-08-01T00:00:00.5Z", 120.0, "instantaneous_phase", 1},
    };
    try (Connection c = db.connection()) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (Object[] r : rows) {
          Instant asOf = Instant.parse((String) r[0]);
          db.dialect().setInstant(ps, 1, asOf);
          ps.setDouble(2, (Double) r[1]);
          db.dialect().setDate(ps, 3, LocalDate.parse("2025-11-01"));
          ps.setString(4, (String) r[2]);
          ps.setInt(5, (Integer) r[3]);
          ps.executeUpdate();
        }
      }
      List<String> got = new ArrayList<>();
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM v_eta_current ORDER BY method")) {
        while (rs.next()) {
          got.add(rs.getString("method") + "@" + db.dialect().getInstant(rs, "as_of_utc") + "=" + rs.getDouble("eta_days")
              + "/" + rs.getInt("n_points") + "/" + db.dialect().getDate(rs, "eta_date"));
        }
      }
      assertEquals(List.of("instantaneous_phase@2025-08-09T12:00:00Z=100.0/1/2025-11-01",
          "theil_sen@2025-08-10T00:00:00Z=85.5/12/2025-11-01"), got);
    }
  }

  @Test
  void ingestRunsRecordCommitParamsRangeAndOutcome() throws Exception {
    IngestRuns runs = new IngestRuns(db, "abc123def456");
    long ok = runs.start("hf-analysis", "radiod:test", "radiod",
        Map.of("version", "v1", "channels", List.of("WWV_10MHz")),
        Map.of("from", Instant.parse("2025-08-10T00:00:00Z"), "to", Instant.parse("2025-08-10T01:00:00Z")));
    IngestRun running = runs.find(ok).orElseThrow();
    assertEquals(IngestRun.RUNNING, running.status());
    assertNull(running.finishedAt());
    assertEquals("abc123def456", running.gitCommit());
    assertEquals("radiod:test", running.sourceName());
    assertEquals("v1", Json.MAPPER.readTree(running.paramsJson()).get("version").asText());
    assertEquals("2025-08-10T00:00:00Z", Json.MAPPER.readTree(running.inputRangeJson()).get("from").asText());
    runs.finishOk(ok, "60 minutes analysed");
    IngestRun done = runs.find(ok).orElseThrow();
    assertEquals(IngestRun.OK, done.status());
    assertEquals("60 minutes analysed", done.message());
    assertNotNull(done.finishedAt());
    assertTrue(!done.finishedAt().isBefore(done.startedAt()));
    assertThrows(IllegalStateException.class, () -> runs.finishFailed(ok, "again"));

    IllegalStateException boom = new IllegalStateException("bad file x.h5 at index 7");
    Exception thrown = assertThrows(Exception.class,
        () -> runs.run("import", "{\"file\":\"x.h5\"}", null, () -> {
          throw boom;
        }));
    assertEquals(boom, thrown);
    IngestRun failed = latestRun("import", runs);
    assertEquals(IngestRun.FAILED, failed.status());
    assertTrue(failed.message().contains("bad file x.h5 at index 7"), failed.message());
    assertThrows(IllegalArgumentException.class, () -> runs.start("x", "{not json", null));
  }

  private IngestRun latestRun(String job, IngestRuns runs) throws SQLException {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT max(id) FROM ingest_run WHERE job_name = ?")) {
      ps.setString(1, job);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return runs.find(rs.getLong(1)).orElseThrow();
      }
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
