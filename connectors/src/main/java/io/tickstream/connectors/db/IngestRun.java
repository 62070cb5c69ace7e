package io.tickstream.connectors.db;

import java.time.Instant;

/**
 * One {@code ingest_run} row: the bookkeeping of one job or import run (DESIGN.md principle 3).
 *
 * @param id row id, referenced by every row the run writes ({@code ingest_run_id})
 * @param jobName job or command that ran
 * @param sourceName {@code source_registry.name}, or null
 * @param startedAt start time
 * @param finishedAt end time, null while running
 * @param gitCommit commit of the code that ran
 * @param paramsJson the full effective parameters as JSON
 * @param inputRangeJson what was read (time range, files, sample indices) as JSON
 * @param status {@code running}, {@code ok} or {@code failed}
 * @param message final message (summary or error)
 */
public record IngestRun(long id, String jobName, String sourceName, Instant startedAt, Instant finishedAt,
    String gitCommit, String paramsJson, String inputRangeJson, String status, String message) {

  public static final String RUNNING = "running";
  public static final String OK = "ok";
  public static final String FAILED = "failed";
}
