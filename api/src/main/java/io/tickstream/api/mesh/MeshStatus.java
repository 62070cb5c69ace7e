package io.tickstream.api.mesh;

import io.tickstream.connectors.mesh.MeshRepository;
import io.tickstream.core.mesh.ConsensusFlags;
import io.tickstream.core.mesh.MeshConsensus;
import io.tickstream.core.mesh.MeshPhaseGap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/mesh_status[?method=huber&lookback_hours=24]}: the newest consensus of every
 * method with its quorum flags, and the mesh phase gap, slope and ETA (seeds/000 "mesh monitor",
 * {@link MeshPhaseGap}) over the look-back window. Everything here is ADVISORY: it is read from
 * {@code mesh_consensus} only and never written to {@code phase_gap_history} or
 * {@code eta_estimate}, which alone drive {@code /api/eta} (DESIGN.md principle 4).
 */
final class MeshStatus {
  static final String NOTE = "Mesh consensus is advisory only: it never feeds phase_gap_history, "
      + "eta_estimate or /api/eta. flags != 0 means quorum or agreement is insufficient.";

  private final MeshRepository repo;

  MeshStatus(MeshRepository repo) {
    this.repo = repo;
  }

  Map<String, Object> status(String methodParam, String lookbackParam) {
    String method = methodParam == null || methodParam.isBlank() ? MeshConsensus.HUBER : methodParam;
    if (!MeshConsensus.METHODS.contains(method)) {
      throw new IllegalArgumentException("method must be one of " + MeshConsensus.METHODS + ", got '" + method + "'");
    }
    double hours = 24;
    if (lookbackParam != null) {
      try {
        hours = Double.parseDouble(lookbackParam);
      } catch (NumberFormatException e) {
        hours = Double.NaN;
      }
      if (!(hours > 0 && hours <= 24 * 366)) {
        throw new IllegalArgumentException("lookback_hours must be a number in (0, 8784], got '" + lookbackParam + "'");
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("advisory", true);
    out.put("note", NOTE);
    out.put("method", method);
    out.put("timestamp", Instant.now().toString());
    Optional<Instant> latest = repo.latestConsensusTime();
    if (latest.isEmpty()) {
      out.put("success", false);
      out.put("error", "no mesh consensus yet");
      return out;
    }
    Instant from = latest.get().minus(Duration.ofMillis((long) (hours * 3_600_000)));
    List<MeshRepository.ConsensusRow> rows = repo.consensus(null, from);
    List<Map<String, Object>> current = new ArrayList<>();
    Map<String, Object> primary = null;
    List<MeshRepository.ConsensusRow> series = new ArrayList<>();
    for (MeshRepository.ConsensusRow r : rows) {
      if (r.method().equals(method)) {
        series.add(r);
      }
      if (r.tUtc().equals(latest.get())) {
        Map<String, Object> m = row(r);
        current.add(m);
        if (r.method().equals(method)) {
          primary = m;
        }
      }
    }
    out.put("success", primary != null);
    if (primary == null) {
      out.put("error", "no '" + method + "' consensus at " + latest.get());
    }
    out.put("consensus", primary);
    out.put("all_methods", current);
    long[] t = new long[series.size()];
    double[] c = new double[series.size()];
    for (int i = 0; i < series.size(); i++) {
      t[i] = MeshRepository.nanos(series.get(i).tUtc());
      c[i] = series.get(i).offsetMs();
    }
    MeshPhaseGap gap = MeshPhaseGap.of(t, c);
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("advisory", true);
    g.put("lookback_hours", hours);
    if (gap != null) {
      g.put("phase_gap_ms", gap.phaseGapMs());
      g.put("slope_ms_per_day", Double.isFinite(gap.slopeMsPerDay()) ? gap.slopeMsPerDay() : null);
      g.put("eta_days", gap.etaDays());
      g.put("eta_date", gap.etaDays() == null ? null
          : latest.get().plus(Duration.ofMillis((long) (gap.etaDays() * 86_400_000))).toString().substring(0, 10));
      g.put("n_points", gap.nPoints());
    }
    out.put("mesh_phase_gap", g);
    return out;
  }

  private static Map<String, Object> row(MeshRepository.ConsensusRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t_utc", r.tUtc().toString());
    m.put("method", r.method());
    m.put("offset_ms", r.offsetMs());
    m.put("std_ms", r.stdMs());
    m.put("n_nodes", r.nNodes());
    m.put("n_servers", r.nServers());
    m.put("flags", r.flags());
    m.put("flag_names", ConsensusFlags.names(r.flags()));
    m.put("quorum_ok", r.flags() == 0);
    return m;
  }
}
