package io.tickstream.connectors.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.db.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DatabaseContract} on a real SQLite file. */
class SqliteDatabaseTest extends DatabaseContract {
  @TempDir static Path dir;

  @Override
  String freshUrl() {
    return TestDatabases.freshSqliteUrl(dir.resolve("nested/dir"));
  }

  @Override
  String expectedType(String seedType) {
    return SeedSchema.sqliteType(seedType);
  }

  @Override
  Map<String, Col> columns(Connection c, String table) throws SQLException {
    Map<String, Col> cols = new LinkedHashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rs.next()) {
        cols.put(rs.getString("name"), new Col(rs.getString("type"), rs.getInt("notnull") == 1 || rs.getInt("pk") == 1));
      }
    }
    return cols;
  }

  @Override
  List<Set<String>> uniqueKeys(Connection c, String table) throws SQLException {
    List<String> uniqueIndexes = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA index_list(" + table + ")")) {
      while (rs.next()) {
        if (rs.getInt("unique") == 1 && !"pk".equals(rs.getString("origin"))) {
          uniqueIndexes.add(rs.getString("name"));
        }
      }
    }
    List<Set<String>> keys = new ArrayList<>();
    for (String idx : uniqueIndexes) {
      Set<String> cols = new LinkedHashSet<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA index_info('" + idx + "')")) {
        while (rs.next()) {
          cols.add(rs.getString("name"));
        }
      }
      keys.add(cols);
    }
    return keys;
  }

  @Override
  List<String> indexNames(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  @Test
  void fileIsCreatedWithItsDirectoryAndForeignKeysAreEnforced() throws Exception {
    assertEquals(Dialect.SQLITE, db.dialect());
    assertTrue(Files.isRegularFile(db.url().sqliteFile()));
    try (Connection c = db.connection(); Statement st = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class,
          () -> st.executeUpdate("INSERT INTO observation(stream_id, t_utc, value) VALUES (999999, '2025-01-01T00:00:00.000000Z', 1)"));
      assertTrue(e.getMessage().contains("FOREIGN KEY"), e.getMessage());
    }
  }

  @Test
  void nonCanonicalTimestampTextIsRejectedNamingTheColumn() throws Exception {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO mesh_consensus(t_utc, method, consensus_offset_ms,"
            + " n_nodes, n_servers) VALUES (?, 'huber', 0.5, 3, 5)")) {
      ps.setString(1, "2025-08-10 17:30:00");
      SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
      assertTrue(e.getMessage().contains("mesh_consensus_t_utc_iso"), e.getMessage());
      ps.setString(1, Dialect.sqliteText(java.time.Instant.parse("2025-08-10T17:30:00Z")));
      assertEquals(1, ps.executeUpdate());
    }
  }
}
