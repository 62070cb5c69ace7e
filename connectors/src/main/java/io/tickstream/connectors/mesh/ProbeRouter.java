package io.tickstream.connectors.mesh;

import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.core.mesh.MeshProbe;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Where {@code POST /api/mesh_ingest} sends validated probes: the Kafka topic {@code ntp-probes} for
 * the cluster job ({@link KafkaProbeRouter}), or the embedded mesh job running in the server's JVM
 * ({@link EmbeddedProbeRouter}, started through {@link EmbeddedJob}).
 */
public interface ProbeRouter extends AutoCloseable {

  /** Human-readable destination, e.g. {@code embedded} or {@code kafka:ntp-probes}. */
  String destination();

  /**
   * Delivers the probes of one payload. Returns when they are handed over (queued for the embedded
   * job, or acknowledged by Kafka).
   *
   * @param method the payload's method (e.g. {@code sntp_v3})
   * @param agentVersion reporting agent's version, or null
   * @throws Busy when the embedded job's queue is full (back-pressure: answer 503 + Retry-After)
   */
  void deliver(List<MeshProbe> probes, String method, String agentVersion) throws Exception;

  /** Stops accepting probes and hands over what was accepted (drains the embedded job). */
  @Override
  default void close() {}

  /** Refusal under back-pressure; nothing of the payload was taken. */
  final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int retryAfterSeconds;

    public Busy(String message, int retryAfterSeconds) {
      super(message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /**
   * Starts the embedded mesh job (the {@code MeshConsensusJob} graph on a local Flink MiniCluster in
   * this JVM) and returns the router feeding it. Provided by tickstream-jobs through
   * {@code META-INF/services}.
   */
  interface EmbeddedJob {
    ProbeRouter start(TickstreamConfig config);
  }

  /** The embedded router: starts the embedded job found on the class path. */
  static ProbeRouter embedded(TickstreamConfig config) {
    EmbeddedJob job = ServiceLoader.load(EmbeddedJob.class).findFirst().orElseThrow(() -> new IllegalStateException(
        "embedded mesh ingest needs the mesh job (tickstream-jobs on the class path) or KAFKA_BOOTSTRAP for cluster mode"));
    return job.start(config);
  }
}
