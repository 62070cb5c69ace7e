package io.tickstream.jobs.mesh;

import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.mesh.EmbeddedProbeRouter;
import io.tickstream.connectors.mesh.ProbeQueue;
import io.tickstream.connectors.mesh.ProbeRouter;
import io.tickstream.core.mesh.ConsensusGrid;
import io.tickstream.jobs.JobRuntime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded mode of the mesh ({@code tickstream serve} without {@code KAFKA_BOOTSTRAP}): runs the
 * {@link MeshConsensusJob} graph, STREAMING, on a local Flink MiniCluster in the server's JVM, fed by
 * the server's bounded {@link ProbeQueue} through {@link QueueProbeSource}, writing to the server's
 * database with {@link MeshDbSinks}. Found by {@link ProbeRouter#embedded} via {@code META-INF/services}.
 *
 * <p>Shutdown ({@link ProbeRouter#close()}, called when the API server stops): the queue refuses new
 * probes, the source drains what was accepted and ends its input, every open window fires, the sinks
 * write their last batch, the job finishes; the server waits up to {@code mesh.embedded.drain_timeout_s}.
 *
 * <p>Settings: {@code mesh.ingest.queue_capacity} (10000 probes; full → 503 + Retry-After
 * {@code mesh.ingest.retry_after_s}, 5), {@code mesh.consensus.early_firing_s} (5; provisional
 * consensus this long after new probes, 0 = only when windows close), {@code mesh.consensus.step_min}
 * (10), {@code mesh.thresholds.refresh_s} (30), {@code mesh.embedded.drain_timeout_s} (60).
 */
public final class EmbeddedMeshJob implements ProbeRouter.EmbeddedJob {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMeshJob.class);
  static final String JOB_NAME = "tickstream mesh consensus (embedded)";

  @Override
  public ProbeRouter start(TickstreamConfig cfg) {
    ProbeQueue queue = ProbeQueue.create((int) cfg.getLong("mesh.ingest.queue_capacity", 10_000));
    String dbUrl = cfg.dbUrl();
    MeshConsensusJob.Config jobCfg = MeshConsensusJob.Config
        .defaults(ThresholdSpec.fromDatabase(dbUrl, cfg.getLong("mesh.thresholds.refresh_s", 30) * 1000))
        .withGrid(ConsensusGrid.ofMinutes((int) cfg.getLong("mesh.consensus.step_min", 10)))
        .withEarlyFiring(Duration.ofSeconds(cfg.getLong("mesh.consensus.early_firing_s", 5)));
    StreamExecutionEnvironment env = JobRuntime.embedded(RuntimeExecutionMode.STREAMING).environment();
    MeshConsensusJob.build(
        env.fromSource(new QueueProbeSource(queue.id()), WatermarkStrategy.noWatermarks(), "embedded ntp-probes")
            .setParallelism(1),
        jobCfg, MeshDbSinks.probes(dbUrl), MeshDbSinks.consensus(dbUrl),
        new DiscardingSink<>()); // late probes: stored in ntp_probe and counted (meshLateProbes)
    JobClient job;
    try {
      job = env.executeAsync(JOB_NAME);
    } catch (Exception e) {
      queue.unregister();
      throw new IllegalStateException("starting the embedded mesh job: " + e.getMessage(), e);
    }
    long drainS = cfg.getLong("mesh.embedded.drain_timeout_s", 60);
    LOG.info("embedded mesh job {} started: queue {} probes, early consensus after {}, writing to {}",
        job.getJobID(), queue.capacity(), jobCfg.earlyFiring(), dbUrl.replaceAll("://[^@/]*@", "://***@"));
    return new EmbeddedProbeRouter(queue, () -> drain(job, queue, drainS),
        (int) cfg.getLong("mesh.ingest.retry_after_s", 5));
  }

  /** Waits until the job has consumed the closed queue and finished; cancels it after {@code timeoutS}. */
  static void drain(JobClient job, ProbeQueue queue, long timeoutS) {
    long t0 = System.nanoTime();
    try {
      job.getJobExecutionResult().get(timeoutS, TimeUnit.SECONDS);
      LOG.info("embedded mesh job drained and finished in {} ms ({} probes accepted since start)",
          (System.nanoTime() - t0) / 1_000_000, queue.offered());
    } catch (TimeoutException e) {
      LOG.error("embedded mesh job did not drain within {} s ({} probes still queued): cancelling", timeoutS,
          queue.size());
      job.cancel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      job.cancel();
    } catch (Exception e) {
      LOG.error("embedded mesh job failed", e);
    }
  }
}
