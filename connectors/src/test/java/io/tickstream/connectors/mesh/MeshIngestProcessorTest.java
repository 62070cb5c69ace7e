package io.tickstream.connectors.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.testing.TestDatabases;
import io.tickstream.core.mesh.ConsensusFlags;
import io.tickstream.core.mesh.ConsensusGrid;
import io.tickstream.core.mesh.MeshPayload;
import io.tickstream.core.mesh.MeshProbe;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The embedded mesh path on real PostgreSQL (embedded) and SQLite. */
class MeshIngestProcessorTest {
  @TempDir static Path dir;

  private static Database open(String kind) {
    Database db = Database.open(kind.equals("postgresql") ? TestDatabases.freshPostgresUrl()
        : TestDatabases.freshSqliteUrl(dir));
    db.migrate();
    return db;
  }

  static final MeshPayload SEED = new MeshPayload("2025-08-10T17:30:00Z", "node-la-01", "sntp_v3",
      List.of(new MeshPayload.Result("time.nist.gov", 5, -1.1, 0.2, 20.0)));

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void seedPayloadCreatesProbeAndConsensusAndReplayDoesNotDuplicate(String kind) throws Exception {
    try (Database db = open(kind)) {
      MeshRepository repo = new MeshRepository(db);
      MeshIngestProcessor p = new MeshIngestProcessor(repo, new ThresholdCache(repo::thresholds, 0),
          ConsensusGrid.ofMinutes(10));
      MeshIngestProcessor.Outcome o = p.process(SEED.toProbes(), List.of("{\"server\":\"time.nist.gov\"}"));
      assertEquals(1, o.accepted());
      // 17:30 lies in the windows centred 17:10 .. 18:00 ([c-30, c+30))
      assertEquals(6, o.windows().size());
      assertEquals(Instant.parse("2025-08-10T17:10:00Z"), MeshRepository.instant(o.windows().get(0).tUtcNs()));
      assertEquals(1, count(db, "SELECT COUNT(*) FROM ntp_probe"));
      assertEquals(18, count(db, "SELECT COUNT(*) FROM mesh_consensus"));
      assertEquals(1, count(db, "SELECT COUNT(*) FROM mesh_node WHERE client_id = 'node-la-01'"));
      List<MeshRepository.ConsensusRow> rows = repo.consensus("huber", Instant.EPOCH);
      assertEquals(6, rows.size());
      assertEquals(-1.1, rows.get(0).offsetMs(), 1e-12);
      assertEquals(ConsensusFlags.FEW_NODES | ConsensusFlags.FEW_SERVERS, rows.get(0).flags());
      assertEquals(1, rows.get(0).nNodes());

      p.process(SEED.toProbes(), null);
      assertEquals(1, count(db, "SELECT COUNT(*) FROM ntp_probe"));
      assertEquals(18, count(db, "SELECT COUNT(*) FROM mesh_consensus"));
      assertEquals(1, count(db, "SELECT COUNT(*) FROM mesh_node"));
      assertEquals(Instant.parse("2025-08-10T17:30:00Z"), repo.nodes().get(0).lastSeen());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void thresholdsComeFromAppConfigAndChangesApply(String kind) throws Exception {
    try (Database db = open(kind)) {
      MeshRepository repo = new MeshRepository(db);
      assertEquals(100.0, repo.thresholds().maxAbsOffsetMs());
      assertEquals(300.0, repo.thresholds().maxRttMs());
      MeshIngestProcessor p = new MeshIngestProcessor(repo, new ThresholdCache(repo::thresholds, 0),
          ConsensusGrid.ofMinutes(30));
      long t = MeshRepository.nanos(Instant.parse("2025-08-10T17:30:00Z"));
      MeshProbe big = new MeshProbe("n1", "s1", t, 4, 150.0, 1.0, 20.0);
      MeshProbe slow = new MeshProbe("n1", "s2", t, 4, 1.0, 1.0, 400.0);
      MeshProbe ok = new MeshProbe("n1", "s3", t, 4, 1.0, 1.0, 20.0);
      MeshIngestProcessor.Outcome o = p.process(List.of(big, slow, ok), null);
      assertFalse(o.verdicts().get(0).accepted());
      assertTrue(o.verdicts().get(0).rejectReason().contains("offset_mean_ms"));
      assertTrue(o.verdicts().get(1).rejectReason().contains("rtt_mean_ms"));
      assertTrue(o.verdicts().get(2).accepted());
      assertEquals(3, count(db, "SELECT COUNT(*) FROM ntp_probe"), "rejected probes are kept");
      assertEquals(2, count(db, "SELECT COUNT(*) FROM ntp_probe WHERE reject_reason IS NOT NULL"));

      repo.setConfig("mesh.accept.offset_ms", "{\"max\":200}");
      MeshIngestProcessor.Outcome o2 = p.process(List.of(big), null);
      assertTrue(o2.verdicts().get(0).accepted(), "new threshold read without restart");
      assertEquals(0, count(db, "SELECT COUNT(*) FROM ntp_probe WHERE server = 's1' AND reject_reason IS NOT NULL"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void tokensAreStoredHashedAndCanBeRevoked(String kind) throws Exception {
    try (Database db = open(kind)) {
      MeshRepository repo = new MeshRepository(db);
      String token = repo.issueToken("node-la-01");
      assertTrue(token.startsWith("tsm_") && token.length() > 40);
      assertEquals("node-la-01", repo.authenticate(token).orElseThrow());
      assertTrue(repo.authenticate(token + "x").isEmpty());
      assertTrue(repo.authenticate("").isEmpty());
      try (Connection c = db.connection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT token_sha256 FROM mesh_node_token")) {
        rs.next();
        assertNotEquals(token, rs.getString(1));
        assertEquals(MeshRepository.sha256(token), rs.getString(1));
      }
      assertEquals(1, repo.revokeTokens("node-la-01"));
      assertTrue(repo.authenticate(token).isEmpty());
      assertEquals(0, repo.nodes().get(0).activeTokens());
    }
  }

  static long count(Database db, String sql) throws Exception {
    try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
