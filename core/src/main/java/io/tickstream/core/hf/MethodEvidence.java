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
 * @param bcdSpans BCD 100 Hz correlation incl. the two-path delay fit: the whole minute, then its 10 s
 *     windows ({@link BcdCorrelator#correlate(io.tickstream.core.hf.analysis.MinuteSamples, int[], double,
 *     double, boolean)}); empty when not run (it needs both WWV and WWVH searched and ≥ 58 seconds of code)
 * @param markerTones minute-marker tone of each station whose marker was found
 * @param chuFsk the CHU FSK decode (frames, time code, frame-end timing), or {@code null} when it did
 *     not run (it needs a usable CHU timing)
 */
public record MethodEvidence(List<TickIntegration> ticks, List<BcdCorrelator.Window> bcdSpans,
    List<MarkerTone> markerTones, ChuFskDecoder.Result chuFsk) {
  public static final MethodEvidence NONE = new MethodEvidence(List.of(), List.of(), List.of(), null);

  public MethodEvidence {
    ticks = List.copyOf(ticks);
    bcdSpans = List.copyOf(bcdSpans);
    markerTones = List.copyOf(markerTones);
  }

  /** The whole minute's BCD correlation, or {@code null} when it did not run. */
  public BcdCorrelator.Result bcd() {
    return bcdSpans.isEmpty() ? null : bcdSpans.get(0).result();
  }

  /** The BCD correlation of each 10 s window (after the whole minute in {@link #bcdSpans()}). */
  public List<BcdCorrelator.Window> bcdWindows() {
    return bcdSpans.isEmpty() ? List.of() : bcdSpans.subList(1, bcdSpans.size());
  }

  public Optional<TickIntegration> ticks(Station station) {
    return ticks.stream().filter(t -> t.station() == station).findFirst();
  }
}
