package io.tickstream.connectors.series;

import io.tickstream.connectors.db.testing.TestDatabases;

class PostgresSeriesStoreTest extends SeriesStoreContract {
  @Override
  String freshUrl() {
    return TestDatabases.freshPostgresUrl();
  }
}
