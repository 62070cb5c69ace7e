package io.tickstream.connectors.mesh;

import io.tickstream.connectors.db.DbException;
import io.tickstream.core.mesh.AcceptanceThresholds;
import io.tickstream.core.mesh.ConsensusGrid;
import io.tickstream.core.mesh.MeshConsensus;
import io.tickstream.core.mesh.MeshProbe;
import io.tickstream.core.mesh.WindowConsensus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Synchronous mesh processing for bulk paths outside the streaming job ({@code tickstream ntp import},
 * {@code tickstream mesh consensus --from --to}): for a batch of probes it upserts the nodes
 * ({@code last_seen}), writes every probe with its acceptance verdict, and recomputes the consensus of
 * every window the probes fall in from the stored accepted probes. It uses the same core acceptance,
 * grid and estimators as the Flink job ({@code io.tickstream.jobs.mesh.MeshConsensusJob}), so both
 * write the same rows ({@code MeshConsensusJobTest}); all writes are upserts, so a replay changes nothing.
 * Live ingest ({@code POST /api/mesh_ingest}) always goes through the job ({@link ProbeRouter}).
 */
public final class MeshIngestProcessor {

  private final MeshRepository repo;
  private final ThresholdCache thresholds;
  private final ConsensusGrid grid;
  private final MeshConsensus consensus = new MeshConsensus();

  public MeshIngestProcessor(MeshRepository repo, ThresholdCache thresholds, ConsensusGrid grid) {
    this.repo = repo;
    this.thresholds = thresholds;
    this.grid = grid;
  }

  /** A probe's verdict. */
  public record Verdict(MeshProbe probe, boolean accepted, String rejectReason) {}

  /** What one call did. */
  public record Outcome(List<Verdict> verdicts, List<WindowConsensus> windows) {
    public long accepted() {
      return verdicts.stream().filter(Verdict::accepted).count();
    }
  }

  /**
   * Stores {@code probes} (raw JSON per probe in {@code raw}, same order, entries may be null) and
   * refreshes the affected consensus windows.
   */
  public Outcome process(List<MeshProbe> probes, List<String> raw) {
    AcceptanceThresholds th = thresholds.get();
    List<Verdict> verdicts = new ArrayList<>(probes.size());
    TreeSet<Long> centers = new TreeSet<>();
    try (Connection c = repo.database().connection()) {
      c.setAutoCommit(false);
      try {
        java.util.Map<String, Long> nodeIds = new java.util.HashMap<>();
        java.util.Map<String, Long> lastSeen = new java.util.HashMap<>();
        for (MeshProbe p : probes) {
          lastSeen.merge(p.clientId(), p.tUtcNs(), Math::max);
        }
        for (var e : lastSeen.entrySet()) {
          nodeIds.put(e.getKey(), repo.upsertNode(c, e.getKey(), MeshRepository.instant(e.getValue())));
        }
        List<MeshRepository.ProbeRow> rows = new ArrayList<>(probes.size());
        for (int i = 0; i < probes.size(); i++) {
          MeshProbe p = probes.get(i);
          AcceptanceThresholds.Decision d = th.evaluate(p);
          rows.add(new MeshRepository.ProbeRow(nodeIds.get(p.clientId()), p, d.accepted(), d.rejectReason(),
              raw == null ? null : raw.get(i)));
          verdicts.add(new Verdict(p, d.accepted(), d.rejectReason()));
          if (d.accepted()) {
            centers.addAll(grid.centersContaining(truncMicros(p.tUtcNs())));
          }
        }
        repo.upsertProbes(c, rows);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      c.setAutoCommit(true);
      List<WindowConsensus> windows = new ArrayList<>();
      for (long center : centers) {
        List<MeshProbe> in = repo.acceptedProbes(c, MeshRepository.instant(center - MeshConsensus.HALF_WINDOW_NS),
            MeshRepository.instant(center + MeshConsensus.HALF_WINDOW_NS));
        WindowConsensus wc = consensus.compute(center, in);
        if (wc != null) {
          repo.upsertConsensus(c, wc);
          windows.add(wc);
        }
      }
      return new Outcome(verdicts, windows);
    } catch (SQLException e) {
      throw new DbException("storing mesh probes: " + e.getMessage(), e);
    }
  }

  /**
   * Recomputes the consensus at every grid time in {@code [from, to]} from the stored accepted probes
   * (e.g. after late probes or a threshold change). Returns the windows written.
   */
  public List<WindowConsensus> recompute(Instant from, Instant to) {
    long step = grid.stepNs();
    long first = Math.floorDiv(MeshRepository.nanos(from) + step - 1, step) * step;
    List<WindowConsensus> out = new ArrayList<>();
    try (Connection c = repo.database().connection()) {
      for (long center = first; center <= MeshRepository.nanos(to); center += step) {
        List<MeshProbe> in = repo.acceptedProbes(c, MeshRepository.instant(center - MeshConsensus.HALF_WINDOW_NS),
            MeshRepository.instant(center + MeshConsensus.HALF_WINDOW_NS));
        WindowConsensus wc = consensus.compute(center, in);
        if (wc != null) {
          repo.upsertConsensus(c, wc);
          out.add(wc);
        }
      }
    } catch (SQLException e) {
      throw new DbException("recomputing mesh consensus: " + e.getMessage(), e);
    }
    return out;
  }

  /** Probes are stored with µs resolution; windows are assigned on the stored time. */
  static long truncMicros(long ns) {
    return Math.floorDiv(ns, 1000L) * 1000L;
  }

  /** The raw JSON stored with a probe: its result fields plus method and agent version. */
  public static String rawJson(MeshProbe p, String method, String agentVersion) {
    com.fasterxml.jackson.databind.node.ObjectNode o = RAW.createObjectNode();
    o.put("server", p.server());
    o.put("samples", p.samples());
    o.put("offset_mean_ms", p.offsetMeanMs());
    o.put("offset_std_ms", p.offsetStdMs());
    o.put("rtt_mean_ms", p.rttMeanMs());
    o.put("method", method);
    if (agentVersion != null) {
      o.put("agent_version", agentVersion);
    }
    return o.toString();
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper RAW = new com.fasterxml.jackson.databind.ObjectMapper();

  /** Convenience for callers with an Instant. */
  public static long nanos(Instant t) {
    return MeshRepository.nanos(t);
  }
}
