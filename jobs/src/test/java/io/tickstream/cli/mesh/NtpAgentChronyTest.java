package io.tickstream.cli.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.api.ApiContext;
import io.tickstream.api.ApiServer;
import io.tickstream.api.mesh.MeshModule;
import io.tickstream.cli.TickstreamCli;
import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.testing.TestDatabases;
import io.tickstream.connectors.mesh.MeshRepository;
import io.tickstream.connectors.ntp.ChronyServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tickstream ntp probe} and {@code tickstream agent} against a real chronyd on loopback
 * (Debian package chrony) posting to a real API: offsets within 1 ms of 0.
 */
class NtpAgentChronyTest {
  @TempDir static Path dir;
  static ChronyServer chrony;

  @BeforeAll
  static void start() throws Exception {
    chrony = ChronyServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (chrony != null) {
      chrony.close();
    }
  }

  static String run(String... args) {
    CommandLine cl = TickstreamCli.commandLine();
    StringWriter sw = new StringWriter();
    cl.setOut(new PrintWriter(sw));
    int rc = cl.execute(args);
    assertEquals(0, rc, "exit code of " + String.join(" ", args) + ": " + sw);
    return sw.toString();
  }

  @Test
  void ntpProbePrintsOffsetDelayStratumRefidLeap() {
    String out = run("ntp", "probe", chrony.address(), "--samples", "4", "--spacing-ms", "20");
    Matcher m = Pattern.compile("offset\\s+([-+0-9.]+) ms").matcher(out);
    assertTrue(m.find(), out);
    assertTrue(Math.abs(Double.parseDouble(m.group(1))) < 1.0, out);
    assertTrue(out.contains("stratum     1"), out);
    assertTrue(out.contains("leap        0 (none)"), out);
    assertTrue(out.matches("(?s).*refid\\s+\\S+.*"), out);
    assertTrue(out.matches("(?s).*delay\\s+[0-9.]+ ms.*"), out);
  }

  @Test
  void agentPostsTheSeedPayloadToTheIngestApi() throws Exception {
    String url = TestDatabases.freshSqliteUrl(dir);
    try (Database db = Database.open(url)) {
      db.migrate();
      String out = run("mesh", "add-node", "node-chrony-01", "--db-url", url);
      Matcher tm = Pattern.compile("token\\s+(tsm_\\S+)").matcher(out);
      assertTrue(tm.find(), out);
      TickstreamConfig cfg = TickstreamConfig.resolve(Map.of(TickstreamConfig.DB_URL, url), Map.of()).withAppConfig(db);
      try (ApiServer api = new ApiServer(new ApiContext(db, cfg, "t", "t"), List.of(new MeshModule())).start("127.0.0.1", 0)) {
        run("agent", "--servers", chrony.address(), "--ingest", "http://127.0.0.1:" + api.port() + "/api/mesh_ingest",
            "--token", tm.group(1), "--client-id", "node-chrony-01", "--rounds", "1", "--samples", "8",
            "--spacing-ms", "20");
      }
      try (Connection c = db.connection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT p.server, p.samples, p.offset_mean_ms, p.offset_std_ms, p.rtt_mean_ms, "
              + "p.accepted, n.client_id FROM ntp_probe p JOIN mesh_node n ON n.id = p.node_id")) {
        assertTrue(rs.next(), "agent's probe stored");
        assertEquals(chrony.address(), rs.getString(1));
        assertTrue(rs.getInt(2) >= 1 && rs.getInt(2) <= 8, "minimum-delay samples kept: " + rs.getInt(2));
        assertTrue(Math.abs(rs.getDouble(3)) < 1.0, "offset " + rs.getDouble(3));
        assertTrue(rs.getDouble(4) < 1.0);
        assertTrue(rs.getDouble(5) < 5.0);
        assertTrue(rs.getBoolean(6));
        assertEquals("node-chrony-01", rs.getString(7));
      }
      assertTrue(new MeshRepository(db).consensus("huber", java.time.Instant.EPOCH).size() > 0);
    }
  }
}
