package io.tickstream.api.gap;

import io.tickstream.api.ApiError;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.DbException;
import io.tickstream.connectors.db.Dialect;
import io.tickstream.connectors.db.InstantRange;
import io.tickstream.connectors.db.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only chart/mirror routes:
 * <ul>
 *   <li>{@code GET /api/phase_gap?from=T&to=T}: {@code phase_gap_history} rows in time order
 *       (as_of_utc, phase_gap_rad, slope_rad_per_day, method_version, provenance);
 *   <li>{@code GET /api/forecast[?from=T&to=T]}: purely mirrors {@code forecast_history} (seeds/000
 *       step 3: "reads forecast_history only"): the latest row, or the rows in the range, each with
 *       its {@code units} taken from {@code model_meta.units}.
 * </ul>
 * {@code T} is ISO-8601 with zone (e.g. {@code 2026-07-01T00:00:00Z}); a bad value is a 400 naming
 * the parameter.
 */
public final class GapReadRoutes {
  static final int MAX_ROWS = 100_000;
  private final Database db;

  public GapReadRoutes(Database db) {
    this.db = db;
  }

  public static Instant param(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("query parameter '" + name + "' is not ISO-8601 with zone: '" + value + "'");
    }
  }

  public Map<String, Object> phaseGap(Instant from, Instant to) {
    List<Map<String, Object>> rows = rows("SELECT as_of_utc, phase_gap_rad, slope_rad_per_day, method_version,"
        + " provenance FROM phase_gap_history", from, to, rs -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("as_of_utc", db.dialect().getInstant(rs, "as_of_utc").toString());
          m.put("phase_gap_rad", rs.getDouble("phase_gap_rad"));
          double s = rs.getDouble("slope_rad_per_day");
          m.put("slope_rad_per_day", rs.wasNull() ? null : s);
          m.put("method_version", rs.getString("method_version"));
          m.put("provenance", json(rs.getString("provenance")));
          return m;
        });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("count", rows.size());
    body.put("rows", rows);
    return body;
  }

  public Map<String, Object> forecast(Instant from, Instant to) {
    boolean latest = from == null && to == null;
    List<Map<String, Object>> rows = rows("SELECT as_of_utc, current_value, trend_rate, forecast_value,"
        + " horizon_sec, model_meta FROM forecast_history", from, to, rs -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("as_of_utc", db.dialect().getInstant(rs, "as_of_utc").toString());
          m.put("current_value", rs.getDouble("current_value"));
          m.put("trend_rate", rs.getDouble("trend_rate"));
          double f = rs.getDouble("forecast_value");
          m.put("forecast_value", rs.wasNull() ? null : f);
          int h = rs.getInt("horizon_sec");
          m.put("horizon_sec", rs.wasNull() ? null : h);
          Object meta = json(rs.getString("model_meta"));
          m.put("units", meta instanceof Map<?, ?> mm ? mm.get("units") : null);
          m.put("model_meta", meta);
          return m;
        });
    Map<String, Object> body = new LinkedHashMap<>();
    if (latest) {
      if (rows.isEmpty()) {
        body.put("success", false);
        body.put("error", "no forecast history");
        return body;
      }
      body.put("success", true);
      body.put("forecast", rows.get(rows.size() - 1));
      return body;
    }
    body.put("success", true);
    body.put("count", rows.size());
    body.put("rows", rows);
    return body;
  }

  private interface RowMapper {
    Map<String, Object> map(ResultSet rs) throws SQLException;
  }

  private List<Map<String, Object>> rows(String select, Instant from, Instant to, RowMapper mapper) {
    Dialect d = db.dialect();
    InstantRange range = new InstantRange(from, to);
    String sql = select + " WHERE 1 = 1" + range.conditions("as_of_utc") + " ORDER BY as_of_utc LIMIT " + MAX_ROWS;
    List<Map<String, Object>> out = new ArrayList<>();
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      range.bind(d, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
      }
    } catch (SQLException e) {
      throw new DbException("query failed: " + e.getMessage(), e);
    }
    return out;
  }

  private static Object json(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(text, Object.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return text;
    }
  }
}
