package io.tickstream.core.hf;

/**
 * The minute-marker tone of one station in one minute (the tones CSV of DOMAIN.md §1.8: grape's
 * time-snap tone detections, §1.3), measured by {@code analysis.MarkerToneMeter}.
 *
 * @param station the station
 * @param frequencyHz marker tone: 1000 Hz (WWV, CHU) / 1200 Hz (WWVH), 1500 Hz at the hour (WWV/WWVH)
 * @param durationS length of the marker matched filter (s): 0.8 (WWV/WWVH), 0.5 (CHU) — the broadcast
 *     format's marker length (DOMAIN.md §5.1, §5.4), not a measured length
 * @param timingErrorMs marker onset relative to the system minute boundary (ms), from its own matched
 *     filter ({@link StationTiming#markerOffsetMs()}); = τ_propagation + D_clock
 * @param snrDb marker matched-filter SNR (dB) over the half-second-shifted references
 *     ({@link StationTiming#markerSnrDb()})
 * @param tonePowerDb power at the marker frequency over the marker's length relative to the mean
 *     power at ±10, ±30, ±50 Hz (dB; grape: "tone power by FFT bin vs bins ±10–50 Hz", §1.3)
 * @param confidence grape's startup time-snap mapping of {@code snrDb} (DOMAIN.md §1.10,
 *     {@code startup_tone_detector.py}): 0.95 above 15 dB, 0.90 above 12, 0.80 above 9, else 0.70
 * @param useForTimeSnap the marker decided the second and the station's timing is usable
 */
public record MarkerTone(Station station, double frequencyHz, double durationS, double timingErrorMs,
    double snrDb, double tonePowerDb, double confidence, boolean useForTimeSnap) {

  /** The §1.10 confidence of a marker SNR (dB). */
  public static double confidenceOf(double snrDb) {
    return snrDb > 15 ? 0.95 : snrDb > 12 ? 0.90 : snrDb > 9 ? 0.80 : 0.70;
  }
}
