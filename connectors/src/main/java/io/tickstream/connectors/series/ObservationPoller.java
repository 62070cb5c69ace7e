package io.tickstream.connectors.series;

import io.tickstream.connectors.db.Database;
import io.tickstream.core.gap.SeriesPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Unbounded source of one stream's new observations: polls {@code observation} every
 * {@code pollSeconds} for rows with {@code t_utc} after the last one emitted (time order), so a
 * streaming phase-gap job fits as observations arrive. Runs with parallelism 1. Rows inserted later
 * with an <em>earlier</em> {@code t_utc} (back-fills) are not picked up; re-run the bounded fit for
 * those. After a restart polling resumes from {@code startAfter}; re-emitted rows are behind the
 * restored watermark and dropped (counted) by the fitter, and sinks are idempotent.
 */
public final class ObservationPoller implements GeneratorFunction<Long, List<SeriesPoint>> {
  private static final long serialVersionUID = 1L;
  private final String dbUrl;
  private final String streamKey;
  private final int excludeFlags;
  private Instant after;
  private transient Database db;
  private transient SeriesStore store;

  public ObservationPoller(String dbUrl, String streamKey, Instant startAfter, int excludeFlags) {
    this.dbUrl = dbUrl;
    this.streamKey = streamKey;
    this.after = startAfter;
    this.excludeFlags = excludeFlags;
  }

  @Override
  public void open(SourceReaderContext readerContext) {
    db = Database.open(dbUrl);
    store = new SeriesStore(db);
  }

  @Override
  public List<SeriesPoint> map(Long tick) {
    List<SeriesPoint> pts = store.read(streamKey, after == null ? null : after.plusNanos(1_000), null, excludeFlags);
    if (!pts.isEmpty()) {
      long last = pts.get(pts.size() - 1).tUtcNs();
      after = Instant.ofEpochSecond(Math.floorDiv(last, 1_000_000_000L), Math.floorMod(last, 1_000_000_000L));
    }
    return new ArrayList<>(pts);
  }

  @Override
  public void close() {
    if (db != null) {
      db.close();
    }
  }

  /** The polled observations as a stream (no watermarks here; the fitter assigns them). */
  public static DataStream<SeriesPoint> stream(StreamExecutionEnvironment env, ObservationPoller poller,
                                               double pollSeconds) {
    DataGeneratorSource<List<SeriesPoint>> src = new DataGeneratorSource<>(poller, Long.MAX_VALUE,
        RateLimiterStrategy.perSecond(1.0 / pollSeconds), TypeInformation.of(new TypeHint<List<SeriesPoint>>() {}));
    return env.fromSource(src, WatermarkStrategy.noWatermarks(), "poll observation " + poller.streamKey)
        .setParallelism(1)
        .flatMap((FlatMapFunction<List<SeriesPoint>, SeriesPoint>) (batch, out) -> batch.forEach(out::collect))
        .returns(SeriesPoint.class)
        .setParallelism(1)
        .name("observations " + poller.streamKey);
  }
}
