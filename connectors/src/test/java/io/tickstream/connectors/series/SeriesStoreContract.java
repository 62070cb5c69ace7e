package io.tickstream.connectors.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.IngestRuns;
import io.tickstream.connectors.gap.PhaseGapRecord;
import io.tickstream.connectors.gap.PhaseGapStore;
import io.tickstream.core.gap.PhaseGapFitter;
import io.tickstream.core.gap.SeriesPoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Curated-stream and phase-gap storage on a real database; subclasses pick SQLite or PostgreSQL. */
abstract class SeriesStoreContract {
  Database db;
  long run;

  abstract String freshUrl();

  @BeforeEach
  void open() {
    db = Database.open(freshUrl());
    db.migrate();
    run = new IngestRuns(db, "test").start("test", Map.of(), null);
  }

  @AfterEach
  void close() {
    db.close();
  }

  static long ns(String iso) {
    return Instant.parse(iso).getEpochSecond() * 1_000_000_000L;
  }

  SeriesStore.StreamDef def(String source, String key, String unit) {
    return new SeriesStore.StreamDef(source, "file", key, unit, "d", null, "none", "era", "file:csv", null);
  }

  @Test
  void registerUpsertReadAndList() {
    SeriesStore store = new SeriesStore(db);
    long id = store.register(def("src", "k", "s"));
    assertEquals(id, store.register(def("src", "k", "s")), "same stream, same id");
    assertThrows(IllegalArgumentException.class, () -> store.register(def("other", "k", "s")));
    IllegalArgumentException unit = assertThrows(IllegalArgumentException.class, () -> store.register(def("src", "k", "ms")));
    assertTrue(unit.getMessage().contains("unit 's'"), unit.getMessage());

    List<SeriesObservation> obs = List.of(
        new SeriesObservation(ns("2026-01-01T00:00:00Z"), 1.0, 0.1, 0, Map.of("a", 1)),
        new SeriesObservation(ns("2026-01-02T00:00:00Z"), 2.0, Double.NaN, SeriesObservation.FLAG_PREDICTED, Map.of()),
        new SeriesObservation(ns("2026-01-03T00:00:00Z"), 3.0, 0.1, 0, Map.of()));
    assertEquals(new SeriesStore.UpsertCounts(3, 0), store.upsert(id, run, obs));
    assertEquals(new SeriesStore.UpsertCounts(0, 3), store.upsert(id, run, obs), "unchanged rows untouched");
    List<SeriesObservation> changed = List.of(new SeriesObservation(ns("2026-01-03T00:00:00Z"), 3.5, 0.1, 0, Map.of()));
    assertEquals(new SeriesStore.UpsertCounts(1, 0), store.upsert(id, run, changed));

    List<SeriesPoint> all = store.read("k", null, null, 0);
    assertEquals(List.of(1.0, 2.0, 3.5), all.stream().map(SeriesPoint::value).toList());
    assertTrue(Double.isNaN(all.get(1).uncertainty()));
    assertEquals(2, store.read("k", null, null, SeriesObservation.FLAG_PREDICTED).size());
    assertEquals(1, store.read("k", Instant.parse("2026-01-02T00:00:00Z"), Instant.parse("2026-01-02T12:00:00Z"), 0).size());
    SeriesStore.StreamInfo info = store.list().get(0);
    assertEquals(3, info.observations());
    assertEquals(Instant.parse("2026-01-03T00:00:00Z"), info.last());
    assertEquals("src", info.sourceName());
  }

