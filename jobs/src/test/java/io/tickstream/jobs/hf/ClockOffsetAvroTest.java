package io.tickstream.jobs.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.Dialect;
import io.tickstream.connectors.db.IngestRuns;
import io.tickstream.connectors.kafka.AvroSingleObjectSchema;
import io.tickstream.core.hf.clock.ArrivalObservation;
import io.tickstream.core.hf.clock.ClockOffsetCsv;
import io.tickstream.core.hf.clock.ClockOffsetMeasurement;
import io.tickstream.core.hf.clock.PropagationMode;
import io.tickstream.core.hf.clock.QualityGrade;
import io.tickstream.core.hf.clock.Transmitter;
import io.tickstream.schemas.avro.ClockOffsetMeasurement.Builder;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code clock-offsets} record of a row carries the same columns, with the same meaning, as the
 * row's {@code clock_offset_series.csv} line ({@link ClockOffsetCsv}) and its {@code clock_offset} table
 * row ({@link ClockOffsetDbSink}): a complete measurement and an invalid one (NaN, no mode, no context).
 */
class ClockOffsetAvroTest {
  static final long MINUTE_NS = Instant.parse("2025-06-15T14:04:00Z").getEpochSecond() * 1_000_000_000L;
  static final Instant PROCESSED_AT = Instant.parse("2026-11-22T05:00:01Z");

  static final ClockOffsetRow FULL = new ClockOffsetRow("rx1", "WWV_10_MHz", 10e6, "v1", new ClockOffsetMeasurement(
      MINUTE_NS, MINUTE_NS - 2_499_871L, MINUTE_NS, 2.499871234, Transmitter.WWV, 10.0, 7.8912345, PropagationMode.F1,
      0.87654, 0.123456, QualityGrade.B, 23.456, 0.1234, 0.0456, 1.234, new ArrivalObservation.Context(-41.25, -55.5,
      0.9125, 4_294_967_296_123L), true, false, 1));
  static final ClockOffsetRow INVALID = new ClockOffsetRow("rx1", HfJobConfig.FUSED, 10e6, "v1",
      new ClockOffsetMeasurement(MINUTE_NS + 60_000_000_000L, MINUTE_NS + 60_000_000_000L, MINUTE_NS + 60_000_000_000L,
          Double.NaN, Transmitter.WWVH, 15.0, Double.NaN, null, 0.0, Double.NaN, QualityGrade.X, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, ArrivalObservation.Context.NONE, false, false, 0));

  @Test
  void avroHasTheCsvAndTableSemanticsOfTheSameRow(@TempDir Path tmp) throws Exception {
    String url = "sqlite:///" + tmp.resolve("t.db").toAbsolutePath();
    long runId;
    try (Database db = Database.open(url)) {
      db.migrate();
      runId = new IngestRuns(db, "test").start("hf-test", Map.of(), null);
    }
    SinkWriter<ClockOffsetRow> w = new ClockOffsetDbSink(url, runId).createWriter(null);
    for (ClockOffsetRow r : List.of(FULL, INVALID)) {
      w.write(r, null);
    }
    w.flush(true);
    w.close();

    AvroSingleObjectSchema<io.tickstream.schemas.avro.ClockOffsetMeasurement> schema =
        AvroSingleObjectSchema.of(io.tickstream.schemas.avro.ClockOffsetMeasurement.class);
    for (ClockOffsetRow r : List.of(FULL, INVALID)) {
      io.tickstream.schemas.avro.ClockOffsetMeasurement a = ClockOffsetAvro.toAvro(r, PROCESSED_AT, runId);
      assertEquals(a, schema.deserialize(schema.serialize(a)), "single-object round trip");
      assertCsvLine(r, a);
      assertTableRow(url, r, a);
    }
    assertEquals("rx1/WWV_10_MHz/v1/2025-06-15T14:04:00Z", ClockOffsetAvro.key(FULL));
    assertEquals("rx1/FUSED/v1/2025-06-15T14:05:00Z", ClockOffsetAvro.key(INVALID));

    io.tickstream.schemas.avro.ClockOffsetMeasurement invalid = ClockOffsetAvro.toAvro(INVALID, PROCESSED_AT, null);
    assertNull(invalid.getClockOffsetMs(), "NaN → null");
    assertNull(invalid.getPropagationMode());
    assertNull(invalid.getNHops());
    assertNull(invalid.getRtpTimestamp(), "unknown RTP timestamp (−1) → null");
    assertNull(invalid.getWwvPowerDb());
    assertNull(invalid.getIngestRunId());
    assertEquals("X", invalid.getQualityGrade());
    Builder full = io.tickstream.schemas.avro.ClockOffsetMeasurement.newBuilder(ClockOffsetAvro.toAvro(FULL, PROCESSED_AT, 42L));
    assertEquals(2.499871234, full.getClockOffsetMs(), 0.0, "full precision, as in the table");
    assertEquals(MINUTE_NS, full.getMinuteUtcNs());
    assertEquals(PROCESSED_AT.getEpochSecond() * 1_000_000_000L, full.getProcessedAtNs());
  }

