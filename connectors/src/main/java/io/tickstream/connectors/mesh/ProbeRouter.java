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
   * Delivers the probes of one payload. Returns when they are durably handed over (stored, or
   * acknowledged by Kafka).
   *
   * @param method the payload's method (e.g. {@code sntp_v3})
   * @param agentVersion reporting agent's version, or null
   * @return consensus windows refreshed synchronously (0 when the consensus is computed downstream)
   */
  int deliver(List<MeshProbe> probes, String method, String agentVersion) throws Exception;

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
      public int deliver(List<MeshProbe> probes, String method, String agentVersion) {
        List<String> raw = new java.util.ArrayList<>(probes.size());
        for (MeshProbe p : probes) {
          raw.add(MeshIngestProcessor.rawJson(p, method, agentVersion));
        }
        return processor.process(probes, raw).windows().size();
      }
    };
  }
}
