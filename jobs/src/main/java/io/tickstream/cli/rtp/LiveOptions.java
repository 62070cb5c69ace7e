package io.tickstream.cli.rtp;

import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.connectors.rtp.StationConfigException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options of the live commands ({@code record}, {@code run}): the station file, checkpoints and how a new
 * process resumes, RTP resequencing, when to stop. Add with {@code @Mixin LiveOptions live;} and run the
 * graph through {@link LiveFrontEnd}.
 */
public final class LiveOptions {
  @Option(names = "--config", required = true, paramLabel = "STATION.TOML", description = "Station configuration (TOML).")
  Path config;

  @Option(names = "--checkpoint-interval", defaultValue = "10", paramLabel = "SECONDS",
      description = "Checkpoint interval; files, rows and Kafka transactions are committed at checkpoints"
          + " (default ${DEFAULT-VALUE} s).")
  long checkpointSeconds;

  @Option(names = "--idle-stop", defaultValue = "0", paramLabel = "SECONDS",
      description = "RTP input: end after this long without data once data arrived (0 = run until interrupted).")
  long idleStopSeconds;

  @Option(names = "--jitter-depth", defaultValue = "64", description = "RTP jitter buffer depth in packets (default ${DEFAULT-VALUE}).")
  int jitterDepth;

  @Option(names = "--max-hold-ms", defaultValue = "500", description = "RTP: longest wait for a missing packet (default ${DEFAULT-VALUE} ms).")
  long maxHoldMs;

  @Option(names = "--fresh", description = "Ignore retained checkpoints/savepoints and start a new session.")
  boolean fresh;

  @Option(names = "--resume-from", paramLabel = "PATH",
      description = "Resume from this checkpoint (chk-N) or savepoint directory instead of the newest one.")
  Path resumeFrom;

  @Option(names = "--keep-checkpoints", defaultValue = "3", paramLabel = "N",
      description = "Retained checkpoints/savepoints kept for this station, newest first (default ${DEFAULT-VALUE}).")
  int keepCheckpoints;

  @Option(names = "--stop-timeout", defaultValue = "60", paramLabel = "SECONDS",
      description = "How long a graceful stop may take to write its savepoint before the job is cancelled"
          + " (default ${DEFAULT-VALUE} s).")
  long stopTimeoutSeconds;

  public Path config() {
    return config;
  }

  public long idleStopSeconds() {
    return idleStopSeconds;
  }

  public long checkpointSeconds() {
    return checkpointSeconds;
  }

  /** A problem with the combination of options, or null. */
  public String problem() {
    if (fresh && resumeFrom != null) {
      return "--fresh and --resume-from exclude each other";
    }
    if (keepCheckpoints < 1) {
      return "--keep-checkpoints must be >= 1, got " + keepCheckpoints;
    }
    if (checkpointSeconds < 1) {
      return "--checkpoint-interval must be >= 1 s, got " + checkpointSeconds;
    }
    if (resumeFrom != null && !Files.isRegularFile(resumeFrom.resolve("_metadata"))) {
      return "--resume-from " + resumeFrom + ": not a complete checkpoint or savepoint (no _metadata)";
    }
    return null;
  }

  /**
   * The station file, loaded once the option combination is valid; null after printing what is wrong
   * (the option problem or the station file's error) to {@code err}.
   */
  public StationConfig stationOrReport(PrintStream err) {
    String problem = problem();
    if (problem != null) {
      err.println(problem);
      return null;
    }
    try {
      return StationConfig.load(config);
    } catch (StationConfigException e) {
      err.println("invalid station configuration:\n" + e.getMessage());
      return null;
    }
  }
}
