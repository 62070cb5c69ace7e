package io.tickstream.jobs.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.testing.TestDatabases;
import io.tickstream.connectors.mesh.MeshIngestProcessor;
import io.tickstream.connectors.mesh.MeshRepository;
import io.tickstream.connectors.mesh.ProbeCodec;
import io.tickstream.connectors.mesh.ThresholdCache;
import io.tickstream.core.mesh.AcceptanceThresholds;
import io.tickstream.core.mesh.ConsensusGrid;
import io.tickstream.core.mesh.MeshProbe;
import io.tickstream.jobs.testing.CollectingSink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The mesh job on a Flink MiniCluster writing to a real (embedded) PostgreSQL. */
class MeshConsensusJobTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir static Path dir;

  static final long T0 = MeshRepository.nanos(Instant.parse("2025-08-10T16:00:00Z"));
  static final long MIN = 60_000_000_000L;

  /** 4 nodes × 6 servers every 5 min for 2 h, a few probes over the thresholds. */
  static List<ProbeCodec.Envelope> probes() {
    Random r = new Random(7);
    List<ProbeCodec.Envelope> out = new ArrayList<>();
    for (int k = 0; k < 24; k++) {
      for (int n = 0; n < 4; n++) {
        for (int s = 0; s < 6; s++) {
          double off = 2.0 + 0.05 * k + r.nextGaussian() * 0.5;
          if (r.nextDouble() < 0.03) {
            off = 150; // rejected by |offset| <= 100 ms
          }
          long t = T0 + k * 5 * MIN + n * 7_000_000_000L + s * 1_000_000L;
          out.add(new ProbeCodec.Envelope(new MeshProbe("node-" + n, "srv" + s + ".example", t, 5, off, 0.4, 15.0 + s),
              "{\"s\":" + s + "}"));
        }
      }
    }
    return out;
  }

  @Test
  void jobWritesProbesAndConsensusLikeTheEmbeddedPathAndCountsLateProbes() throws Exception {
    List<ProbeCodec.Envelope> probes = probes();
    MeshProbe late = new MeshProbe("node-0", "srv0.example", T0 - 180 * MIN, 5, 2.0, 0.4, 15.0);
    List<ProbeCodec.Envelope> input = new ArrayList<>(probes);
    input.add(new ProbeCodec.Envelope(late, null));

    String pgUrl = TestDatabases.freshPostgresUrl();
    try (Database pg = Database.open(pgUrl)) {
      pg.migrate();
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    env.setParallelism(1);
    CollectingSink<MeshProbe> lateSink = new CollectingSink<>("late");
    MeshConsensusJob.build(env.fromData(TypeInformation.of(ProbeCodec.Envelope.class), input.toArray(new ProbeCodec.Envelope[0])),
        MeshConsensusJob.Config.defaults(ThresholdSpec.fromDatabase(pgUrl, 30_000)),
        MeshDbSinks.probes(pgUrl), MeshDbSinks.consensus(pgUrl), lateSink);
    env.execute("mesh consensus test");

    assertEquals(1, lateSink.items().size(), "the 3-hour-old probe is late");
    assertEquals(late, lateSink.items().get(0));

    // the same probes (minus the late one) through the embedded path on SQLite
    String sqliteUrl = TestDatabases.freshSqliteUrl(dir);
    try (Database pg = Database.open(pgUrl); Database lite = Database.open(sqliteUrl)) {
      lite.migrate();
      MeshRepository repo = new MeshRepository(lite);
      new MeshIngestProcessor(repo, new ThresholdCache(AcceptanceThresholds::defaults, Long.MAX_VALUE),
          ConsensusGrid.ofMinutes(10)).process(probes.stream().map(ProbeCodec.Envelope::probe).toList(), null);

      assertEquals(input.size(), count(pg, "SELECT COUNT(*) FROM ntp_probe"), "every probe stored, late one too");
      assertEquals(count(lite, "SELECT COUNT(*) FROM ntp_probe WHERE accepted") + 1,
          count(pg, "SELECT COUNT(*) FROM ntp_probe WHERE accepted"));
      assertTrue(count(pg, "SELECT COUNT(*) FROM ntp_probe WHERE NOT accepted AND reject_reason LIKE '%offset_mean_ms%'") > 0);
      assertEquals(4, count(pg, "SELECT COUNT(*) FROM mesh_node"));
      Map<String, Double> fromJob = consensus(pg);
      Map<String, Double> embedded = consensus(lite);
      assertEquals(embedded.keySet(), fromJob.keySet());
      for (String k : embedded.keySet()) {
        assertEquals(embedded.get(k), fromJob.get(k), 1e-9, k);
      }
      // 2 h of probes, 10-min step: windows centred 15:40 .. 18:20 → 17 times × 3 methods
      assertEquals(17 * 3, fromJob.size());
      assertEquals(1, count(pg, "SELECT COUNT(*) FROM mesh_consensus WHERE method = 'huber' AND t_utc = "
          + "'2025-08-10 17:00:00+00' AND flags = 0 AND n_nodes = 4 AND n_servers = 6"), "quorum met");
    }
  }

  static Map<String, Double> consensus(Database db) throws Exception {
    Map<String, Double> m = new TreeMap<>();
    try (Connection c = db.connection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT t_utc, method, consensus_offset_ms FROM mesh_consensus")) {
      while (rs.next()) {
        m.put(db.dialect().getInstant(rs, "t_utc") + " " + rs.getString(2), rs.getDouble(3));
      }
    }
    return m;
  }

  static long count(Database db, String sql) throws Exception {
    try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
