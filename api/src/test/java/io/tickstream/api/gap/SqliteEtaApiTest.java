package io.tickstream.api.gap;

import io.tickstream.connectors.db.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link EtaApiContract} on SQLite. */
class SqliteEtaApiTest extends EtaApiContract {
  @TempDir Path dir;

  @Override
  String freshUrl() {
    return TestDatabases.freshSqliteUrl(dir);
  }

  /** seeds/000 step 7 with SQLite's timestamp text (now − 2 days, now − 1 day). */
  @Override
  void insertSeedStep7Rows() throws Exception {
    String now = "strftime('%Y-%m-%dT%H:%M:%f', 'now', '-%d days') || '000Z'";
    sql("INSERT INTO phase_gap_history(as_of_utc, phase_gap_rad, slope_rad_per_day, method_version, provenance) VALUES"
        + " (" + now.replace("%d days", "2 days") + ", 0.20, -0.0020, 'pgm-0.2.1', '{\"streams\":[\"BIPM:PTB\",\"BIPM:NPL\"]}'),"
        + " (" + now.replace("%d days", "1 days") + ", 0.18, -0.0021, 'pgm-0.2.1', '{\"streams\":[\"BIPM:PTB\",\"BIPM:NPL\"]}')");
  }

  @Override
  String ts(String iso) {
    return "'" + iso.replace("Z", ".000000Z") + "'";
  }

  @Override
  String date(String iso) {
    return "'" + iso + "'";
  }

  @Override
  String json(String text) {
    return "'" + text + "'";
  }
}
