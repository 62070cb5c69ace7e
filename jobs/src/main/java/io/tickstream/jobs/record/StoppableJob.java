package io.tickstream.jobs.record;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an unbounded job until it ends by itself or a stop is requested (SIGTERM / Ctrl-C in
 * {@code tickstream record} and {@code run}); a requested stop is Flink's <em>stop-with-savepoint</em>: sources are
 * suspended, a savepoint is taken and, with it, the exactly-once sinks commit what they hold, so a
 * new process resuming from that savepoint continues exactly where this one stopped. When the
 * savepoint cannot be taken within {@code stopTimeout} the job is cancelled instead; the newest
 * retained checkpoint is then the resume point (what came after it is rolled back by the sink and
 * becomes part of the restart gap).
 */
public final class StoppableJob {
  private static final Logger LOG = LoggerFactory.getLogger(StoppableJob.class);

  /**
   * How the run ended.
   *
   * @param jobId Flink job id
   * @param endedByItself the sources finished (e.g. {@code --idle-stop}); false when stopped on request
   * @param savepoint the stop-with-savepoint path, or null
   * @param detached submitted to a cluster without waiting for it
   */
  public record Outcome(String jobId, boolean endedByItself, String savepoint, boolean detached) {
    public Outcome(String jobId, boolean endedByItself, String savepoint) {
      this(jobId, endedByItself, savepoint, false);
    }

    /** Submitted without waiting ({@code flink run -d}): the cluster owns the job from here. */
    public static Outcome detached(String jobId) {
      return new Outcome(jobId, false, null, true);
    }

    @Override
    public String toString() {
      return detached ? "submitted detached job " + jobId : endedByItself ? "input ended"
          : savepoint != null ? "stopped with savepoint " + savepoint : "cancelled";
    }
  }

  private StoppableJob() {}

  /**
   * Submits the graph on {@code env} and waits. {@code onStarted} receives the job id as soon as it is
   * known; completing {@code stopRequest} (with a reason) triggers the graceful stop.
   */
  public static Outcome run(StreamExecutionEnvironment env, String jobName, Path savepointDir,
      CompletableFuture<String> stopRequest, Duration stopTimeout, java.util.function.Consumer<String> onStarted)
      throws Exception {
    JobClient client = env.executeAsync(jobName);
    String jobId = client.getJobID().toString();
    onStarted.accept(jobId);
    CompletableFuture<?> result = client.getJobExecutionResult();
    CompletableFuture.anyOf(result.handle((r, t) -> null), stopRequest).get();
    if (result.isDone() && !stopRequest.isDone()) {
      result.get(); // throws when the job failed
      return new Outcome(jobId, true, null);
    }
    String reason = stopRequest.getNow("stop requested");
    LOG.info("{}: stopping job {} with a savepoint under {}", reason, jobId, savepointDir);
    String savepoint = null;
    try {
      savepoint = client.stopWithSavepoint(false, savepointDir.toUri().toString(), SavepointFormatType.CANONICAL)
          .get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("stopped with savepoint {} (everything before it is committed; a new run of the command resumes from it)",
          savepoint);
    } catch (Exception e) {
      if (endedMeanwhile(result)) {
        LOG.info("job {} ended by itself while the stop was requested ({})", jobId, reason);
        return new Outcome(jobId, true, null);
      }
      LOG.warn("stop-with-savepoint failed ({}); cancelling job {} — a new run of the command resumes from the newest"
          + " retained checkpoint", e.toString(), jobId);
      client.cancel().get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    try {
      result.get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (savepoint != null) {
        throw e;
      }
      LOG.info("job {} cancelled", jobId);
    }
    return new Outcome(jobId, false, savepoint);
  }

  /** The job finished normally (its input ended) in the meantime: there is nothing left to stop. */
  private static boolean endedMeanwhile(CompletableFuture<?> result) {
    try {
      result.get(5, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
