package io.tickstream.cli.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.cli.TickstreamCli;
import io.tickstream.connectors.db.Database;
import io.tickstream.jobs.hf.GeneratedArchive;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tickstream reprocess} end to end on a small generated archive (Phase 2 only, SQLite). */
class ReprocessCommandTest {
  @TempDir
  Path tmp;

  private String[] run(String... args) {
    CommandLine cl = TickstreamCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute(args);
    return new String[] {Integer.toString(rc), out.toString(), err.toString()};
  }

  @Test
  void reprocessWritesAVersionAndOneIngestRun() throws Exception {
    Path archive = GeneratedArchive.wwv(tmp.resolve("archive"), 1, 2, 8000, 2.0);
    String db = "sqlite:///" + tmp.resolve("t.db");
    Path data = tmp.resolve("data");
    String[] r = run("reprocess", "--archive", archive.toString(), "--version", "v3", "--grid", "EM38ww",
        "--phases", "2", "--db-url", db, "--data-dir", data.toString());
    assertEquals("0", r[0], r[1] + r[2]);
    assertTrue(r[1].contains("reprocessed") && r[1].contains("v3"), r[1]);
    assertTrue(Files.isRegularFile(data.resolve("clock_offset/FUSED/v3/clock_offset_series.csv")));
    assertTrue(Files.notExists(data.resolve("processed")), "phase 3 not requested");
    try (Database d = Database.open(db); Connection c = d.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM clock_offset WHERE version = 'v3' AND channel = 'FUSED'),"
            + " (SELECT count(*) FROM ingest_run WHERE job_name = 'hf-reprocess' AND status = 'ok')")) {
      rs.next();
      assertEquals(2, rs.getInt(1), "one fused row per minute");
      assertEquals(1, rs.getInt(2), "one ingest_run row");
    }
  }

  private Path station(double frequencyHz) throws Exception {
    return Files.writeString(tmp.resolve("station.toml"), """
        [station]
        callsign = "AC0G"
        grid_square = "EM38ww"
        receiver_name = "toml-rx"
        psws_station_id = "S000123"
        psws_instrument_id = "172"
        [[channels]]
        name = "WWV_5_MHz"
        frequency_hz = %s
        stations = ["WWV"]
        [[channels]]
        name = "WWV_25_MHz"
        frequency_hz = 25000000
        stations = ["WWV"]
        """.formatted(frequencyHz));
  }

  private static String one(String db, String sql) throws Exception {
    try (Database d = Database.open(db); Connection c = d.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Test
  void stationConfigGivesReceiverGridAndChannelsAndFlagsOverrideIt() throws Exception {
    Path archive = GeneratedArchive.wwv(tmp.resolve("archive"), 2, 1, 8000, 2.0);
    Path toml = station(5e6);
    String db = "sqlite:///" + tmp.resolve("t.db");
    String data = tmp.resolve("data").toString();
    String[] r = run("reprocess", "--archive", archive.toString(), "--version", "st", "--config", toml.toString(),
        "--phases", "2", "--db-url", db, "--data-dir", data);
    assertEquals("0", r[0], r[1] + r[2]);
    assertEquals("toml-rx|WWV_5_MHz", one(db, "SELECT group_concat(DISTINCT receiver || '|' || channel) FROM clock_offset"
        + " WHERE version = 'st' AND channel <> 'FUSED'"), "receiver and channels from the station (WWV_10_MHz not in it)");
    String params = one(db, "SELECT params FROM ingest_run WHERE job_name = 'hf-reprocess'");
    assertTrue(params.contains("\"station_config\":\"" + toml.toAbsolutePath() + "\""), params);
    assertTrue(params.contains("\"grid\":\"EM38ww\"") && params.contains("\"receiver\":\"toml-rx\""), params);
    assertTrue(params.contains("\"station_overridden_by\":[]"), params);

    r = run("reprocess", "--archive", archive.toString(), "--version", "flags", "--config", toml.toString(),
        "--receiver", "flag-rx", "--channel", "WWV_10_MHz", "--phases", "2", "--db-url", db, "--data-dir", data);
    assertEquals("0", r[0], r[1] + r[2]);
    assertEquals("flag-rx|WWV_10_MHz", one(db, "SELECT group_concat(DISTINCT receiver || '|' || channel) FROM clock_offset"
        + " WHERE version = 'flags' AND channel <> 'FUSED'"));
    params = one(db, "SELECT params FROM ingest_run WHERE job_name = 'hf-reprocess' ORDER BY id DESC LIMIT 1");
    assertTrue(params.contains("\"station_overridden_by\":[\"--receiver\",\"--channel\"]"), params);
  }

  @Test
  void stationFrequencyDisagreeingWithTheArchiveAndMissingGridAreClearErrors() throws Exception {
    Path archive = GeneratedArchive.wwv(tmp.resolve("archive"), 1, 1, 8000, 2.0);
    String[] r = run("reprocess", "--archive", archive.toString(), "--version", "v3", "--config",
        station(7e6).toString(), "--phases", "2", "--db-url", "sqlite:///" + tmp.resolve("t.db"));
    assertEquals("2", r[0], r[1] + r[2]);
    assertTrue(r[2].contains("channel WWV_5_MHz") && r[2].contains("frequency_hz = 7000000.0")
        && r[2].contains("says 5000000.0"), r[2]);
    r = run("reprocess", "--archive", archive.toString(), "--version", "v3", "--phases", "2");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("give --grid LOCATOR or --config STATION.TOML"), r[2]);
  }

  @Test
  void badPhasesAndTimesAreRejectedWithAClearMessage() {
    String[] r = run("reprocess", "--archive", tmp.toString(), "--version", "v3", "--grid", "EM38ww", "--phases", "3");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--phases must be 2 or 2,3"), r[2]);
    r = run("reprocess", "--archive", tmp.toString(), "--version", "v3", "--grid", "EM38ww", "--from", "yesterday");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--from: not an ISO-8601 UTC instant"), r[2]);
  }
}
