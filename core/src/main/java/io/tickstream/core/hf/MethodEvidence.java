package io.tickstream.core.hf;

import io.tickstream.core.hf.analysis.BcdCorrelator;
import io.tickstream.core.hf.analysis.ChuFskDecoder;
import java.util.List;
import java.util.Optional;

/**
 * Per-method measurements of one minute that the D_clock solver does not use but the per-method
 * evidence CSVs of seeds/001 / DOMAIN.md §1.8 report (ticks, Doppler, BCD, tones, CHU FSK).
 *
 * @param ticks tick integration per searched station ({@link TickIntegration})
 * @param bcd BCD 100 Hz correlation incl. the two-path delay fit, or {@code null} when not run (it
 *     needs both WWV and WWVH searched and ≥ 58 seconds of code)
 * @param markerTones minute-marker tone of each station whose marker was found
 * @param chuFsk the CHU FSK decode (frames, time code, frame-end timing), or {@code null} when it did
 *     not run (it needs a usable CHU timing)
 */
public record MethodEvidence(List<TickIntegration> ticks, BcdCorrelator.Result bcd, List<MarkerTone> markerTones,
    ChuFskDecoder.Result chuFsk) {
  public static final MethodEvidence NONE = new MethodEvidence(List.of(), null, List.of(), null);

  public MethodEvidence {
    ticks = List.copyOf(ticks);
    markerTones = List.copyOf(markerTones);
  }

  /** Without a CHU FSK decode. */
  public MethodEvidence(List<TickIntegration> ticks, BcdCorrelator.Result bcd, List<MarkerTone> markerTones) {
    this(ticks, bcd, markerTones, null);
  }

  public Optional<TickIntegration> ticks(Station station) {
    return ticks.stream().filter(t -> t.station() == station).findFirst();
  }
}