  /** Each CSV field equals the Avro value formatted as the CSV formats it. */
  static void assertCsvLine(ClockOffsetRow r, io.tickstream.schemas.avro.ClockOffsetMeasurement a) throws Exception {
    StringWriter sw = new StringWriter();
    new ClockOffsetCsv(sw, PROCESSED_AT).write(r.measurement());
    String[] f = sw.toString().split("\n")[1].split(",", -1);
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("system_time", ClockOffsetCsv.epochSeconds(a.getSystemTimeNs()));
    expected.put("utc_time", ClockOffsetCsv.epochSeconds(a.getUtcTimeNs()));
    expected.put("minute_boundary_utc", ClockOffsetCsv.epochSeconds(a.getMinuteBoundaryUtcNs()));
    expected.put("clock_offset_ms", num(a.getClockOffsetMs(), 4));
    expected.put("station", a.getStation());
    expected.put("frequency_mhz", num(a.getFrequencyMhz(), 4));
    expected.put("propagation_delay_ms", num(a.getPropagationDelayMs(), 4));
    expected.put("propagation_mode", a.getPropagationMode() == null ? "" : a.getPropagationMode());
    expected.put("n_hops", a.getNHops() == null ? "" : a.getNHops().toString());
    expected.put("confidence", num(a.getConfidence(), 3));
    expected.put("uncertainty_ms", num(a.getUncertaintyMs(), 4));
    expected.put("quality_grade", a.getQualityGrade());
    expected.put("snr_db", num(a.getSnrDb(), 2));
    expected.put("delay_spread_ms", num(a.getDelaySpreadMs(), 3));
    expected.put("doppler_std_hz", num(a.getDopplerStdHz(), 3));
    expected.put("fss_db", num(a.getFssDb(), 2));
    expected.put("wwv_power_db", num(a.getWwvPowerDb(), 2));
    expected.put("wwvh_power_db", num(a.getWwvhPowerDb(), 2));
    expected.put("discrimination_confidence", num(a.getDiscriminationConfidence(), 3));
    expected.put("utc_verified", Boolean.toString(a.getUtcVerified()));
    expected.put("multi_station_verified", Boolean.toString(a.getMultiStationVerified()));
    expected.put("rtp_timestamp", a.getRtpTimestamp() == null ? "" : a.getRtpTimestamp().toString());
    expected.put("processed_at", Instant.ofEpochSecond(0, a.getProcessedAtNs()).toString());
    assertEquals(ClockOffsetCsv.COLUMNS, List.copyOf(expected.keySet()), "every CSV column is checked");
    for (int i = 0; i < f.length; i++) {
      assertEquals(f[i], expected.get(ClockOffsetCsv.COLUMNS.get(i)), r.channel() + " " + ClockOffsetCsv.COLUMNS.get(i));
    }
  }

  /** The table row written by ClockOffsetDbSink holds exactly the Avro values (NULL = null). */
  static void assertTableRow(String url, ClockOffsetRow r, io.tickstream.schemas.avro.ClockOffsetMeasurement a)
      throws Exception {
    try (Database db = Database.open(url); Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM clock_offset WHERE receiver = ? AND channel = ? AND version = ?")) {
      ps.setString(1, r.receiver());
      ps.setString(2, r.channel());
      ps.setString(3, r.version());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Dialect d = db.dialect();
        assertEquals(micros(a.getMinuteUtcNs()), d.getInstant(rs, "minute_utc"));
        assertEquals(micros(a.getSystemTimeNs()), d.getInstant(rs, "system_time"));
        assertEquals(micros(a.getUtcTimeNs()), d.getInstant(rs, "utc_time"));
        assertEquals(micros(a.getMinuteBoundaryUtcNs()), d.getInstant(rs, "minute_boundary_utc"));
        for (String[] col : new String[][] {{"clock_offset_ms", "clockOffsetMs"}, {"frequency_mhz", "frequencyMhz"},
            {"propagation_delay_ms", "propagationDelayMs"}, {"confidence", "confidence"},
            {"uncertainty_ms", "uncertaintyMs"}, {"snr_db", "snrDb"}, {"delay_spread_ms", "delaySpreadMs"},
            {"doppler_std_hz", "dopplerStdHz"}, {"fss_db", "fssDb"}, {"wwv_power_db", "wwvPowerDb"},
            {"wwvh_power_db", "wwvhPowerDb"}, {"discrimination_confidence", "discriminationConfidence"}}) {
          Object v = rs.getObject(col[0]);
          Object avro = a.get(a.getSchema().getField(snake(col[1])).pos());
          assertEquals(avro, v == null ? null : ((Number) v).doubleValue(), r.channel() + " " + col[0]);
        }
        assertEquals(a.getStation(), rs.getString("station"));
        assertEquals(a.getPropagationMode(), rs.getString("propagation_mode"));
        assertEquals(a.getNHops(), rs.getObject("n_hops") == null ? null : rs.getInt("n_hops"));
        assertEquals(a.getQualityGrade(), rs.getString("quality_grade"));
        assertEquals(a.getUtcVerified(), rs.getInt("utc_verified") != 0);
        assertEquals(a.getMultiStationVerified(), rs.getInt("multi_station_verified") != 0);
        assertEquals(a.getRtpTimestamp(), rs.getObject("rtp_timestamp") == null ? null : rs.getLong("rtp_timestamp"));
        assertEquals(a.getIngestRunId(), rs.getLong("ingest_run_id"));
      }
    }
  }

  /** The table's TIMESTAMPTZ (and the CSV) hold µs; Avro the exact ns. */
  static Instant micros(long ns) {
    return Instant.ofEpochSecond(0, ns).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  static String snake(String camel) {
    return camel.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }

  static String num(Double v, int decimals) {
    return v == null ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
