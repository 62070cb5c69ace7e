package io.tickstream.api.gap;

import io.tickstream.connectors.gap.EtaStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/eta}, exactly the logic of seeds/000 step 3:
 * <ol>
 *   <li>a cached robust estimate: {@code SELECT * FROM v_eta_current WHERE method = 'robust_theilsen' LIMIT 1}
 *       → {@code {"success":true,"eta":row}} (see {@link EtaStore#currentCached()} for the method filter);
 *   <li>else the latest {@code phase_gap_history} row; none → {@code "no phase gap history"}; slope null
 *       or ≥ 0 → {@code "non-closing slope"};
 *   <li>{@code eta_days = |phase| / −slope}, {@code eta_date = (now + eta_days).date()} (UTC), persisted
 *       as method {@code instantaneous_phase}, {@code n_points 1}, notes {@code fallback} with
 *       {@code ON CONFLICT (as_of_utc, method) DO NOTHING}, and returned.
 * </ol>
 * It reads only what {@link EtaStore} reads (phase_gap_history, eta_estimate / v_eta_current).
 * Times are ISO-8601 UTC with {@code Z}.
 */
public final class EtaRoutes {
  private final EtaStore store;
  private final Clock clock;

  public EtaRoutes(EtaStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The response body. */
  public Map<String, Object> getEta() {
    Optional<Map<String, Object>> cached = store.currentCached();
    if (cached.isPresent()) {
      Map<String, Object> eta = new LinkedHashMap<>();
      cached.get().forEach((k, v) -> eta.put(k, v instanceof Instant i ? iso(i) : v instanceof LocalDate d
          ? d.toString() : v));
      return Map.of("success", true, "eta", eta);
    }
    Optional<EtaStore.LatestGap> p = store.latestGap();
    if (p.isEmpty()) {
      return failure("no phase gap history");
    }
    EtaStore.LatestGap g = p.get();
    if (g.slopeRadPerDay() == null || g.slopeRadPerDay() >= 0) {
      return failure("non-closing slope");
    }
    double etaDays = Math.abs(g.phaseGapRad()) / (-g.slopeRadPerDay());
    LocalDate etaDate = clock.instant().plusNanos((long) (etaDays * 86_400e9)).atOffset(ZoneOffset.UTC).toLocalDate();
    store.insertInstantaneous(g.asOfUtc(), etaDays, etaDate);
    Map<String, Object> eta = new LinkedHashMap<>();
    eta.put("method", "instantaneous_phase");
    eta.put("as_of_utc", iso(g.asOfUtc()));
    eta.put("eta_days", etaDays);
    eta.put("eta_date", etaDate.toString());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("eta", eta);
    return body;
  }

  private static Map<String, Object> failure(String error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", error);
    return body;
  }

  static String iso(Instant t) {
    return t.toString();
  }
}
