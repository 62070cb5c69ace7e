package io.tickstream.connectors.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * An optional closed time range {@code [from, to]} of a query; a null end is open. Writes the SQL
 * conditions on a column and binds their parameters with {@link Dialect#setInstant}, so the same
 * SQL works on PostgreSQL and SQLite.
 */
public record InstantRange(Instant from, Instant to) {

  /** {@code " AND column >= ?"} and {@code " AND column <= ?"} for the ends that are set. */
  public String conditions(String column) {
    return (from == null ? "" : " AND " + column + " >= ?") + (to == null ? "" : " AND " + column + " <= ?");
  }

  /** Binds the ends that are set, in the order of {@link #conditions}, from {@code index}; returns the next index. */
  public int bind(Dialect d, PreparedStatement ps, int index) throws SQLException {
    int i = index;
    if (from != null) {
      d.setInstant(ps, i++, from);
    }
    if (to != null) {
      d.setInstant(ps, i++, to);
    }
    return i;
  }
}
