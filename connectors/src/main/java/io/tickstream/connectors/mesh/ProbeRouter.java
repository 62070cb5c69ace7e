package io.tickstream.connectors.mesh;

import io.tickstream.core.mesh.MeshProbe;
import java.util.List;

/**
 * Where {@code POST /api/mesh_ingest} sends validated probes: straight into the embedded processing
 * ({@link MeshIngestProcessor}) or to the Kafka topic {@code ntp-probes} for the cluster job.
 */
public interface ProbeRouter extends AutoCloseable {

  /** Human-readable destination, e.g. {@code embedded} or {@code kafka:ntp-probes}. */
  String destination();

  /**
   * Delivers the probes (raw JSON per probe, same order). Returns when they are durably handed
   * over (stored, or acknowledged by Kafka).
   *
   * @return consensus windows refreshed synchronously (0 when the consensus is computed downstream)
   */
  int deliver(List<MeshProbe> probes, List<String> raw) throws Exception;

  @Override
  default void close() {}

  /** Embedded: store and reduce synchronously. */
  static ProbeRouter embedded(MeshIngestProcessor processor) {
    return new ProbeRouter() {
      @Override
      public String destination() {
        return "embedded";
      }

      @Override
      public int deliver(List<MeshProbe> probes, List<String> raw) {
        return processor.process(probes, raw).windows().size();
      }
    };
  }
}
