package io.tickstream.core.hf;

/**
 * Station-identification tones measured in one minute of AM audio (DOMAIN.md §1.4 "500/600 Hz
 * ground truth", "440 Hz"; seed 001 harmonic ratios). Powers are in dB relative to the noise power
 * in one analysis bin measured at 825–875 Hz (so they are per-bin SNRs).
 *
 * @param snr500Db 500 Hz tone SNR (dB), seconds 15–45
 * @param snr600Db 600 Hz tone SNR (dB), seconds 15–45
 * @param snr440Db 440 Hz SNR (dB), seconds 15–44; NaN outside minutes 1 and 2
 * @param snr1000Db 1000 Hz SNR (dB), seconds 15–45 (ticks and harmonics)
 * @param snr1200Db 1200 Hz SNR (dB), seconds 15–45
 * @param harmonicRatio500Db 10·log10(P1000/P500)
 * @param harmonicRatio600Db 10·log10(P1200/P600)
 * @param wwvToneHz tone the schedule assigns to WWV this minute (0 = none)
 * @param wwvhToneHz tone the schedule assigns to WWVH this minute (0 = none)
 * @param wwvToneSnrDb measured SNR of WWV's scheduled tone (NaN if none scheduled)
 * @param wwvhToneSnrDb measured SNR of WWVH's scheduled tone (NaN if none scheduled)
 * @param exclusive the scheduled tones identify the stations unambiguously (only one station has a
 *     tone, or the two have different tones)
 */
public record ToneEvidence(
    double snr500Db,
    double snr600Db,
    double snr440Db,
    double snr1000Db,
    double snr1200Db,
    double harmonicRatio500Db,
    double harmonicRatio600Db,
    int wwvToneHz,
    int wwvhToneHz,
    double wwvToneSnrDb,
    double wwvhToneSnrDb,
    boolean exclusive) {

  /**
   * The 440 Hz tone was present this minute: {@code snr440Db ≥ ToneAnalyzer.DETECT_DB}; false outside
   * minutes 1 and 2, where it is not measured.
   */
  public boolean tone440Detected() {
    return snr440Db >= io.tickstream.core.hf.analysis.ToneAnalyzer.DETECT_DB;
  }
}
