package io.tickstream.connectors.gap;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.DbException;
import io.tickstream.connectors.db.Dialect;
import io.tickstream.connectors.db.Json;
import io.tickstream.connectors.db.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes phase-gap fits. {@code phase_gap_fit} is keyed {@code (stream_key, method_version,
 * as_of_utc)}, so versions live side by side; {@code phase_gap_history} (seed schema,
 * {@code UNIQUE(as_of_utc)}) holds the one authoritative gap series the ETA reads. Both writes are
 * idempotent: an unchanged fit changes no row. A {@code phase_gap_history} row at the same instant
 * that belongs to another stream or method version is never overwritten; it is counted as a
 * conflict and reported.
 */
public final class PhaseGapStore {
  private final Database db;

  public PhaseGapStore(Database db) {
    this.db = db;
  }

  /** What one write did to each table. */
  public enum Outcome { INSERTED, UPDATED, UNCHANGED, CONFLICT, SKIPPED }

  public record WriteResult(Outcome fit, Outcome history, String conflict) {}

  public WriteResult write(PhaseGapRecord r) {
    try (Connection c = db.connection()) {
      return Transactions.run(c, () -> {
        Outcome fit = upsertFit(c, r);
        return r.authoritative() ? upsertHistory(c, r, fit) : new WriteResult(fit, Outcome.SKIPPED, null);
      });
    } catch (SQLException e) {
      throw new DbException("cannot write phase gap of '" + r.streamKey() + "' at "
          + instant(r.fit().asOfUtcNs()) + ": " + e.getMessage(), e);
    }
  }

