package io.tickstream.connectors.series;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.DbException;
import io.tickstream.connectors.db.Dialect;
import io.tickstream.connectors.db.IngestRuns;
import io.tickstream.connectors.db.InstantRange;
import io.tickstream.connectors.db.Json;
import io.tickstream.connectors.db.Transactions;
import io.tickstream.core.gap.SeriesPoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The single door for curated series: {@code source_registry} → {@code timeseries_stream} →
 * {@code observation} (seeds/000 §1). Stream keys are unique across sources (so that
 * {@code --stream KEY} names one series). Observation writes are idempotent upserts on
 * {@code (stream_id, t_utc)}: a row changes only if its value, uncertainty or flags change, so
 * re-loading the same file touches nothing.
 */
public final class SeriesStore {
  private final Database db;

  public SeriesStore(Database db) {
    this.db = db;
  }

  /** What to register. {@code originParamsJson} may be null. */
  public record StreamDef(String sourceName, String sourceKind, String streamKey, String unit,
                          String description, Integer cadenceSec, String leapHandling,
                          String phaseConversion, String origin, String originParamsJson) {}

  /** A registered stream with a summary of its observations. */
  public record StreamInfo(long id, String streamKey, String sourceName, String unit, String description,
                           String leapHandling, String phaseConversion, String origin, String originParamsJson,
                           long observations, Instant first, Instant last) {}

  /** Upsert outcome. */
  public record UpsertCounts(int written, int unchanged) {}

  /** Registers (or updates the description/handling of) a stream; returns its id. */
  public long register(StreamDef def) {
    try (Connection c = db.connection()) {
      long sourceId = IngestRuns.sourceId(c, def.sourceName(), def.sourceKind());
      try (PreparedStatement q = c.prepareStatement(
          "SELECT s.id, s.source_id, s.unit, r.name FROM timeseries_stream s"
              + " JOIN source_registry r ON r.id = s.source_id WHERE s.stream_key = ?")) {
        q.setString(1, def.streamKey());
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            long id = rs.getLong(1);
            if (rs.getLong(2) != sourceId) {
              throw new IllegalArgumentException("stream '" + def.streamKey() + "' already belongs to source '"
                  + rs.getString(4) + "', not '" + def.sourceName() + "'");
            }
            if (!rs.getString(3).equals(def.unit())) {
              throw new IllegalArgumentException("stream '" + def.streamKey() + "' has unit '" + rs.getString(3)
                  + "', cannot load values in '" + def.unit() + "'");
            }
            try (PreparedStatement u = c.prepareStatement("UPDATE timeseries_stream SET description = ?,"
                + " leap_handling = ?, phase_conversion = ?, origin = ?, origin_params = ? WHERE id = ?")) {
              bindDef(u, def, 1);
              u.setLong(6, id);
              u.executeUpdate();
            }
            return id;
          }
        }
      }
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO timeseries_stream(description, leap_handling,"
          + " phase_conversion, origin, origin_params, source_id, stream_key, unit, cadence_sec)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
        bindDef(ins, def, 1);
        ins.setLong(6, sourceId);
        ins.setString(7, def.streamKey());
        ins.setString(8, def.unit());
        if (def.cadenceSec() == null) {
          ins.setNull(9, Types.INTEGER);
        } else {
          ins.setInt(9, def.cadenceSec());
        }
        try (ResultSet rs = ins.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    } catch (SQLException e) {
      throw new DbException("cannot register stream '" + def.streamKey() + "': " + e.getMessage(), e);
    }
  }

  private void bindDef(PreparedStatement ps, StreamDef def, int from) throws SQLException {
    ps.setString(from, def.description());
    ps.setString(from + 1, def.leapHandling() == null ? "none" : def.leapHandling());
    ps.setString(from + 2, def.phaseConversion());
    ps.setString(from + 3, def.origin() == null ? "file" : def.origin());
    db.dialect().setJson(ps, from + 4, def.originParamsJson());
  }

