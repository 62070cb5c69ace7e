package io.tickstream.jobs.mesh;

import io.tickstream.core.mesh.MeshConsensus;
import io.tickstream.core.mesh.MeshProbe;
import io.tickstream.core.mesh.WindowConsensus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Reduces one 60-minute event-time window {@code [c − 30 min, c + 30 min)} of accepted probes to the
 * consensus at its centre c ({@link MeshConsensus}). Re-fires for late probes within the allowed
 * lateness (and early, see {@link EarlyFiringTrigger}); the sink upserts, so the row is replaced, not
 * duplicated. Replayed copies of a probe (at-least-once delivery, a client re-posting) count once.
 */
final class ConsensusWindow extends ProcessAllWindowFunction<MeshProbe, WindowConsensus, TimeWindow> {
  private static final long serialVersionUID = 1L;

  @Override
  public void process(Context ctx, Iterable<MeshProbe> probes, Collector<WindowConsensus> out) {
    // a replayed probe (same node, server, stored µs time) counts once, the last copy wins: as in ntp_probe
    Map<String, MeshProbe> unique = new LinkedHashMap<>();
    for (MeshProbe p : probes) {
      unique.put(p.clientId() + '\n' + p.server() + '\n' + Math.floorDiv(p.tUtcNs(), 1000L), p);
    }
    List<MeshProbe> list = new ArrayList<>(unique.values());
    long centerNs = (ctx.window().getStart() * 1_000_000L) + MeshConsensus.HALF_WINDOW_NS;
    WindowConsensus wc = new MeshConsensus().compute(centerNs, list);
    if (wc != null) {
      out.collect(wc);
    }
  }
}
