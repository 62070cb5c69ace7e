package io.tickstream.cli.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.cli.TickstreamCli;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.testing.TestDatabases;
import io.tickstream.connectors.series.FinalsAllReader;
import io.tickstream.connectors.series.LeapSecondsListReader;
import io.tickstream.core.gap.LeapHandling;
import io.tickstream.core.gap.PhaseConversion;
import io.tickstream.core.gap.PhaseGapFitter;
import io.tickstream.core.gap.SeriesPoint;
import io.tickstream.core.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The phase-gap command line end to end on SQLite with the real IERS and IANA files: load, list,
 * fit (bounded Flink job), ETA, and reproducibility (a re-run changes no row).
 */
class GapCliTest {
  static final Path FINALS = SharedData.path("data/timescales/iers_finals.all_2026-07-23.txt");
  static final Path LEAPS = SharedData.path("data/timescales/leap-seconds.list_tzdata2026f");
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = TickstreamCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int rc = cl.execute(args);
    return new Run(rc, out.toString(), err.toString());
  }

  static List<String> snapshot(Database db, String table) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          sb.append(rs.getString(i)).append('|');
        }
        rows.add(sb.toString());
      }
    }
    return rows;
  }

  @Test
  void loadFitEtaAndRerunChangesNothing() throws Exception {
    String url = TestDatabases.freshSqliteUrl(dir);
    Run leap = run("series", "load", "--db-url", url, "--format", "leap-seconds", LEAPS.toString(),
        "--stream", "iana:tai-utc");
    assertEquals(0, leap.exitCode(), leap.err());
    assertTrue(leap.out().startsWith("28 observations into stream iana:tai-utc (28 written, 0 unchanged)"), leap.out());

    Run fin = run("series", "load", "--db-url", url, "--format", "finals", FINALS.toString(), "--stream",
        "iers:ut1-utc", "--leap-seconds", LEAPS.toString());
    assertEquals(0, fin.exitCode(), fin.err());
    Run again = run("series", "load", "--db-url", url, "--format", "finals", FINALS.toString(), "--stream",
        "iers:ut1-utc", "--leap-seconds", LEAPS.toString());
    assertTrue(again.out().contains("(0 written, 19561 unchanged)"), "re-load writes nothing: " + again.out());

    Run list = run("series", "list", "--db-url", url);
    assertTrue(list.out().contains("iers:ut1-utc") && list.out().contains("x-minus-utc")
        && list.out().contains("earth_rotation_angle"), list.out());
    assertTrue(list.out().contains("2 stream(s)"), list.out());

    String[] fit = {"gap", "fit", "--db-url", url, "--stream", "iers:ut1-utc", "--from", "2026-01-01",
        "--to", "2026-07-23", "--window-days", "30", "--method-version", "pgm-test-1", "--leap-seconds", LEAPS.toString()};
    Run f1 = run(fit);
    assertEquals(0, f1.exitCode(), f1.out() + f1.err());
    assertTrue(f1.out().contains("204 fit(s) for version pgm-test-1, 204 written or changed"), f1.out());
    assertTrue(f1.out().contains("ETA (robust_theilsen"), f1.out());

    try (Database db = Database.open(url)) {
      List<String> history = snapshot(db, "phase_gap_history");
      List<String> fits = snapshot(db, "phase_gap_fit");
      List<String> etas = snapshot(db, "eta_estimate");
      assertEquals(204, history.size());

      // the last row equals a direct Theil–Sen fit over 2026-06-23 … 07-23 of the file
      var table = LeapSecondsListReader.read(LEAPS).table();
      List<SeriesPoint> window = FinalsAllReader.read(FINALS, false, table).observations().stream()
          .filter(o -> o.tUtcNs() >= ns("2026-06-23T00:00:00Z") && o.tUtcNs() <= ns("2026-07-23T00:00:00Z"))
          .map(o -> new SeriesPoint(o.tUtcNs(), o.value(), o.uncertainty())).toList();
      PhaseGapFitter.Result expect = new PhaseGapFitter(new PhaseGapFitter.Params("s",
          PhaseConversion.earthRotationAngle(), LeapHandling.X_MINUS_UTC, 0.95, 10), table).fit(window);
      try (Connection c = db.connection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT as_of_utc, phase_gap_rad, slope_rad_per_day, method_version,"
              + " provenance FROM phase_gap_history ORDER BY as_of_utc DESC LIMIT 1")) {
        rs.next();
        assertEquals("2026-07-23T00:00:00.000000Z", rs.getString(1));
        assertEquals(expect.phaseGapRad(), rs.getDouble(2), 0);
        assertEquals(expect.slopeRadPerDay(), rs.getDouble(3), 0);
        assertEquals("pgm-test-1", rs.getString(4));
        String prov = rs.getString(5);
        assertTrue(prov.contains("\"stream\":\"iers:ut1-utc\"") && prov.contains("\"git_commit\"")
            && prov.contains("\"window\"") && prov.contains("\"window_days\":30.0"), prov);
      }

      Run f2 = run(fit);
      assertEquals(0, f2.exitCode(), f2.err());
      assertTrue(f2.out().contains("0 written or changed by this run"), f2.out());
      assertTrue(f2.out().contains("eta_estimate unchanged") || f2.out().contains(": none"), f2.out());
      assertEquals(history, snapshot(db, "phase_gap_history"), "re-run changed phase_gap_history");
      assertEquals(fits, snapshot(db, "phase_gap_fit"), "re-run changed phase_gap_fit");
      assertEquals(etas, snapshot(db, "eta_estimate"), "re-run changed eta_estimate");

      // another method version over an overlapping range: its own phase_gap_fit rows, history kept
      Run v2 = run("gap", "fit", "--db-url", url, "--stream", "iers:ut1-utc", "--from", "2026-07-01", "--to",
          "2026-07-23", "--method-version", "pgm-test-2", "--no-eta", "--leap-seconds", LEAPS.toString());
      assertEquals(0, v2.exitCode(), v2.err());
      assertTrue(v2.out().contains("23 instant(s) of phase_gap_history belong to another method version"), v2.out());
      assertEquals(history, snapshot(db, "phase_gap_history"), "other version never overwrites the history");
      assertEquals(fits.size() + 23, snapshot(db, "phase_gap_fit").size());
    }
  }

  /** Mesh consensus is advisory: it can be fitted (phase_gap_fit) but never enters phase_gap_history. */
  @Test
  void meshStreamIsFittedButNeverFeedsTheEta() throws Exception {
    String url = TestDatabases.freshSqliteUrl(dir);
    assertEquals(0, run("db", "migrate", "--db-url", url).exitCode());
    try (Database db = Database.open(url); Connection c = db.connection();
        java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO mesh_consensus(t_utc, method,"
            + " consensus_offset_ms, consensus_std_ms, n_nodes, n_servers, flags) VALUES (?, 'huber', ?, 0.2, 5, 6, 0)")) {
      for (int h = 0; h < 24; h++) {
        db.dialect().setInstant(ps, 1, Instant.parse("2026-07-01T00:00:00Z").plusSeconds(3600L * h));
        ps.setDouble(2, 3.0 - 0.1 * h);
        ps.executeUpdate();
      }
    }
    Run reg = run("series", "register", "--db-url", url, "--mesh", "huber");
    assertEquals(0, reg.exitCode(), reg.err());
    assertTrue(reg.out().startsWith("stream mesh:huber: 24 observation(s) written"), reg.out());
    Run fit = run("gap", "fit", "--db-url", url, "--stream", "mesh:huber", "--window-days", "0.5", "--min-points", "5");
    assertEquals(0, fit.exitCode(), fit.err());
    assertTrue(fit.out().contains("advisory stream: phase_gap_history not written"), fit.out());
    assertTrue(!fit.out().contains("ETA ("), "no ETA run for an advisory stream: " + fit.out());
    try (Database db = Database.open(url)) {
      assertEquals(20, snapshot(db, "phase_gap_fit").size(), "fits from the 5th observation on");
      assertEquals(0, snapshot(db, "phase_gap_history").size());
    }
  }

  @Test
  void unknownStreamAndBadFormatAreClearErrors() {
    String url = TestDatabases.freshSqliteUrl(dir);
    Run r = run("gap", "fit", "--db-url", url, "--stream", "nope");
    assertTrue(r.exitCode() != 0);
    assertTrue((r.out() + r.err()).contains("no stream 'nope'"), r.out() + r.err());
    Run f = run("series", "load", "--db-url", url, "--format", "xml", FINALS.toString(), "--stream", "x");
    assertTrue(f.exitCode() != 0 && f.err().contains("format must be finals, leap-seconds or csv"), f.err());
  }

  static long ns(String iso) {
    return Instant.parse(iso).getEpochSecond() * 1_000_000_000L;
  }
}
