package io.tickstream.cli;

import io.tickstream.jobs.JobRuntime;
import org.apache.flink.api.common.RuntimeExecutionMode;
import picocli.CommandLine.Option;

/**
 * Common options of every command that runs a Flink job graph; add with {@code @Mixin FlinkOptions flink;}
 * and build the environment with {@code flink.runtime(defaultMode).environment()}.
 */
public final class FlinkOptions {
  /** Runtime mode choice on the command line. */
  public enum Mode { STREAMING, BATCH }

  @Option(names = "--mode", paramLabel = "MODE",
      description = "Flink runtime mode: STREAMING (unbounded, live) or BATCH (bounded input, reprocessing)."
          + " Default depends on the command.")
  Mode mode;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "0",
      description = "Job parallelism (0 = Flink default: number of CPU cores embedded, cluster default otherwise).")
  int parallelism;

  @Option(names = "--flink-rest", paramLabel = "HOST:PORT",
      description = "Submit to a running Flink cluster's REST endpoint (ships this jar) instead of running embedded."
          + " Not needed under `flink run`.")
  String flinkRest;

  /** The runtime: the chosen mode, else {@code defaultMode}. */
  public JobRuntime runtime(RuntimeExecutionMode defaultMode) {
    RuntimeExecutionMode m = mode == null ? defaultMode : RuntimeExecutionMode.valueOf(mode.name());
    return new JobRuntime(m, parallelism, flinkRest);
  }
}
