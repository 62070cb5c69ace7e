package io.tickstream.connectors.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run bookkeeping used by every job: {@link #start} inserts an {@code ingest_run} row (status
 * {@code running}) with the git commit, the full effective parameters and the input range as JSON;
 * {@link #finishOk} / {@link #finishFailed} close it with a message. Rows written by the run carry
 * its id in {@code ingest_run_id}.
 */
public final class IngestRuns {
  private static final Logger LOG = LoggerFactory.getLogger(IngestRuns.class);
  private static final int MAX_MESSAGE_CHARS = 4000;

  private final Database db;
  private final String gitCommit;

  /**
   * @param db migrated database
   * @param gitCommit commit of the running code (e.g. {@code BuildInfo.gitCommit()} of the jobs jar)
   */
  public IngestRuns(Database db, String gitCommit) {
    this.db = db;
    this.gitCommit = gitCommit;
  }

  /** Starts a run without a registered source. */
  public long start(String jobName, Object params, Object inputRange) {
    return start(jobName, null, null, params, inputRange);
  }

  /**
   * Starts a run. When {@code sourceName} is given, the source is registered in
   * {@code source_registry} (kind {@code sourceKind}) if not present yet.
   *
   * @param params full effective parameters: a map/record serialized to JSON, or JSON text
   * @param inputRange what the run reads (time range, files, ...): map/record or JSON text, may be null
   * @return the new run id
   */
  public long start(String jobName, String sourceName, String sourceKind, Object params, Object inputRange) {
    String paramsJson = Json.toJson(params, "parameters of run " + jobName);
    String rangeJson = Json.toJson(inputRange, "input range of run " + jobName);
    Dialect d = db.dialect();
    try (Connection c = db.connection()) {
      Long sourceId = sourceName == null ? null : sourceId(c, sourceName, sourceKind);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO ingest_run(source_id, started_at, git_commit, params, status, job_name, input_range)"
              + " VALUES (?, ?, ?, ?, 'running', ?, ?) RETURNING id")) {
        if (sourceId == null) {
          ps.setNull(1, java.sql.Types.INTEGER);
        } else {
          ps.setLong(1, sourceId);
        }
        d.setInstant(ps, 2, Instant.now());
        ps.setString(3, gitCommit);
        d.setJson(ps, 4, paramsJson);
        ps.setString(5, jobName);
        d.setJson(ps, 6, rangeJson);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long id = rs.getLong(1);
          LOG.info("ingest_run {} started: {} (git {})", id, jobName, gitCommit);
          return id;
        }
      }
    } catch (SQLException e) {
      throw new DbException("cannot start ingest_run for " + jobName + " in " + db.url().masked() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Id of the {@code source_registry} row named {@code name}, inserted (with {@code kind}, or
   * {@code unknown}) when missing. Idempotent; runs on the caller's connection and transaction.
   */
  public static long sourceId(Connection c, String name, String kind) throws SQLException {
    try (PreparedStatement ins = c.prepareStatement(
        "INSERT INTO source_registry(name, kind) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
      ins.setString(1, name);
      ins.setString(2, kind == null ? "unknown" : kind);
      ins.executeUpdate();
    }
    try (PreparedStatement q = c.prepareStatement("SELECT id FROM source_registry WHERE name = ?")) {
      q.setString(1, name);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Marks a running run as {@code ok}. */
  public void finishOk(long runId, String message) {
    finish(runId, IngestRun.OK, message);
  }

  /** Marks a running run as {@code failed} with a message saying what went wrong. */
  public void finishFailed(long runId, String message) {
    finish(runId, IngestRun.FAILED, message);
  }

  /** Marks a running run as {@code failed} with the exception's class and message chain. */
  public void finishFailed(long runId, Throwable error) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = error; t != null && sb.length() < MAX_MESSAGE_CHARS; t = t.getCause()) {
      if (!sb.isEmpty()) {
        sb.append(" <- ");
      }
      sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
      if (t.getCause() == t) {
        break;
      }
    }
    finish(runId, IngestRun.FAILED, sb.toString());
  }

  /**
   * Runs {@code body} inside a run: starts it, finishes {@code ok} with the body's result as message, or
   * {@code failed} with the exception (which is rethrown).
   */
  public <T> T run(String jobName, Object params, Object inputRange, Callable<T> body) throws Exception {
    long id = start(jobName, params, inputRange);
    try {
      T result = body.call();
      finishOk(id, result == null ? null : String.valueOf(result));
      return result;
    } catch (Exception | Error e) {
      finishFailed(id, e);
      throw e;
    }
  }

  private void finish(long runId, String status, String message) {
    String msg = message != null && message.length() > MAX_MESSAGE_CHARS
        ? message.substring(0, MAX_MESSAGE_CHARS) : message;
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE ingest_run SET status = ?, msg = ?, finished_at = ? WHERE id = ? AND status = 'running'")) {
      ps.setString(1, status);
      ps.setString(2, msg);
      db.dialect().setInstant(ps, 3, Instant.now());
      ps.setLong(4, runId);
      if (ps.executeUpdate() != 1) {
        throw new IllegalStateException("ingest_run " + runId + " does not exist or is not running"
            + find(runId).map(r -> " (status " + r.status() + ")").orElse(""));
      }
      LOG.info("ingest_run {} {}{}", runId, status, msg == null ? "" : ": " + msg);
    } catch (SQLException e) {
      throw new DbException("cannot finish ingest_run " + runId + " in " + db.url().masked() + ": "
          + e.getMessage(), e);
    }
  }

  /** The run with this id, if any. */
  public Optional<IngestRun> find(long runId) {
    Dialect d = db.dialect();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT r.id, r.job_name, s.name AS source_name, r.started_at, r.finished_at, r.git_commit,"
                + " r.params, r.input_range, r.status, r.msg"
                + " FROM ingest_run r LEFT JOIN source_registry s ON s.id = r.source_id WHERE r.id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new IngestRun(rs.getLong("id"), rs.getString("job_name"), rs.getString("source_name"),
            d.getInstant(rs, "started_at"), d.getInstant(rs, "finished_at"), rs.getString("git_commit"),
            rs.getString("params"), rs.getString("input_range"), rs.getString("status"), rs.getString("msg")));
      }
    } catch (SQLException e) {
      throw new DbException("cannot read ingest_run " + runId + " from " + db.url().masked() + ": "
          + e.getMessage(), e);
    }
  }
}