  private Outcome upsertFit(Connection c, PhaseGapRecord r) throws SQLException {
    Dialect d = db.dialect();
    var f = r.fit();
    try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM phase_gap_fit WHERE stream_key = ?"
        + " AND method_version = ? AND as_of_utc = ?")) {
      q.setString(1, r.streamKey());
      q.setString(2, r.methodVersion());
      d.setInstant(q, 3, instant(f.asOfUtcNs()));
      boolean existed;
      try (ResultSet rs = q.executeQuery()) {
        existed = rs.next();
      }
      String sql = "INSERT INTO phase_gap_fit(stream_key, method_version, as_of_utc, window_start_utc, n_points,"
          + " phase_gap_rad, slope_rad_per_day, slope_low_rad_per_day, slope_high_rad_per_day, confidence,"
          + " wls_slope_rad_per_day, wls_slope_stderr_rad_per_day, wls_chi2_per_dof, leap_seconds_removed,"
          + " params, ingest_run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (stream_key, method_version, as_of_utc) DO UPDATE SET"
          + " window_start_utc = excluded.window_start_utc, n_points = excluded.n_points,"
          + " phase_gap_rad = excluded.phase_gap_rad, slope_rad_per_day = excluded.slope_rad_per_day,"
          + " slope_low_rad_per_day = excluded.slope_low_rad_per_day,"
          + " slope_high_rad_per_day = excluded.slope_high_rad_per_day, confidence = excluded.confidence,"
          + " wls_slope_rad_per_day = excluded.wls_slope_rad_per_day,"
          + " wls_slope_stderr_rad_per_day = excluded.wls_slope_stderr_rad_per_day,"
          + " wls_chi2_per_dof = excluded.wls_chi2_per_dof, leap_seconds_removed = excluded.leap_seconds_removed,"
          + " params = excluded.params, ingest_run_id = excluded.ingest_run_id"
          + " WHERE phase_gap_fit.phase_gap_rad <> excluded.phase_gap_rad"
          + " OR phase_gap_fit.slope_rad_per_day <> excluded.slope_rad_per_day"
          + " OR phase_gap_fit.slope_low_rad_per_day <> excluded.slope_low_rad_per_day"
          + " OR phase_gap_fit.slope_high_rad_per_day <> excluded.slope_high_rad_per_day"
          + " OR phase_gap_fit.n_points <> excluded.n_points"
          + " OR phase_gap_fit.window_start_utc <> excluded.window_start_utc"
          + " OR phase_gap_fit.wls_slope_rad_per_day IS DISTINCT FROM excluded.wls_slope_rad_per_day";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, r.streamKey());
        ps.setString(2, r.methodVersion());
        d.setInstant(ps, 3, instant(f.asOfUtcNs()));
        d.setInstant(ps, 4, instant(f.windowStartUtcNs()));
        ps.setInt(5, f.n());
        ps.setDouble(6, f.phaseGapRad());
        ps.setDouble(7, f.slopeRadPerDay());
        ps.setDouble(8, f.slopeLowRadPerDay());
        ps.setDouble(9, f.slopeHighRadPerDay());
        ps.setDouble(10, f.confidence());
        setNullable(ps, 11, f.wlsSlopeRadPerDay());
        setNullable(ps, 12, f.wlsSlopeStdErrRadPerDay());
        setNullable(ps, 13, f.wlsChi2PerDof());
        ps.setInt(14, f.leapSecondsRemoved());
        d.setJson(ps, 15, r.paramsJson());
        ps.setLong(16, r.ingestRunId());
        int n = ps.executeUpdate();
        return n == 0 ? Outcome.UNCHANGED : existed ? Outcome.UPDATED : Outcome.INSERTED;
      }
    }
  }

  private WriteResult upsertHistory(Connection c, PhaseGapRecord r, Outcome fit) throws SQLException {
    Dialect d = db.dialect();
    var f = r.fit();
    Instant asOf = instant(f.asOfUtcNs());
    try (PreparedStatement q = c.prepareStatement("SELECT phase_gap_rad, slope_rad_per_day, method_version,"
        + " provenance FROM phase_gap_history WHERE as_of_utc = ?")) {
      d.setInstant(q, 1, asOf);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          String version = rs.getString("method_version");
          String stream = streamOf(rs.getString("provenance"));
          if (!version.equals(r.methodVersion()) || !Objects.equals(stream, r.streamKey())) {
            return new WriteResult(fit, Outcome.CONFLICT, "phase_gap_history at " + asOf + " belongs to stream "
                + stream + " version " + version + "; kept");
          }
          double slope = rs.getDouble("slope_rad_per_day");
          boolean slopeNull = rs.wasNull();
          if (rs.getDouble("phase_gap_rad") == f.phaseGapRad() && !slopeNull && slope == f.slopeRadPerDay()) {
            return new WriteResult(fit, Outcome.UNCHANGED, null);
          }
          try (PreparedStatement u = c.prepareStatement("UPDATE phase_gap_history SET phase_gap_rad = ?,"
              + " slope_rad_per_day = ?, provenance = ? WHERE as_of_utc = ?")) {
            u.setDouble(1, f.phaseGapRad());
            u.setDouble(2, f.slopeRadPerDay());
            d.setJson(u, 3, r.provenanceJson());
            d.setInstant(u, 4, asOf);
            u.executeUpdate();
          }
          return new WriteResult(fit, Outcome.UPDATED, null);
        }
      }
    }
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO phase_gap_history(as_of_utc, phase_gap_rad,"
        + " slope_rad_per_day, method_version, provenance) VALUES (?, ?, ?, ?, ?)")) {
      d.setInstant(ins, 1, asOf);
      ins.setDouble(2, f.phaseGapRad());
      ins.setDouble(3, f.slopeRadPerDay());
      ins.setString(4, r.methodVersion());
      d.setJson(ins, 5, r.provenanceJson());
      ins.executeUpdate();
    }
    return new WriteResult(fit, Outcome.INSERTED, null);
  }

  /** The stream key recorded in a provenance object ({@code "stream"}), or null. */
  static String streamOf(String provenanceJson) {
    if (provenanceJson == null) {
      return null;
    }
    try {
      Object s = Json.MAPPER.readValue(provenanceJson, Map.class).get("stream");
      return s == null ? null : s.toString();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  /** Rows of {@code phase_gap_fit} for a stream and version, time order (for tests and charts). */
  public List<Map<String, Object>> fits(String streamKey, String methodVersion) {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT as_of_utc,"
        + " phase_gap_rad, slope_rad_per_day, n_points, ingest_run_id FROM phase_gap_fit WHERE stream_key = ?"
        + " AND method_version = ? ORDER BY as_of_utc")) {
      ps.setString(1, streamKey);
      ps.setString(2, methodVersion);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Map.of("as_of_utc", db.dialect().getInstant(rs, "as_of_utc"),
              "phase_gap_rad", rs.getDouble(2), "slope_rad_per_day", rs.getDouble(3), "n_points", rs.getInt(4),
              "ingest_run_id", rs.getLong(5)));
        }
      }
    } catch (SQLException e) {
      throw new DbException("cannot read phase_gap_fit: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Fits of this stream and version whose instant in {@code phase_gap_history} is owned by another
   * method version (so the history there is not this version's).
   */
  public long historyConflicts(String streamKey, String methodVersion) {
    return count("SELECT count(*) FROM phase_gap_fit f JOIN phase_gap_history h ON h.as_of_utc = f.as_of_utc"
        + " WHERE f.stream_key = ? AND f.method_version = ? AND h.method_version <> f.method_version",
        "compare phase_gap_fit with phase_gap_history", streamKey, methodVersion);
  }

  /** Number of phase_gap_fit rows last written (inserted or changed) by this ingest run. */
  public long countByRun(long ingestRunId) {
    return count("SELECT count(*) FROM phase_gap_fit WHERE ingest_run_id = ?", "count phase_gap_fit rows",
        ingestRunId);
  }

  private long count(String sql, String what, Object... args) {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new DbException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private static void setNullable(PreparedStatement ps, int i, double v) throws SQLException {
    if (Double.isFinite(v)) {
      ps.setDouble(i, v);
    } else {
      ps.setNull(i, Types.DOUBLE);
    }
  }

  static Instant instant(long tNs) {
    return Instant.ofEpochSecond(Math.floorDiv(tNs, 1_000_000_000L), Math.floorMod(tNs, 1_000_000_000L));
  }
}
