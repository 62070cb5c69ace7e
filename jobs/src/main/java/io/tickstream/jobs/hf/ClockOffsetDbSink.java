package io.tickstream.jobs.hf;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.Dialect;
import io.tickstream.core.hf.clock.ClockOffsetMeasurement;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Upserts clock-offset rows into {@code clock_offset} on the natural key (receiver, channel,
 * version, minute_utc). A row whose values are unchanged is left untouched (same
 * {@code processed_at} and {@code ingest_run_id}), so rerunning a version over the same input
 * changes no row; a replay after a failure overwrites with identical values. Rows are buffered and
 * committed in one transaction on every flush (checkpoint or end of input).
 */
public final class ClockOffsetDbSink implements Sink<ClockOffsetRow> {
  private final String dbUrl;
  private final Long ingestRunId;

  public ClockOffsetDbSink(String dbUrl, Long ingestRunId) {
    this.dbUrl = dbUrl;
    this.ingestRunId = ingestRunId;
  }

  @Override
  public SinkWriter<ClockOffsetRow> createWriter(WriterInitContext context) {
    return new Writer(Database.open(dbUrl), ingestRunId);
  }

  static final String COLUMNS = "receiver, channel, version, minute_utc, system_time, utc_time, minute_boundary_utc, "
      + "clock_offset_ms, station, frequency_mhz, propagation_delay_ms, propagation_mode, n_hops, confidence, "
      + "uncertainty_ms, quality_grade, snr_db, delay_spread_ms, doppler_std_hz, fss_db, wwv_power_db, wwvh_power_db, "
      + "discrimination_confidence, utc_verified, multi_station_verified, rtp_timestamp, ingest_run_id";
  private static final String[] VALUE_COLUMNS = {"system_time", "utc_time", "minute_boundary_utc", "clock_offset_ms",
      "station", "frequency_mhz", "propagation_delay_ms", "propagation_mode", "n_hops", "confidence", "uncertainty_ms",
      "quality_grade", "snr_db", "delay_spread_ms", "doppler_std_hz", "fss_db", "wwv_power_db", "wwvh_power_db",
      "discrimination_confidence", "utc_verified", "multi_station_verified", "rtp_timestamp"};

  static String upsertSql(Dialect d) {
    String distinct = d == Dialect.POSTGRESQL ? " IS DISTINCT FROM " : " IS NOT ";
    StringBuilder set = new StringBuilder();
    StringBuilder changed = new StringBuilder();
    for (String c : VALUE_COLUMNS) {
      set.append(c).append(" = excluded.").append(c).append(", ");
      changed.append(changed.isEmpty() ? "" : " OR ").append("clock_offset.").append(c).append(distinct)
          .append("excluded.").append(c);
    }
    return "INSERT INTO clock_offset(" + COLUMNS + ", processed_at) VALUES (" + "?, ".repeat(27) + d.nowExpression()
        + ") ON CONFLICT (receiver, channel, version, minute_utc) DO UPDATE SET " + set
        + "ingest_run_id = excluded.ingest_run_id, processed_at = excluded.processed_at WHERE " + changed;
  }

  private static final class Writer implements SinkWriter<ClockOffsetRow> {
    private final Database db;
    private final Long runId;
    private final List<ClockOffsetRow> buffer = new ArrayList<>();

    Writer(Database db, Long runId) {
      this.db = db;
      this.runId = runId;
    }

    @Override
    public void write(ClockOffsetRow row, Context context) {
      buffer.add(row);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      if (buffer.isEmpty()) {
        return;
      }
      Dialect d = db.dialect();
      try (Connection c = db.connection()) {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(upsertSql(d))) {
          for (ClockOffsetRow r : buffer) {
            bind(ps, d, r);
            ps.addBatch();
          }
          ps.executeBatch();
        }
        c.commit();
      } catch (SQLException e) {
        throw new IOException("cannot upsert " + buffer.size() + " clock_offset rows into " + db.url().masked() + ": "
            + e.getMessage(), e);
      }
      buffer.clear();
    }

    private void bind(PreparedStatement ps, Dialect d, ClockOffsetRow r) throws SQLException {
      ClockOffsetMeasurement m = r.measurement();
      int i = 1;
      ps.setString(i++, r.receiver());
      ps.setString(i++, r.channel());
      ps.setString(i++, r.version());
      d.setInstant(ps, i++, ns(m.minuteBoundaryUtcNs()));
      d.setInstant(ps, i++, ns(m.systemTimeNs()));
      d.setInstant(ps, i++, ns(m.utcTimeNs()));
      d.setInstant(ps, i++, ns(m.minuteBoundaryUtcNs()));
      dbl(ps, i++, m.clockOffsetMs());
      ps.setString(i++, m.station().name());
      dbl(ps, i++, m.frequencyMHz());
      dbl(ps, i++, m.propagationDelayMs());
      ps.setString(i++, m.mode() == null ? null : m.mode().label());
      if (m.mode() == null) {
        ps.setNull(i++, Types.INTEGER);
      } else {
        ps.setInt(i++, m.mode().hops());
      }
      dbl(ps, i++, m.confidence());
      dbl(ps, i++, m.uncertaintyMs());
      ps.setString(i++, m.grade().name());
      dbl(ps, i++, m.snrDb());
      dbl(ps, i++, m.delaySpreadMs());
      dbl(ps, i++, m.dopplerStdHz());
      dbl(ps, i++, m.fssDb());
      dbl(ps, i++, m.context() == null ? Double.NaN : m.context().wwvPowerDb());
      dbl(ps, i++, m.context() == null ? Double.NaN : m.context().wwvhPowerDb());
      dbl(ps, i++, m.context() == null ? Double.NaN : m.context().discriminationConfidence());
      bool(ps, d, i++, m.utcVerified());
      bool(ps, d, i++, m.multiStationVerified());
      if (m.context() == null || m.context().rtpTimestamp() < 0) {
        ps.setNull(i++, Types.BIGINT);
      } else {
        ps.setLong(i++, m.context().rtpTimestamp());
      }
      if (runId == null) {
        ps.setNull(i, Types.BIGINT);
      } else {
        ps.setLong(i, runId);
      }
    }

    private static Instant ns(long ns) {
      return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    }

    private static void dbl(PreparedStatement ps, int i, double v) throws SQLException {
      if (Double.isFinite(v)) {
        ps.setDouble(i, v);
      } else {
        ps.setNull(i, Types.DOUBLE);
      }
    }

    private static void bool(PreparedStatement ps, Dialect d, int i, boolean v) throws SQLException {
      if (d == Dialect.POSTGRESQL) {
        ps.setBoolean(i, v);
      } else {
        ps.setInt(i, v ? 1 : 0);
      }
    }

    @Override
    public void close() {
      db.close();
    }
  }
}
