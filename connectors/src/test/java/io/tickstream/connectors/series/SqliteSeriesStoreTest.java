package io.tickstream.connectors.series;

import io.tickstream.connectors.db.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteSeriesStoreTest extends SeriesStoreContract {
  @TempDir Path dir;

  @Override
  String freshUrl() {
    return TestDatabases.freshSqliteUrl(dir);
  }
}
