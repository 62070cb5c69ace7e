package io.tickstream.core.hf;

import java.util.List;
import java.util.Optional;

/**
 * Everything extracted from one minute of one HF channel (issue 4, DOMAIN.md §1.3–1.5, seed 001).
 * Immutable; consumed by the D_clock solver ({@code io.tickstream.core.hf.clock}).
 *
 * @param channel channel name (e.g. "WWV_10_MHz")
 * @param frequencyHz carrier frequency (Hz)
 * @param minuteStartSystemNs system time of the minute boundary analysed (ns since the epoch)
 * @param utcMinuteStartNs UTC minute start decoded from the broadcast time code, or {@code null}
 *     when no valid code was decoded
 * @param stations per-station timing evidence (only stations that were searched)
 * @param timeCode decoded BCD / FSK time code, or {@code null}
 * @param tones station-ID tone evidence (WWV/WWVH channels), or {@code null}
 * @param testSignal HamSCI test signal result in scheduled minutes, or {@code null}
 * @param dopplerHz channel Doppler of the dominant station (Hz); NaN if unknown
 * @param dopplerSpreadHz its spread (Hz); NaN if unknown
 * @param coherenceTimeS 1/(π·dopplerSpread), clamped ≤ 60 s (§1.4); NaN if unknown
 * @param discrimination dominant station and confidence
 * @param completeness fraction of the minute's samples present (1 = no gaps)
 * @param usable at least one usable station timing
 * @param notes warnings and diagnostics (human readable)
 * @param chuFskArrivalOffsetMs CHU only: the on-time edge implied by the FSK frames, whose last stop
 *     bit ends at exactly 500 ms (DOMAIN.md §5.4), relative to the system minute boundary (ms) — an
 *     independent timing reference comparable with the CHU {@link StationTiming#arrivalOffsetMs()}; NaN
 *     otherwise
 * @param methods per-method measurements for the evidence CSVs ({@link MethodEvidence}); never null
 */
public record MinuteAnalysis(
    String channel,
    double frequencyHz,
    long minuteStartSystemNs,
    Long utcMinuteStartNs,
    List<StationTiming> stations,
    TimeCode timeCode,
    ToneEvidence tones,
    TestSignalResult testSignal,
    double dopplerHz,
    double dopplerSpreadHz,
    double coherenceTimeS,
    Discrimination discrimination,
    double completeness,
    boolean usable,
    List<String> notes,
    double chuFskArrivalOffsetMs,
    MethodEvidence methods) {

  public MinuteAnalysis {
    stations = List.copyOf(stations);
    notes = List.copyOf(notes);
    methods = methods == null ? MethodEvidence.NONE : methods;
  }

  /** Without per-method evidence ({@link MethodEvidence#NONE}). */
  public MinuteAnalysis(String channel, double frequencyHz, long minuteStartSystemNs, Long utcMinuteStartNs,
      List<StationTiming> stations, TimeCode timeCode, ToneEvidence tones, TestSignalResult testSignal,
      double dopplerHz, double dopplerSpreadHz, double coherenceTimeS, Discrimination discrimination,
      double completeness, boolean usable, List<String> notes, double chuFskArrivalOffsetMs) {
    this(channel, frequencyHz, minuteStartSystemNs, utcMinuteStartNs, stations, timeCode, tones, testSignal, dopplerHz,
        dopplerSpreadHz, coherenceTimeS, discrimination, completeness, usable, notes, chuFskArrivalOffsetMs,
        MethodEvidence.NONE);
  }

  /** The original (pre-{@code chuFskArrivalOffsetMs}) constructor, kept for source compatibility. */
  public MinuteAnalysis(String channel, double frequencyHz, long minuteStartSystemNs, Long utcMinuteStartNs,
      List<StationTiming> stations, TimeCode timeCode, ToneEvidence tones, TestSignalResult testSignal,
      double dopplerHz, double dopplerSpreadHz, double coherenceTimeS, Discrimination discrimination,
      double completeness, boolean usable, List<String> notes) {
    this(channel, frequencyHz, minuteStartSystemNs, utcMinuteStartNs, stations, timeCode, tones, testSignal, dopplerHz,
        dopplerSpreadHz, coherenceTimeS, discrimination, completeness, usable, notes, Double.NaN);
  }

  /** The timing evidence of {@code station}, if it was searched. */
  public Optional<StationTiming> timing(Station station) {
    return stations.stream().filter(s -> s.station() == station).findFirst();
  }

  /** Timing of the dominant station (or the best usable one), if any. */
  public Optional<StationTiming> dominantTiming() {
    DominantStation d = discrimination == null ? DominantStation.NONE : discrimination.dominant();
    Optional<StationTiming> chosen = switch (d) {
      case WWV -> timing(Station.WWV);
      case WWVH -> timing(Station.WWVH);
      case CHU -> timing(Station.CHU);
      default -> Optional.empty();
    };
    if (chosen.isPresent() && chosen.get().usable()) {
      return chosen;
    }
    return stations.stream().filter(StationTiming::usable)
        .max((a, b) -> Double.compare(a.snrDb(), b.snrDb()));
  }
}
