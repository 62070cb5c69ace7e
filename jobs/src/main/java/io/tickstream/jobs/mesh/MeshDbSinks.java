package io.tickstream.jobs.mesh;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.mesh.MeshRepository;
import io.tickstream.core.mesh.MeshProbe;
import io.tickstream.core.mesh.WindowConsensus;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Database sinks of the mesh job (PostgreSQL or SQLite by DB_URL). Rows are buffered and written in
 * one transaction per batch: when the batch is full, {@link #MAX_DELAY_MS} after its first row (a live
 * stream without checkpoints still gets its rows), at every checkpoint and at end of input; every
 * write is an upsert on the natural key, so at-least-once delivery never duplicates a row.
 */
public final class MeshDbSinks {
  private MeshDbSinks() {}

  /** Longest time a buffered row waits for its batch (processing time). */
  public static final long MAX_DELAY_MS = 1000;

  /** {@code mesh_node} (last_seen) and {@code ntp_probe} rows. */
  public static Sink<ProbeVerdict> probes(String dbUrl) {
    return new DbSink<>(dbUrl, 500, (repo, c, batch) -> {
      Map<String, Long> last = new java.util.TreeMap<>(); // fixed lock order
      for (ProbeVerdict v : batch) {
        last.merge(v.probe().clientId(), v.probe().tUtcNs(), Math::max);
      }
      Map<String, Long> ids = new HashMap<>();
      for (var e : last.entrySet()) {
        ids.put(e.getKey(), repo.upsertNode(c, e.getKey(), MeshRepository.instant(e.getValue())));
      }
      List<MeshRepository.ProbeRow> rows = new ArrayList<>(batch.size());
      for (ProbeVerdict v : batch) {
        MeshProbe p = v.probe();
        rows.add(new MeshRepository.ProbeRow(ids.get(p.clientId()), p, v.accepted(), v.rejectReason(), v.raw()));
      }
      repo.upsertProbes(c, rows);
    });
  }

  /** {@code mesh_consensus} rows, one per method. */
  public static Sink<WindowConsensus> consensus(String dbUrl) {
    return new DbSink<>(dbUrl, 50, (repo, c, batch) -> {
      for (WindowConsensus wc : batch) {
        repo.upsertConsensus(c, wc);
      }
    });
  }

  @FunctionalInterface
  interface BatchWriter<T> extends java.io.Serializable {
    void write(MeshRepository repo, Connection c, List<T> batch) throws SQLException;
  }

  static final class DbSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final String dbUrl;
    private final int batchSize;
    private final BatchWriter<T> writer;

    DbSink(String dbUrl, int batchSize, BatchWriter<T> writer) {
      this.dbUrl = dbUrl;
      this.batchSize = batchSize;
      this.writer = writer;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
      Database db = Database.open(dbUrl);
      MeshRepository repo = new MeshRepository(db);
      ProcessingTimeService time = context.getProcessingTimeService();
      return new SinkWriter<>() {
        private final List<T> buffer = new ArrayList<>();

        @Override
        public void write(T element, Context ctx) throws IOException {
          if (buffer.isEmpty()) {
            time.registerTimer(time.getCurrentProcessingTime() + MAX_DELAY_MS, t -> flush(false));
          }
          buffer.add(element);
          if (buffer.size() >= batchSize) {
            flush(false);
          }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
          if (buffer.isEmpty()) {
            return;
          }
          for (int attempt = 1; ; attempt++) {
            try (Connection c = db.connection()) {
              c.setAutoCommit(false);
              try {
                writer.write(repo, c, buffer);
                c.commit();
                break;
              } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
              }
            } catch (SQLException e) {
              // deadlock / serialization failure: the whole batch is an idempotent upsert, retry it
              boolean transient_ = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
              if (!transient_ || attempt >= 5) {
                throw new IOException("writing " + buffer.size() + " mesh rows to " + db.url().masked() + ": "
                    + e.getMessage(), e);
              }
            }
          }
          buffer.clear();
        }

        @Override
        public void close() throws IOException {
          try {
            flush(true);
          } finally {
            db.close();
          }
        }
      };
    }
  }
}
