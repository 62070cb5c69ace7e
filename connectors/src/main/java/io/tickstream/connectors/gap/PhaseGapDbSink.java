package io.tickstream.connectors.gap;

import io.tickstream.connectors.db.Database;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink sink writing {@link PhaseGapRecord}s through {@link PhaseGapStore} (idempotent upserts into
 * {@code phase_gap_fit} and, for authoritative streams, {@code phase_gap_history}). Each writer opens
 * its own pool on {@code dbUrl} (the database must already be migrated). Metrics:
 * {@code phaseGapFitsWritten}, {@code phaseGapFitsUnchanged}, {@code phaseGapHistoryConflicts}; a
 * conflict (another stream/version already owns that instant in phase_gap_history) is logged with
 * the instant and never overwrites.
 */
public final class PhaseGapDbSink implements Sink<PhaseGapRecord> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PhaseGapDbSink.class);
  private final String dbUrl;

  public PhaseGapDbSink(String dbUrl) {
    this.dbUrl = dbUrl;
  }

  @Override
  public SinkWriter<PhaseGapRecord> createWriter(WriterInitContext context) throws IOException {
    Database db = Database.open(dbUrl);
    PhaseGapStore store = new PhaseGapStore(db);
    Counter written = context.metricGroup().counter("phaseGapFitsWritten");
    Counter unchanged = context.metricGroup().counter("phaseGapFitsUnchanged");
    Counter conflicts = context.metricGroup().counter("phaseGapHistoryConflicts");
    Map<PhaseGapStore.Outcome, Long> history = new EnumMap<>(PhaseGapStore.Outcome.class);
    return new SinkWriter<>() {
      @Override
      public void write(PhaseGapRecord r, Context ctx) {
        PhaseGapStore.WriteResult res = store.write(r);
        if (res.fit() == PhaseGapStore.Outcome.UNCHANGED) {
          unchanged.inc();
        } else {
          written.inc();
        }
        history.merge(res.history(), 1L, Long::sum);
        if (res.history() == PhaseGapStore.Outcome.CONFLICT) {
          conflicts.inc();
          LOG.warn("{}", res.conflict());
        }
      }

      @Override
      public void flush(boolean endOfInput) {
        // every write is committed immediately
      }

      @Override
      public void close() {
        LOG.info("phase-gap sink: phase_gap_fit {} written, {} unchanged; phase_gap_history {}",
            written.getCount(), unchanged.getCount(), history);
        db.close();
      }
    };
  }
}
