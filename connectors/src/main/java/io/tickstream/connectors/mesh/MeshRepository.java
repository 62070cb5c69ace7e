package io.tickstream.connectors.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.DbException;
import io.tickstream.connectors.db.Dialect;
import io.tickstream.core.mesh.AcceptanceThresholds;
import io.tickstream.core.mesh.MeshProbe;
import io.tickstream.core.mesh.WindowConsensus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * SQL for the mesh tables ({@code mesh_node}, {@code ntp_probe}, {@code mesh_consensus},
 * {@code mesh_node_token}, the {@code mesh.accept.*} rows of {@code app_config}). Every write is an
 * upsert on the natural key, so replaying the same probes never duplicates a row. The same SQL runs
 * on PostgreSQL and SQLite (values bound through {@link Dialect}).
 */
public final class MeshRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final Dialect dialect;

  public MeshRepository(Database db) {
    this.db = db;
    this.dialect = db.dialect();
  }

  public Database database() {
    return db;
  }

  /** ns since the epoch → Instant. */
  public static Instant instant(long ns) {
    return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
  }

  /** Instant → ns since the epoch. */
  public static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** Inserts the node if new; moves {@code last_seen} forward (never back). Returns its id. */
  public long upsertNode(Connection c, String clientId, Instant lastSeen) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO mesh_node(client_id, last_seen) VALUES (?, ?) ON CONFLICT (client_id) DO UPDATE SET "
            + "last_seen = CASE WHEN mesh_node.last_seen IS NULL OR EXCLUDED.last_seen > mesh_node.last_seen "
            + "THEN EXCLUDED.last_seen ELSE mesh_node.last_seen END RETURNING id")) {
      ps.setString(1, clientId);
      dialect.setInstant(ps, 2, lastSeen);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** A probe to store with its verdict and raw JSON. */
  public record ProbeRow(long nodeId, MeshProbe probe, boolean accepted, String rejectReason, String rawJson) {}

  private static final String UPSERT_PROBE =
      "INSERT INTO ntp_probe(node_id, server, t_utc, samples, offset_mean_ms, offset_std_ms, rtt_mean_ms, "
          + "accepted, reject_reason, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          + "ON CONFLICT (node_id, server, t_utc) DO UPDATE SET samples = EXCLUDED.samples, "
          + "offset_mean_ms = EXCLUDED.offset_mean_ms, offset_std_ms = EXCLUDED.offset_std_ms, "
          + "rtt_mean_ms = EXCLUDED.rtt_mean_ms, accepted = EXCLUDED.accepted, "
          + "reject_reason = EXCLUDED.reject_reason, raw = EXCLUDED.raw";

  /** Writes one probe with its acceptance verdict (upsert on node, server, time). */
  public void upsertProbe(Connection c, long nodeId, MeshProbe p, boolean accepted, String rejectReason, String rawJson)
      throws SQLException {
    upsertProbes(c, List.of(new ProbeRow(nodeId, p, accepted, rejectReason, rawJson)));
  }

  /** Writes probes as one JDBC batch (upsert on node, server, time). */
  public void upsertProbes(Connection c, List<ProbeRow> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPSERT_PROBE)) {
      for (ProbeRow r : rows) {
        MeshProbe p = r.probe();
        ps.setLong(1, r.nodeId());
        ps.setString(2, p.server());
        dialect.setInstant(ps, 3, instant(p.tUtcNs()));
        ps.setInt(4, p.samples());
        ps.setDouble(5, p.offsetMeanMs());
        setNullable(ps, 6, p.offsetStdMs());
        setNullable(ps, 7, p.rttMeanMs());
        ps.setBoolean(8, r.accepted());
        ps.setString(9, r.rejectReason());
        dialect.setJson(ps, 10, r.rawJson());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Upserts one row per method of {@code wc} (key {@code t_utc, method}). */
  public void upsertConsensus(Connection c, WindowConsensus wc) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO mesh_consensus(t_utc, method, consensus_offset_ms, consensus_std_ms, n_nodes, n_servers, flags) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (t_utc, method) DO UPDATE SET "
            + "consensus_offset_ms = EXCLUDED.consensus_offset_ms, consensus_std_ms = EXCLUDED.consensus_std_ms, "
            + "n_nodes = EXCLUDED.n_nodes, n_servers = EXCLUDED.n_servers, flags = EXCLUDED.flags")) {
      for (WindowConsensus.MethodEstimate e : wc.estimates()) {
        if (!Double.isFinite(e.offsetMs())) {
          continue;
        }
        dialect.setInstant(ps, 1, instant(wc.tUtcNs()));
        ps.setString(2, e.method());
        ps.setDouble(3, e.offsetMs());
        setNullable(ps, 4, Double.isFinite(e.stdMs()) ? e.stdMs() : null);
        ps.setInt(5, wc.nNodes());
        ps.setInt(6, wc.nServers());
        ps.setInt(7, wc.flags());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Accepted probes with {@code from ≤ t_utc < to}, ordered by time. */
  public List<MeshProbe> acceptedProbes(Connection c, Instant from, Instant to) throws SQLException {
    List<MeshProbe> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT n.client_id, p.server, p.t_utc, p.samples, p.offset_mean_ms, p.offset_std_ms, p.rtt_mean_ms "
            + "FROM ntp_probe p JOIN mesh_node n ON n.id = p.node_id "
            + "WHERE p.accepted = ? AND p.t_utc >= ? AND p.t_utc < ? ORDER BY p.t_utc, n.client_id, p.server")) {
      ps.setBoolean(1, true);
      dialect.setInstant(ps, 2, from);
      dialect.setInstant(ps, 3, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new MeshProbe(rs.getString(1), rs.getString(2), nanos(dialect.getInstant(rs, "t_utc")),
              rs.getInt(4), rs.getDouble(5), nullableDouble(rs, 6), nullableDouble(rs, 7)));
        }
      }
    }
    return out;
  }

  /** Thresholds from {@code app_config} ({@code {"max": …}}); seed defaults for missing keys. */
  public AcceptanceThresholds thresholds() {
    AcceptanceThresholds d = AcceptanceThresholds.defaults();
    double off = d.maxAbsOffsetMs();
    double rtt = d.maxRttMs();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT key, val FROM app_config WHERE key IN (?, ?)")) {
      ps.setString(1, AcceptanceThresholds.OFFSET_KEY);
      ps.setString(2, AcceptanceThresholds.RTT_KEY);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double max = maxOf(rs.getString(1), rs.getString(2));
          if (AcceptanceThresholds.OFFSET_KEY.equals(rs.getString(1))) {
            off = max;
          } else {
            rtt = max;
          }
        }
      }
    } catch (SQLException e) {
      throw new DbException("reading mesh thresholds from app_config: " + e.getMessage(), e);
    }
    return new AcceptanceThresholds(off, rtt);
  }

  private static double maxOf(String key, String json) {
    try {
      JsonNode n = JSON.readTree(json);
      JsonNode max = n.get("max");
      if (max == null || !max.isNumber()) {
        throw new IllegalArgumentException("app_config " + key + " = " + json + " has no numeric \"max\"");
      }
      return max.asDouble();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("app_config " + key + " is not JSON: " + json, e);
    }
  }

  /** Sets an {@code app_config} value (JSON text). */
  public void setConfig(String key, String json) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO app_config(key, val) VALUES (?, ?) "
            + "ON CONFLICT (key) DO UPDATE SET val = EXCLUDED.val, updated_at = " + dialect.nowExpression())) {
      ps.setString(1, key);
      dialect.setJson(ps, 2, json);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new DbException("writing app_config " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Registers {@code clientId} (if new) and issues a new ingest token for it. Only the token's
   * SHA-256 is stored; the returned token cannot be recovered later.
   */
  public String issueToken(String clientId) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = "tsm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    try (Connection c = db.connection()) {
      long nodeId = upsertNode(c, clientId, null);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO mesh_node_token(node_id, token_sha256) VALUES (?, ?)")) {
        ps.setLong(1, nodeId);
        ps.setString(2, sha256(token));
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw new DbException("issuing a token for " + clientId + ": " + e.getMessage(), e);
    }
    return token;
  }

  /** Revokes every token of {@code clientId}; returns how many were active. */
  public int revokeTokens(String clientId) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("UPDATE mesh_node_token SET revoked_at = " + dialect.nowExpression()
            + " WHERE revoked_at IS NULL AND node_id = (SELECT id FROM mesh_node WHERE client_id = ?)")) {
      ps.setString(1, clientId);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new DbException("revoking tokens of " + clientId + ": " + e.getMessage(), e);
    }
  }

  /** The client id owning an active token, if any. */
  public Optional<String> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 200) {
      return Optional.empty();
    }
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT n.client_id FROM mesh_node_token t "
            + "JOIN mesh_node n ON n.id = t.node_id WHERE t.token_sha256 = ? AND t.revoked_at IS NULL")) {
      ps.setString(1, sha256(token));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DbException("checking a mesh token: " + e.getMessage(), e);
    }
  }

  /** A node with its last contact. */
  public record Node(String clientId, Instant createdAt, Instant lastSeen, int activeTokens) {}

  public List<Node> nodes() {
    List<Node> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT n.client_id, n.created_at, n.last_seen, "
            + "(SELECT COUNT(*) FROM mesh_node_token t WHERE t.node_id = n.id AND t.revoked_at IS NULL) AS tokens "
            + "FROM mesh_node n ORDER BY n.client_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Node(rs.getString(1), dialect.getInstant(rs, "created_at"), dialect.getInstant(rs, "last_seen"),
            rs.getInt(4)));
      }
    } catch (SQLException e) {
      throw new DbException("listing mesh nodes: " + e.getMessage(), e);
    }
    return out;
  }

  /** One {@code mesh_consensus} row. */
  public record ConsensusRow(Instant tUtc, String method, double offsetMs, Double stdMs, int nNodes, int nServers,
      int flags) {}

  /** Rows of {@code method} with {@code t_utc ≥ from}, ascending (all methods if method is null). */
  public List<ConsensusRow> consensus(String method, Instant from) {
    List<ConsensusRow> out = new ArrayList<>();
    String sql = "SELECT t_utc, method, consensus_offset_ms, consensus_std_ms, n_nodes, n_servers, flags "
        + "FROM mesh_consensus WHERE t_utc >= ?" + (method == null ? "" : " AND method = ?") + " ORDER BY t_utc, method";
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      dialect.setInstant(ps, 1, from);
      if (method != null) {
        ps.setString(2, method);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ConsensusRow(dialect.getInstant(rs, "t_utc"), rs.getString(2), rs.getDouble(3),
              nullableDouble(rs, 4), rs.getInt(5), rs.getInt(6), rs.getInt(7)));
        }
      }
    } catch (SQLException e) {
      throw new DbException("reading mesh_consensus: " + e.getMessage(), e);
    }
    return out;
  }

  /** Time of the newest consensus row, if any. */
  public Optional<Instant> latestConsensusTime() {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT MAX(t_utc) AS t FROM mesh_consensus");
        ResultSet rs = ps.executeQuery()) {
      if (rs.next() && rs.getObject(1) != null) {
        return Optional.of(dialect.getInstant(rs, "t"));
      }
      return Optional.empty();
    } catch (SQLException e) {
      throw new DbException("reading mesh_consensus: " + e.getMessage(), e);
    }
  }

  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void setNullable(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, v);
    }
  }

  private static Double nullableDouble(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }
}
