package io.tickstream.connectors.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickstream.connectors.db.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link InstantRange} (optional closed range conditions and binding) and {@link Transactions} on real SQLite. */
class InstantRangeTransactionsTest {
  static final Instant T0 = Instant.parse("2025-06-15T14:00:00Z");

  @TempDir
  Path tmp;
  Database db;

  @BeforeEach
  void table() throws Exception {
    db = Database.open(TestDatabases.freshSqliteUrl(tmp));
    try (Connection c = db.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (k INTEGER, at TEXT)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        for (int k = 0; k < 4; k++) {
          ps.setInt(1, k);
          db.dialect().setInstant(ps, 2, T0.plusSeconds(60L * k));
          ps.executeUpdate();
        }
      }
    }
  }

  @AfterEach
  void close() {
    db.close();
  }

  private List<Integer> select(InstantRange r) throws SQLException {
    List<Integer> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT k FROM t WHERE k >= ?" + r.conditions("at") + " ORDER BY k")) {
      ps.setInt(1, 0);
      assertEquals(2 + (r.from() == null ? 0 : 1) + (r.to() == null ? 0 : 1), r.bind(db.dialect(), ps, 2));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
    }
    return out;
  }

  @Test
  void eitherEndIsOptionalAndBothAreInclusive() throws Exception {
    assertEquals(List.of(0, 1, 2, 3), select(new InstantRange(null, null)));
    assertEquals(List.of(1, 2, 3), select(new InstantRange(T0.plusSeconds(60), null)));
    assertEquals(List.of(0, 1), select(new InstantRange(null, T0.plusSeconds(60))));
    assertEquals(List.of(1, 2), select(new InstantRange(T0.plusSeconds(30), T0.plusSeconds(120))));
  }

  @Test
  void transactionCommitsOnReturnAndRollsBackOnThrow() throws Exception {
    try (Connection c = db.connection()) {
      assertEquals(1, Transactions.run(c, () -> {
        try (Statement s = c.createStatement()) {
          return s.executeUpdate("DELETE FROM t WHERE k = 0");
        }
      }));
      assertThrows(IllegalStateException.class, () -> Transactions.run(c, () -> {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("DELETE FROM t");
        }
        throw new IllegalStateException("fails after the delete");
      }));
      assertEquals(true, c.getAutoCommit(), "auto-commit restored");
    }
    assertEquals(List.of(1, 2, 3), select(new InstantRange(null, null)), "first committed, second rolled back");
  }
}
