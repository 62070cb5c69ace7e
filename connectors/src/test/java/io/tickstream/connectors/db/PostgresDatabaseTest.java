package io.tickstream.connectors.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstream.connectors.db.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link DatabaseContract} on a real PostgreSQL (embedded, or {@code TICKSTREAM_TEST_PG_URL}). */
class PostgresDatabaseTest extends DatabaseContract {

  @Override
  String freshUrl() {
    return TestDatabases.freshPostgresUrl();
  }

  @Override
  String expectedType(String seedType) {
    return SeedSchema.postgresType(seedType);
  }

  @Override
  Map<String, Col> columns(Connection c, String table) throws SQLException {
    Map<String, Col> cols = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, is_nullable"
        + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          cols.put(rs.getString(1), new Col(rs.getString(2), "NO".equals(rs.getString(3))));
        }
      }
    }
    return cols;
  }

  @Override
  List<Set<String>> uniqueKeys(Connection c, String table) throws SQLException {
    List<Set<String>> keys = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT string_agg(a.attname, ',')"
        + " FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid"
        + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(ix.indkey)"
        + " WHERE t.relname = ? AND ix.indisunique AND NOT ix.indisprimary GROUP BY ix.indexrelid")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(Set.of(rs.getString(1).split(",")));
        }
      }
    }
    return keys;
  }

  @Override
  List<String> indexNames(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  @Test
  void sessionsRunInUtcAndReportPostgres() throws Exception {
    assertEquals(Dialect.POSTGRESQL, db.dialect());
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SHOW TimeZone");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      assertEquals("UTC", rs.getString(1));
    }
  }
}
