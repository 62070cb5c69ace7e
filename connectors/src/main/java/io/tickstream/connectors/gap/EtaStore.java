package io.tickstream.connectors.gap;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.DbException;
import io.tickstream.connectors.db.Dialect;
import io.tickstream.core.gap.EtaEstimator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every SQL statement of the ETA path (estimating and serving), and nothing else: it touches only
 * {@code phase_gap_history}, {@code eta_estimate} and the view {@code v_eta_current} over it
 * (DESIGN.md principle 4; enforced by {@code EtaSeparationTest}). Configuration such as
 * {@code eta.history.window_days} is passed in by the caller.
 */
public final class EtaStore {
  private final Database db;

  public EtaStore(Database db) {
    this.db = db;
  }

  /** The newest phase-gap row. */
  public record LatestGap(Instant asOfUtc, double phaseGapRad, Double slopeRadPerDay) {}

  /**
   * Seed step 3 "try cached robust": {@code SELECT * FROM v_eta_current WHERE method = 'robust_theilsen'
   * LIMIT 1}, columns in view order, instants as Instant, dates as LocalDate. The method filter makes
   * the seed's intent explicit: without it the view (ordered by method) would return a persisted
   * {@code instantaneous_phase} row before the robust one, and that first fallback row would be
   * served forever even as newer phase-gap rows arrive (docs/PHASE_GAP.md §5).
   */
  public Optional<Map<String, Object>> currentCached() {
    Dialect d = db.dialect();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT * FROM v_eta_current WHERE method = ? LIMIT 1")) {
      ps.setString(1, EtaEstimator.METHOD);
      try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      Map<String, Object> row = new LinkedHashMap<>();
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String name = md.getColumnLabel(i);
        Object v;
        switch (name) {
          case "as_of_utc" -> v = d.getInstant(rs, name);
          case "eta_date" -> v = d.getDate(rs, name);
          case "method" -> v = rs.getString(i);
          case "n_points" -> {
            long n = rs.getLong(i);
            v = rs.wasNull() ? null : n;
          }
          default -> {
            double x = rs.getDouble(i);
            v = rs.wasNull() ? null : x;
          }
        }
        row.put(name, v);
      }
      return Optional.of(row);
      }
    } catch (SQLException e) {
      throw new DbException("cannot read v_eta_current: " + e.getMessage(), e);
    }
  }

  /** Seed: the latest phase-gap row ({@code ORDER BY as_of_utc DESC LIMIT 1}). */
  public Optional<LatestGap> latestGap() {
    Dialect d = db.dialect();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT as_of_utc, phase_gap_rad, slope_rad_per_day"
            + " FROM phase_gap_history ORDER BY as_of_utc DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      double slope = rs.getDouble("slope_rad_per_day");
      Double s = rs.wasNull() ? null : slope;
      return Optional.of(new LatestGap(d.getInstant(rs, "as_of_utc"), rs.getDouble("phase_gap_rad"), s));
    } catch (SQLException e) {
      throw new DbException("cannot read phase_gap_history: " + e.getMessage(), e);
    }
  }

  /**
   * Seed: persists the instantaneous fallback, {@code ON CONFLICT (as_of_utc, method) DO NOTHING}.
   * Returns true if a row was inserted.
   */
  public boolean insertInstantaneous(Instant asOf, double etaDays, LocalDate etaDate) {
    Dialect d = db.dialect();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO eta_estimate(as_of_utc, eta_days, eta_date,"
            + " method, n_points, notes) VALUES (?, ?, ?, 'instantaneous_phase', 1, 'fallback')"
            + " ON CONFLICT (as_of_utc, method) DO NOTHING")) {
      d.setInstant(ps, 1, asOf);
      ps.setDouble(2, etaDays);
      d.setDate(ps, 3, etaDate);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new DbException("cannot persist instantaneous ETA: " + e.getMessage(), e);
    }
  }

  /** Rows of {@code phase_gap_history} within {@code windowDays} of the newest row, time order. */
  public List<EtaEstimator.GapRow> history(double windowDays) {
    Optional<LatestGap> latest = latestGap();
    if (latest.isEmpty()) {
      return List.of();
    }
    Instant from = latest.get().asOfUtc().minusNanos((long) (windowDays * 86_400e9));
    Dialect d = db.dialect();
    List<EtaEstimator.GapRow> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT as_of_utc, phase_gap_rad FROM phase_gap_history"
            + " WHERE as_of_utc >= ? ORDER BY as_of_utc")) {
      d.setInstant(ps, 1, from);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant t = d.getInstant(rs, "as_of_utc");
          out.add(new EtaEstimator.GapRow(t.getEpochSecond() * 1_000_000_000L + t.getNano(), rs.getDouble(2)));
        }
      }
    } catch (SQLException e) {
      throw new DbException("cannot read phase_gap_history: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Upserts a robust estimate (only when it has an ETA; eta_estimate.eta_days is NOT NULL).
   * {@code eta_date = as_of + eta_days} (UTC date), reproducible from the row. Returns true if a row
   * was inserted or changed.
   */
  public boolean upsertEstimate(EtaEstimator.Estimate e, String method, String notes) {
    if (!e.hasEta()) {
      throw new IllegalArgumentException("no ETA to store: " + e.reason());
    }
    Instant asOf = Instant.ofEpochSecond(0, e.asOfUtcNs());
    LocalDate etaDate = OffsetDateTime.ofInstant(asOf.plusNanos((long) (e.etaDays() * 86_400e9)),
        java.time.ZoneOffset.UTC).toLocalDate();
    Dialect d = db.dialect();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO eta_estimate(as_of_utc, eta_days, eta_date, method,"
            + " band_iqr_days, kendall_tau, kendall_pvalue, n_points, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (as_of_utc, method) DO UPDATE SET eta_days = excluded.eta_days,"
            + " eta_date = excluded.eta_date, band_iqr_days = excluded.band_iqr_days,"
            + " kendall_tau = excluded.kendall_tau, kendall_pvalue = excluded.kendall_pvalue,"
            + " n_points = excluded.n_points, notes = excluded.notes"
            + " WHERE eta_estimate.eta_days <> excluded.eta_days"
            + " OR eta_estimate.band_iqr_days IS DISTINCT FROM excluded.band_iqr_days"
            + " OR eta_estimate.kendall_pvalue IS DISTINCT FROM excluded.kendall_pvalue"
            + " OR eta_estimate.n_points IS DISTINCT FROM excluded.n_points"
            + " OR eta_estimate.notes IS DISTINCT FROM excluded.notes")) {
      d.setInstant(ps, 1, asOf);
      ps.setDouble(2, e.etaDays());
      d.setDate(ps, 3, etaDate);
      ps.setString(4, method);
      if (Double.isFinite(e.bandIqrDays())) {
        ps.setDouble(5, e.bandIqrDays());
      } else {
        ps.setNull(5, Types.DOUBLE);
      }
      ps.setDouble(6, e.kendallTau());
      ps.setDouble(7, e.kendallPValue());
      ps.setInt(8, e.n());
      ps.setString(9, notes);
      return ps.executeUpdate() == 1;
    } catch (SQLException ex) {
      throw new DbException("cannot write eta_estimate: " + ex.getMessage(), ex);
    }
  }
}
