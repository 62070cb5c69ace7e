package io.tickstream.core.mesh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The mesh ingest payload of seeds/000 §4 ({@code POST /api/mesh_ingest}):
 *
 * <pre>{"as_of_utc":"2025-08-10T17:30:00Z","client_id":"node-la-01","method":"sntp_v3",
 *  "results":[{"server":"time.nist.gov","samples":5,"offset_mean_ms":-1.1,"offset_std_ms":0.2,"rtt_mean_ms":20.0}]}</pre>
 *
 * Field names map to JSON in snake_case.
 */
public record MeshPayload(String asOfUtc, String clientId, String method, List<Result> results) {

  public MeshPayload {
    Objects.requireNonNull(asOfUtc, "asOfUtc");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(method, "method");
    results = List.copyOf(results);
  }

  /** One server's summary; std and rtt may be null. */
  public record Result(String server, int samples, double offsetMeanMs, Double offsetStdMs, Double rttMeanMs) {}

  /** The results as probes of {@code clientId} at {@code asOfUtc}. */
  public List<MeshProbe> toProbes() {
    Instant t = Instant.parse(asOfUtc);
    long ns = t.getEpochSecond() * 1_000_000_000L + t.getNano();
    List<MeshProbe> out = new ArrayList<>(results.size());
    for (Result r : results) {
      out.add(new MeshProbe(clientId, r.server(), ns, r.samples(), r.offsetMeanMs(), r.offsetStdMs(), r.rttMeanMs()));
    }
    return out;
  }
}
