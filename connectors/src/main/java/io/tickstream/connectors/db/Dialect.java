package io.tickstream.connectors.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * The two supported databases and how tickstream's logical column types are bound on each
 * (docs/STORAGE.md): PostgreSQL uses native TIMESTAMPTZ/DATE/JSONB; SQLite stores instants as
 * TEXT {@code YYYY-MM-DDTHH:MM:SS.ffffffZ} (UTC, always six fraction digits so that text order is
 * time order; the migrations CHECK this format), dates as TEXT {@code YYYY-MM-DD} and JSON as TEXT.
 * Instants are truncated to microseconds on both (PostgreSQL's resolution).
 */
public enum Dialect {
  POSTGRESQL("postgresql"),
  SQLITE("sqlite");

  /** Canonical SQLite instant text: UTC, microseconds, trailing Z. */
  public static final DateTimeFormatter SQLITE_INSTANT = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
      .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
      .appendLiteral('Z')
      .toFormatter()
      .withZone(ZoneOffset.UTC);

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** Flyway location of this dialect's migrations (schemas module resources). */
  public String migrationLocation() {
    return "classpath:db/migration/" + folder;
  }

  /** An instant as stored in SQLite TEXT columns ({@link #SQLITE_INSTANT}). */
  public static String sqliteText(Instant t) {
    return SQLITE_INSTANT.format(t.truncatedTo(ChronoUnit.MICROS));
  }

  /** Binds an instant (or SQL NULL) to a TIMESTAMPTZ column. */
  public void setInstant(PreparedStatement ps, int index, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(index, this == POSTGRESQL ? Types.TIMESTAMP_WITH_TIMEZONE : Types.VARCHAR);
    } else if (this == POSTGRESQL) {
      ps.setObject(index, OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    } else {
      ps.setString(index, sqliteText(t));
    }
  }

  /** Reads a TIMESTAMPTZ column; null for SQL NULL. */
  public Instant getInstant(ResultSet rs, String column) throws SQLException {
    if (this == POSTGRESQL) {
      OffsetDateTime odt = rs.getObject(column, OffsetDateTime.class);
      return odt == null ? null : odt.toInstant();
    }
    String s = rs.getString(column);
    return s == null ? null : Instant.parse(s);
  }

  /** Binds a date (or NULL) to a DATE column. */
  public void setDate(PreparedStatement ps, int index, LocalDate d) throws SQLException {
    if (d == null) {
      ps.setNull(index, this == POSTGRESQL ? Types.DATE : Types.VARCHAR);
    } else if (this == POSTGRESQL) {
      ps.setObject(index, d);
    } else {
      ps.setString(index, d.toString());
    }
  }

  /** Reads a DATE column; null for SQL NULL. */
  public LocalDate getDate(ResultSet rs, String column) throws SQLException {
    if (this == POSTGRESQL) {
      return rs.getObject(column, LocalDate.class);
    }
    String s = rs.getString(column);
    return s == null ? null : LocalDate.parse(s);
  }

  /** Binds JSON text (or NULL) to a JSONB (PostgreSQL) / TEXT (SQLite) column. */
  public void setJson(PreparedStatement ps, int index, String json) throws SQLException {
    if (this == POSTGRESQL) {
      ps.setObject(index, json, Types.OTHER);
    } else if (json == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, json);
    }
  }

  /** SQL expression for "now" in this dialect's timestamp representation. */
  public String nowExpression() {
    return this == POSTGRESQL ? "now()" : "(strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z')";
  }
}
