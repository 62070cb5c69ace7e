package io.tickstream.jobs;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where and how a job graph runs. The same graph runs
 * <ul>
 *   <li><b>embedded</b> (default): {@code java -jar tickstream-jobs.jar ...} gets an in-process local
 *       MiniCluster; inside tests with Flink's {@code MiniClusterExtension} the shared test cluster;</li>
 *   <li><b>on a cluster via {@code flink run}</b>: {@link StreamExecutionEnvironment#getExecutionEnvironment()}
 *       returns the cluster's context environment, nothing to configure;</li>
 *   <li><b>on a cluster from the tickstream command line</b> ({@code --flink-rest host:port}): a remote
 *       environment that ships the running jar (no Flink distribution needed on the client).</li>
 * </ul>
 * in {@link RuntimeExecutionMode#STREAMING} (unbounded sources, results as they come) or
 * {@link RuntimeExecutionMode#BATCH} (bounded sources, reprocessing history).
 *
 * @param mode STREAMING or BATCH
 * @param parallelism default parallelism, or 0 for the environment's default
 * @param flinkRest {@code host:port} of a cluster's REST endpoint, or null for the embedded/context environment
 */
public record JobRuntime(RuntimeExecutionMode mode, int parallelism, String flinkRest) {
  private static final Logger LOG = LoggerFactory.getLogger(JobRuntime.class);

  public JobRuntime {
    if (mode == null || mode == RuntimeExecutionMode.AUTOMATIC) {
      throw new IllegalArgumentException("runtime mode must be STREAMING or BATCH");
    }
    if (parallelism < 0) {
      throw new IllegalArgumentException("parallelism must be >= 0, got " + parallelism);
    }
  }

  /** Embedded (or context) environment in the given mode with the environment's default parallelism. */
  public static JobRuntime embedded(RuntimeExecutionMode mode) {
    return new JobRuntime(mode, 0, null);
  }

  /** A configured execution environment. */
  public StreamExecutionEnvironment environment() {
    StreamExecutionEnvironment env;
    if (flinkRest != null) {
      int colon = flinkRest.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--flink-rest must be host:port, got '" + flinkRest + "'");
      }
      String host = flinkRest.substring(0, colon);
      int port;
      try {
        port = Integer.parseInt(flinkRest.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--flink-rest must be host:port, got '" + flinkRest + "'", e);
      }
      String jar = runningJar();
      LOG.info("submitting to Flink cluster {} with {}", flinkRest, jar);
      env = StreamExecutionEnvironment.createRemoteEnvironment(host, port, new Configuration(), jar);
    } else {
      env = StreamExecutionEnvironment.getExecutionEnvironment();
    }
    env.setRuntimeMode(mode);
    if (parallelism > 0) {
      env.setParallelism(parallelism);
    }
    return env;
  }

  /** Executes the graph built on {@code env}, logging the job name, mode and outcome. */
  public static JobExecutionResult execute(StreamExecutionEnvironment env, String jobName) throws Exception {
    long t0 = System.nanoTime();
    JobExecutionResult r = env.execute(jobName);
    LOG.info("job '{}' finished in {} ms", jobName, (System.nanoTime() - t0) / 1_000_000);
    return r;
  }

  private static String runningJar() {
    try {
      Path p = Path.of(JobRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!p.toString().endsWith(".jar")) {
        throw new IllegalStateException("--flink-rest needs tickstream to run from its jar (bin/tickstream),"
            + " not from " + p);
      }
      return p.toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the running jar", e);
    }
  }
}
