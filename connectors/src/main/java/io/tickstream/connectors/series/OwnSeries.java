package io.tickstream.connectors.series;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.DbException;
import io.tickstream.connectors.db.Dialect;
import io.tickstream.connectors.db.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers tickstream's own series as curated streams, so the phase-gap fitter reads them through
 * the same door as external data ({@code observation}):
 * <ul>
 *   <li>{@link #registerClockOffset}: a receiver's D_clock ({@code clock_offset.clock_offset_ms},
 *       ms, 1-σ {@code uncertainty_ms}) for one channel and processing version; the fused series is
 *       the channel the fusion step writes (by default {@code fused}). Rows graded {@code X} or
 *       without an offset are skipped. Stream key {@code dclock:<receiver>:<channel>:<version>}.
 *   <li>{@link #registerMeshConsensus}: a mesh consensus method ({@code mesh_consensus}, ms, 1-σ
 *       {@code consensus_std_ms}); rows whose quorum flags are set get
 *       {@link #FLAG_MESH_ADVISORY}. Stream key {@code mesh:<method>}. Mesh streams are advisory:
 *       their fits never enter {@code phase_gap_history} (DESIGN.md principle 4).
 * </ul>
 * {@link #sync} copies new or changed rows into {@code observation} (idempotent).
 */
public final class OwnSeries {
  public static final String SOURCE = "tickstream";
  public static final String ORIGIN_CLOCK_OFFSET = "clock_offset";
  public static final String ORIGIN_MESH = "mesh_consensus";
  /** mesh_consensus.flags != 0 (quorum not met): advisory only. */
  public static final int FLAG_MESH_ADVISORY = 4;

  private final Database db;
  private final SeriesStore store;

  public OwnSeries(Database db) {
    this.db = db;
    this.store = new SeriesStore(db);
  }

  public String registerClockOffset(String receiver, String channel, String version, String leapHandling) {
    String key = "dclock:" + receiver + ":" + channel + ":" + version;
    Map<String, Object> sel = new LinkedHashMap<>();
    sel.put("receiver", receiver);
    sel.put("channel", channel);
    sel.put("version", version);
    store.register(new SeriesStore.StreamDef(SOURCE, "tickstream", key, "ms",
        "D_clock = t_system − t_UTC of receiver " + receiver + " channel " + channel + ", version " + version,
        60, leapHandling, "period:86400", ORIGIN_CLOCK_OFFSET, Json.toJson(sel, "selection")));
    return key;
  }

  public String registerMeshConsensus(String method) {
    String key = "mesh:" + method;
    store.register(new SeriesStore.StreamDef(SOURCE, "tickstream", key, "ms",
        "mesh NTP consensus offset, method " + method + " (advisory; never drives the ETA)", null, "none",
        "period:86400", ORIGIN_MESH, Json.toJson(Map.of("method", method), "selection")));
    return key;
  }

  /** Copies the source rows of an own stream into {@code observation}. */
  public SeriesStore.UpsertCounts sync(String streamKey, long ingestRunId) {
    SeriesStore.StreamInfo s = store.find(streamKey)
        .orElseThrow(() -> new IllegalArgumentException("no stream '" + streamKey + "'"));
    Map<?, ?> sel;
    try {
      sel = s.originParamsJson() == null ? Map.of() : Json.MAPPER.readValue(s.originParamsJson(), Map.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stream '" + streamKey + "' has invalid origin_params", e);
    }
    List<SeriesObservation> obs = switch (s.origin()) {
      case ORIGIN_CLOCK_OFFSET -> readClockOffset((String) sel.get("receiver"), (String) sel.get("channel"),
          (String) sel.get("version"));
      case ORIGIN_MESH -> readMesh((String) sel.get("method"));
      default -> throw new IllegalArgumentException("stream '" + streamKey + "' comes from '" + s.origin()
          + "', not from tickstream's own tables; load it with 'tickstream series load'");
    };
    return store.upsert(s.id(), ingestRunId, obs);
  }

  private List<SeriesObservation> readClockOffset(String receiver, String channel, String version) {
    Dialect d = db.dialect();
    List<SeriesObservation> out = new ArrayList<>();
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT minute_utc, clock_offset_ms, uncertainty_ms, quality_grade FROM clock_offset"
            + " WHERE receiver = ? AND channel = ? AND version = ? AND clock_offset_ms IS NOT NULL"
            + " AND quality_grade <> 'X' ORDER BY minute_utc")) {
      ps.setString(1, receiver);
      ps.setString(2, channel);
      ps.setString(3, version);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant t = d.getInstant(rs, "minute_utc");
          double u = rs.getDouble("uncertainty_ms");
          if (rs.wasNull()) {
            u = Double.NaN;
          }
          out.add(new SeriesObservation(t.getEpochSecond() * 1_000_000_000L + t.getNano(),
              rs.getDouble("clock_offset_ms"), u, 0, Map.of("quality_grade", rs.getString("quality_grade"))));
        }
      }
    } catch (SQLException e) {
      throw new DbException("cannot read clock_offset for " + receiver + "/" + channel + "/" + version + ": "
          + e.getMessage(), e);
    }
    return out;
  }

  private List<SeriesObservation> readMesh(String method) {
    Dialect d = db.dialect();
    List<SeriesObservation> out = new ArrayList<>();
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT t_utc, consensus_offset_ms, consensus_std_ms, n_nodes, n_servers, flags FROM mesh_consensus"
            + " WHERE method = ? ORDER BY t_utc")) {
      ps.setString(1, method);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant t = d.getInstant(rs, "t_utc");
          double u = rs.getDouble("consensus_std_ms");
          if (rs.wasNull()) {
            u = Double.NaN;
          }
          int flags = rs.getInt("flags");
          Map<String, Object> raw = new LinkedHashMap<>();
          raw.put("n_nodes", rs.getInt("n_nodes"));
          raw.put("n_servers", rs.getInt("n_servers"));
          raw.put("flags", flags);
          out.add(new SeriesObservation(t.getEpochSecond() * 1_000_000_000L + t.getNano(),
              rs.getDouble("consensus_offset_ms"), u, flags != 0 ? FLAG_MESH_ADVISORY : 0, raw));
        }
      }
    } catch (SQLException e) {
      throw new DbException("cannot read mesh_consensus for method " + method + ": " + e.getMessage(), e);
    }
    return out;
  }
}