  @Test
  void ownSeriesSyncClockOffsetAndMesh() throws Exception {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO clock_offset(receiver, channel, version, minute_utc, system_time, clock_offset_ms, uncertainty_ms,"
            + " quality_grade) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int m = 0; m < 5; m++) {
        Instant t = Instant.parse("2026-07-01T00:00:00Z").plusSeconds(60L * m);
        ps.setString(1, "rx1");
        ps.setString(2, m == 4 ? "WWV10" : "fused");
        ps.setString(3, "v1");
        db.dialect().setInstant(ps, 4, t);
        db.dialect().setInstant(ps, 5, t);
        ps.setDouble(6, 1.5 + m);
        ps.setDouble(7, 0.2);
        ps.setString(8, m == 3 ? "X" : "A");
        ps.executeUpdate();
      }
    }
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO mesh_consensus(t_utc, method, consensus_offset_ms, consensus_std_ms, n_nodes, n_servers, flags)"
            + " VALUES (?, 'huber', ?, 0.3, ?, 6, ?)")) {
      for (int m = 0; m < 3; m++) {
        db.dialect().setInstant(ps, 1, Instant.parse("2026-07-01T00:00:00Z").plusSeconds(3600L * m));
        ps.setDouble(2, -1.0 * m);
        ps.setInt(3, m == 2 ? 2 : 4);
        ps.setInt(4, m == 2 ? 1 : 0);
        ps.executeUpdate();
      }
    }
    OwnSeries own = new OwnSeries(db);
    String dclock = own.registerClockOffset("rx1", "fused", "v1", "none");
    assertEquals("dclock:rx1:fused:v1", dclock);
    assertEquals(new SeriesStore.UpsertCounts(3, 0), own.sync(dclock, run), "grade X and other channel skipped");
    assertEquals(new SeriesStore.UpsertCounts(0, 3), own.sync(dclock, run));
    String mesh = own.registerMeshConsensus("huber");
    assertEquals(3, own.sync(mesh, run).written());
    SeriesStore store = new SeriesStore(db);
    assertEquals(2, store.read(mesh, null, null, OwnSeries.FLAG_MESH_ADVISORY).size(), "quorum-flagged row marked");
    assertEquals("mesh_consensus", store.find(mesh).orElseThrow().origin());
    assertEquals(List.of(1.5, 2.5, 3.5), store.read(dclock, null, null, 0).stream().map(SeriesPoint::value).toList());
  }

  PhaseGapRecord record(String stream, String version, long asOf, double gap, boolean authoritative) {
    PhaseGapFitter.Result fit = new PhaseGapFitter.Result(asOf, asOf - 86_400_000_000_000L * 30, 30, gap, -0.001,
        -0.0012, -0.0008, 0.95, Double.NaN, Double.NaN, Double.NaN, 0);
    return new PhaseGapRecord(stream, version, fit, "{\"w\":30}", "{\"stream\":\"" + stream + "\"}", run, authoritative);
  }

  @Test
  void phaseGapWritesAreIdempotentAndNeverOverwriteAnotherOwner() {
    PhaseGapStore store = new PhaseGapStore(db);
    long t = ns("2026-07-01T00:00:00Z");
    PhaseGapStore.WriteResult first = store.write(record("a", "v1", t, 0.2, true));
    assertEquals(PhaseGapStore.Outcome.INSERTED, first.fit());
    assertEquals(PhaseGapStore.Outcome.INSERTED, first.history());
    PhaseGapStore.WriteResult same = store.write(record("a", "v1", t, 0.2, true));
    assertEquals(PhaseGapStore.Outcome.UNCHANGED, same.fit());
    assertEquals(PhaseGapStore.Outcome.UNCHANGED, same.history());
    PhaseGapStore.WriteResult changed = store.write(record("a", "v1", t, 0.25, true));
    assertEquals(PhaseGapStore.Outcome.UPDATED, changed.fit());
    assertEquals(PhaseGapStore.Outcome.UPDATED, changed.history());
    PhaseGapStore.WriteResult v2 = store.write(record("a", "v2", t, 0.3, true));
    assertEquals(PhaseGapStore.Outcome.INSERTED, v2.fit(), "versions side by side in phase_gap_fit");
    assertEquals(PhaseGapStore.Outcome.CONFLICT, v2.history());
    assertTrue(v2.conflict().contains("version v1"), v2.conflict());
    PhaseGapStore.WriteResult mesh = store.write(record("mesh:huber", "v1", t + 1_000_000_000L, 0.1, false));
    assertEquals(PhaseGapStore.Outcome.SKIPPED, mesh.history(), "advisory streams never enter phase_gap_history");
    assertEquals(1, store.fits("a", "v1").size());
    assertEquals(0.25, (double) store.fits("a", "v1").get(0).get("phase_gap_rad"));
  }
}
