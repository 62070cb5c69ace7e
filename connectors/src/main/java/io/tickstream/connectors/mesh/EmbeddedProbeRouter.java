package io.tickstream.connectors.mesh;

import io.tickstream.core.mesh.MeshProbe;
import java.util.ArrayList;
import java.util.List;

/**
 * Embedded mode: probes go to the {@link ProbeQueue} read by the embedded mesh job. A full queue
 * refuses the whole payload ({@link ProbeRouter.Busy}); {@link #close()} closes the queue and waits
 * (via {@code drain}) until the job has written everything that was queued.
 */
public final class EmbeddedProbeRouter implements ProbeRouter {
  private final ProbeQueue queue;
  private final Runnable drain;
  private final int retryAfterSeconds;

  /**
   * @param drain runs after the queue is closed: waits for the job to finish its input
   * @param retryAfterSeconds suggested to clients refused under back-pressure
   */
  public EmbeddedProbeRouter(ProbeQueue queue, Runnable drain, int retryAfterSeconds) {
    this.queue = queue;
    this.drain = drain;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public String destination() {
    return "embedded";
  }

  @Override
  public void deliver(List<MeshProbe> probes, String method, String agentVersion) {
    List<ProbeCodec.Envelope> batch = new ArrayList<>(probes.size());
    for (MeshProbe p : probes) {
      batch.add(new ProbeCodec.Envelope(p, MeshIngestProcessor.rawJson(p, method, agentVersion)));
    }
    if (!queue.offerAll(batch)) {
      throw new Busy("embedded mesh job queue full (" + queue.size() + " of " + queue.capacity() + " probes queued, "
          + queue.refusedFull() + " probes refused so far); retry later", retryAfterSeconds);
    }
  }

  @Override
  public void close() {
    queue.close();
    try {
      drain.run();
    } finally {
      queue.unregister();
    }
  }
}
