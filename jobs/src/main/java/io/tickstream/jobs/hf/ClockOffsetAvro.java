package io.tickstream.jobs.hf;

import io.tickstream.core.hf.clock.ArrivalObservation;
import io.tickstream.core.hf.clock.ClockOffsetMeasurement;
import io.tickstream.schemas.avro.ClockOffsetMeasurement.Builder;
import java.time.Instant;

/**
 * {@link ClockOffsetRow} → Avro {@code ClockOffsetMeasurement} (topic {@code clock-offsets}) with the
 * column semantics of the other two outputs of the same row: {@code clock_offset_series.csv}
 * ({@link ClockOffsetFileSink}, {@code ClockOffsetCsv}) and the {@code clock_offset} table
 * ({@link ClockOffsetDbSink}):
 *
 * <ul>
 *   <li>natural key receiver / channel ({@code FUSED} for the fused row) / version / {@code minute_utc_ns} =
 *       the row's {@code minute_boundary_utc} (as the table's {@code minute_utc});</li>
 *   <li>the CSV's epoch-seconds columns as exact ns ({@code system_time_ns}, {@code utc_time_ns},
 *       {@code minute_boundary_utc_ns}, {@code processed_at_ns}; the CSV and the table's TIMESTAMPTZ hold the
 *       same instants truncated to µs);</li>
 *   <li>an unknown number (NaN: empty CSV field, SQL NULL) is null; numbers keep full double precision
 *       like the table (the CSV rounds to 2–4 decimals for display);</li>
 *   <li>{@code propagation_mode} label / {@code n_hops} null when there is no mode, {@code rtp_timestamp}
 *       null when unknown (negative);</li>
 *   <li>{@code processed_at_ns} = the run's fixed {@code processedAt} (as the CSV), so a replay after a
 *       failure re-sends byte-identical values under the same key.</li>
 * </ul>
 */
public final class ClockOffsetAvro {
  private ClockOffsetAvro() {}

  public static io.tickstream.schemas.avro.ClockOffsetMeasurement toAvro(ClockOffsetRow row, Instant processedAt,
      Long ingestRunId) {
    ClockOffsetMeasurement m = row.measurement();
    ArrivalObservation.Context c = m.context() == null ? ArrivalObservation.Context.NONE : m.context();
    Builder b = io.tickstream.schemas.avro.ClockOffsetMeasurement.newBuilder()
        .setReceiver(row.receiver())
        .setChannel(row.channel())
        .setVersion(row.version())
        .setMinuteUtcNs(m.minuteBoundaryUtcNs())
        .setSystemTimeNs(m.systemTimeNs())
        .setUtcTimeNs(m.utcTimeNs())
        .setMinuteBoundaryUtcNs(m.minuteBoundaryUtcNs())
        .setClockOffsetMs(num(m.clockOffsetMs()))
        .setStation(m.station() == null ? null : m.station().name())
        .setFrequencyMhz(num(m.frequencyMHz()))
        .setPropagationDelayMs(num(m.propagationDelayMs()))
        .setPropagationMode(m.mode() == null ? null : m.mode().label())
        .setNHops(m.mode() == null ? null : m.mode().hops())
        .setConfidence(num(m.confidence()))
        .setUncertaintyMs(num(m.uncertaintyMs()))
        .setQualityGrade(m.grade().name())
        .setSnrDb(num(m.snrDb()))
        .setDelaySpreadMs(num(m.delaySpreadMs()))
        .setDopplerStdHz(num(m.dopplerStdHz()))
        .setFssDb(num(m.fssDb()))
        .setWwvPowerDb(num(c.wwvPowerDb()))
        .setWwvhPowerDb(num(c.wwvhPowerDb()))
        .setDiscriminationConfidence(num(c.discriminationConfidence()))
        .setUtcVerified(m.utcVerified())
        .setMultiStationVerified(m.multiStationVerified())
        .setRtpTimestamp(c.rtpTimestamp() < 0 ? null : c.rtpTimestamp())
        .setProcessedAtNs(processedAt.getEpochSecond() * 1_000_000_000L + processedAt.getNano())
        .setIngestRunId(ingestRunId);
    return b.build();
  }

  /**
   * Kafka key of a row: {@code receiver/channel/version/minute} with the minute as ISO-8601 UTC, e.g.
   * {@code rx1/FUSED/v1/2025-06-15T14:04:00Z}; a compacted topic keeps the latest value per key, like the
   * table's upsert on the natural key.
   */
  public static String key(ClockOffsetRow row) {
    long ns = row.measurement().minuteBoundaryUtcNs();
    return row.receiver() + "/" + row.channel() + "/" + row.version() + "/"
        + Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
  }

  private static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
