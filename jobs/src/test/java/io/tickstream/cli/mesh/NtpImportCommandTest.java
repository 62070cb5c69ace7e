package io.tickstream.cli.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.cli.TickstreamCli;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.testing.TestDatabases;
import io.tickstream.core.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tickstream ntp import} of the real chrony and ntpd logs into SQLite. */
class NtpImportCommandTest {
  @TempDir Path dir;

  @Test
  void importsChronyMeasurementsAndPeerstatsIdempotently() throws Exception {
    String url = TestDatabases.freshSqliteUrl(dir);
    String meas = SharedData.path("data/ntp/chrony_gps_pps_2021/measurements.log").toString();
    String peer = SharedData.path("data/ntp/ntpd_pfsense_gps/peerstats").toString();
    String out = run("ntp", "import", meas, "--node", "gps-host", "--db-url", url);
    assertTrue(out.contains("467 rows, 467 imported"), out);
    run("ntp", "import", peer, "--node", "pfsense", "--db-url", url);
    try (Database db = Database.open(url)) {
      assertEquals(467, count(db, "SELECT COUNT(*) FROM ntp_probe p JOIN mesh_node n ON n.id = p.node_id WHERE n.client_id = 'gps-host'"));
      assertEquals(899, count(db, "SELECT COUNT(*) FROM ntp_probe p JOIN mesh_node n ON n.id = p.node_id WHERE n.client_id = 'pfsense'"),
          "308 + 304 + 287 NIST rows; the GPS refclock is skipped");
      assertEquals(2, count(db, "SELECT COUNT(*) FROM ingest_run WHERE job_name = 'ntp-import' AND status = '"
          + io.tickstream.connectors.db.IngestRun.OK + "'"));
      long consensus = count(db, "SELECT COUNT(*) FROM mesh_consensus");
      assertTrue(consensus > 100, "consensus rows " + consensus);
      // rejected exactly where the 100 ms / 300 ms thresholds say so, with a reason
      long over = count(db, "SELECT COUNT(*) FROM ntp_probe WHERE ABS(offset_mean_ms) > 100 OR rtt_mean_ms > 300");
      assertEquals(over, count(db, "SELECT COUNT(*) FROM ntp_probe WHERE NOT accepted AND reject_reason IS NOT NULL"));
      assertEquals(over, count(db, "SELECT COUNT(*) FROM ntp_probe WHERE NOT accepted"));
      run("ntp", "import", meas, "--node", "gps-host", "--db-url", url);
      assertEquals(467 + 899, count(db, "SELECT COUNT(*) FROM ntp_probe"));
      assertEquals(consensus, count(db, "SELECT COUNT(*) FROM mesh_consensus"));

      // recomputing a day from the stored probes rewrites the same rows (idempotent) and prints them
      String rec = run("mesh", "consensus", "--from", "2021-12-20T00:00:00Z", "--to", "2021-12-20T23:59:59Z",
          "--db-url", url);
      assertTrue(rec.contains("144 consensus time(s) written"), rec);
      assertTrue(rec.contains("2021-12-20T12:00:00Z huber"), rec);
      assertTrue(rec.contains("FEW_NODES"), rec);
      assertEquals(consensus, count(db, "SELECT COUNT(*) FROM mesh_consensus"));
      String nodes = run("mesh", "nodes", "--db-url", url);
      assertTrue(nodes.contains("gps-host") && nodes.contains("pfsense"), nodes);
    }
  }

  static String run(String... args) {
    CommandLine cl = TickstreamCli.commandLine();
    StringWriter sw = new StringWriter();
    cl.setOut(new PrintWriter(sw));
    int rc = cl.execute(args);
    assertEquals(0, rc, String.join(" ", args) + ": " + sw);
    return sw.toString();
  }

  static long count(Database db, String sql) throws Exception {
    try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
