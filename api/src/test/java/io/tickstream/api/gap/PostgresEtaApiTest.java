package io.tickstream.api.gap;

import io.tickstream.connectors.db.testing.TestDatabases;

/** {@link EtaApiContract} on PostgreSQL (embedded zonky). */
class PostgresEtaApiTest extends EtaApiContract {

  @Override
  String freshUrl() {
    return TestDatabases.freshPostgresUrl();
  }

  /** seeds/000 step 7, verbatim. */
  @Override
  void insertSeedStep7Rows() throws Exception {
    sql("INSERT INTO phase_gap_history(as_of_utc, phase_gap_rad, slope_rad_per_day, method_version, provenance)\n"
        + "VALUES\n"
        + "  (now() - interval '2 days', 0.20, -0.0020, 'pgm-0.2.1', '{\"streams\":[\"BIPM:PTB\",\"BIPM:NPL\"]}'),\n"
        + "  (now() - interval '1 days', 0.18, -0.0021, 'pgm-0.2.1', '{\"streams\":[\"BIPM:PTB\",\"BIPM:NPL\"]}');");
  }

  @Override
  String ts(String iso) {
    return "TIMESTAMPTZ '" + iso + "'";
  }

  @Override
  String date(String iso) {
    return "DATE '" + iso + "'";
  }

  @Override
  String json(String text) {
    return "'" + text + "'::jsonb";
  }
}