  /** Idempotent upsert of observations, one transaction. */
  public UpsertCounts upsert(long streamId, long ingestRunId, List<SeriesObservation> observations) {
    Dialect d = db.dialect();
    String sql = "INSERT INTO observation(stream_id, t_utc, value, uncertainty, quality_flags, raw, ingest_run_id)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (stream_id, t_utc) DO UPDATE SET value = excluded.value,"
        + " uncertainty = excluded.uncertainty, quality_flags = excluded.quality_flags, raw = excluded.raw,"
        + " ingest_run_id = excluded.ingest_run_id"
        + " WHERE observation.value <> excluded.value"
        + " OR observation.uncertainty IS DISTINCT FROM excluded.uncertainty"
        + " OR observation.quality_flags <> excluded.quality_flags";
    int written;
    try (Connection c = db.connection()) {
      written = Transactions.run(c, () -> {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int n = 0;
          int pending = 0;
          for (SeriesObservation o : observations) {
            ps.setLong(1, streamId);
            d.setInstant(ps, 2, instant(o.tUtcNs()));
            ps.setDouble(3, o.value());
            if (Double.isFinite(o.uncertainty())) {
              ps.setDouble(4, o.uncertainty());
            } else {
              ps.setNull(4, Types.DOUBLE);
            }
            ps.setInt(5, o.qualityFlags());
            d.setJson(ps, 6, Json.toJson(o.raw(), "observation.raw"));
            ps.setLong(7, ingestRunId);
            ps.addBatch();
            if (++pending == 1000) {
              n += sum(ps.executeBatch());
              pending = 0;
            }
          }
          if (pending > 0) {
            n += sum(ps.executeBatch());
          }
          return n;
        }
      });
    } catch (SQLException e) {
      throw new DbException("cannot write observations of stream id " + streamId + ": " + e.getMessage(), e);
    }
    return new UpsertCounts(written, observations.size() - written);
  }

  private static int sum(int[] counts) {
    int s = 0;
    for (int n : counts) {
      s += Math.max(n, 0);
    }
    return s;
  }

  /** All streams with observation counts and time span. */
  public List<StreamInfo> list() {
    return query(null);
  }

  public Optional<StreamInfo> find(String streamKey) {
    List<StreamInfo> l = query(streamKey);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  private List<StreamInfo> query(String key) {
    Dialect d = db.dialect();
    String sql = "SELECT s.id, s.stream_key, r.name AS source_name, s.unit, s.description, s.leap_handling,"
        + " s.phase_conversion, s.origin, s.origin_params, count(o.id) AS n, min(o.t_utc) AS first_t,"
        + " max(o.t_utc) AS last_t FROM timeseries_stream s JOIN source_registry r ON r.id = s.source_id"
        + " LEFT JOIN observation o ON o.stream_id = s.id"
        + (key == null ? "" : " WHERE s.stream_key = ?")
        + " GROUP BY s.id, s.stream_key, r.name, s.unit, s.description, s.leap_handling, s.phase_conversion,"
        + " s.origin, s.origin_params ORDER BY s.stream_key";
    List<StreamInfo> out = new ArrayList<>();
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (key != null) {
        ps.setString(1, key);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new StreamInfo(rs.getLong("id"), rs.getString("stream_key"), rs.getString("source_name"),
              rs.getString("unit"), rs.getString("description"), rs.getString("leap_handling"),
              rs.getString("phase_conversion"), rs.getString("origin"), rs.getString("origin_params"),
              rs.getLong("n"), d.getInstant(rs, "first_t"), d.getInstant(rs, "last_t")));
        }
      }
    } catch (SQLException e) {
      throw new DbException("cannot list streams: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Observations of a stream in {@code [from, to]} (either may be null), time order, skipping rows
   * with any of {@code excludeFlags} set.
   */
  public List<SeriesPoint> read(String streamKey, Instant from, Instant to, int excludeFlags) {
    StreamInfo s = find(streamKey).orElseThrow(() -> new IllegalArgumentException("no stream '" + streamKey
        + "' (see 'tickstream series list')"));
    Dialect d = db.dialect();
    InstantRange range = new InstantRange(from, to);
    String sql = "SELECT t_utc, value, uncertainty, quality_flags FROM observation WHERE stream_id = ?"
        + range.conditions("t_utc") + " ORDER BY t_utc";
    List<SeriesPoint> out = new ArrayList<>();
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, s.id());
      range.bind(d, ps, 2);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if ((rs.getInt("quality_flags") & excludeFlags) != 0) {
            continue;
          }
          Instant t = d.getInstant(rs, "t_utc");
          double unc = rs.getDouble("uncertainty");
          if (rs.wasNull()) {
            unc = Double.NaN;
          }
          out.add(new SeriesPoint(t.getEpochSecond() * 1_000_000_000L + t.getNano(), rs.getDouble("value"), unc));
        }
      }
    } catch (SQLException e) {
      throw new DbException("cannot read observations of '" + streamKey + "': " + e.getMessage(), e);
    }
    return out;
  }

  static Instant instant(long tNs) {
    return Instant.ofEpochSecond(Math.floorDiv(tNs, 1_000_000_000L), Math.floorMod(tNs, 1_000_000_000L));
  }
}
