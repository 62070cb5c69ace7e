package io.tickstream.core.hf;

import io.tickstream.core.hf.analysis.BcdCorrelator;
import java.util.List;
import java.util.Optional;

/**
 * Per-method measurements of one minute that the D_clock solver does not use but the per-method
 * evidence CSVs of seeds/001 / DOMAIN.md §1.8 report (ticks, Doppler, BCD, tones).
 *
 * @param ticks tick integration per searched station ({@link TickIntegration})
 * @param bcd BCD 100 Hz correlation incl. the two-path delay fit, or {@code null} when not run (it
 *     needs both WWV and WWVH searched and ≥ 58 seconds of code)
 * @param markerTones minute-marker tone of each station whose marker was found
 */
public record MethodEvidence(List<TickIntegration> ticks, BcdCorrelator.Result bcd, List<MarkerTone> markerTones) {
  public static final MethodEvidence NONE = new MethodEvidence(List.of(), null, List.of());

  public MethodEvidence {
    ticks = List.copyOf(ticks);
    markerTones = List.copyOf(markerTones);
  }

  public Optional<TickIntegration> ticks(Station station) {
    return ticks.stream().filter(t -> t.station() == station).findFirst();
  }
}
