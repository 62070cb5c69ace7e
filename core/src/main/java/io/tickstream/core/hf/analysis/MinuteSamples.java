package io.tickstream.core.hf.analysis;

/**
 * One minute of one channel prepared for analysis: AM audio with its DC removed (and, for IQ input,
 * the complex samples for carrier-phase measurements), a margin before and after the minute, and the
 * system time of the first sample. Gap samples are zero in {@code audio} (after DC removal, so they
 * contribute nothing to any correlation) and counted in {@code completeness}.
 *
 * <p>AM demodulation follows DOMAIN.md §1.1: {@code audio = |IQ| − mean(|IQ|)}.
 *
 * @param channel channel name
 * @param frequencyHz carrier frequency (Hz)
 * @param sampleRateHz integer sample rate (Hz); second-stacking needs a whole number of samples per second
 * @param tFirstSystemNs system time of sample 0 (ns)
 * @param minuteStartSystemNs the system-time minute boundary analysed (ns)
 * @param audio AM audio, DC removed
 * @param iq interleaved complex samples {@code I0,Q0,…} (carrier at 0 Hz), or null for real audio input
 * @param completeness fraction of samples present in [minute start, +60 s)
 */
public record MinuteSamples(
    String channel,
    double frequencyHz,
    int sampleRateHz,
    long tFirstSystemNs,
    long minuteStartSystemNs,
    double[] audio,
    float[] iq,
    double completeness) {

  public MinuteSamples {
    if (sampleRateHz < 8000) {
      throw new IllegalArgumentException("sample rate must be ≥ 8000 Hz, got " + sampleRateHz + " (" + channel + ")");
    }
    if (iq != null && iq.length != 2 * audio.length) {
      throw new IllegalArgumentException("IQ must hold 2 values per audio sample (" + channel + ")");
    }
  }

  /** Builds from interleaved complex IQ ({@code I0,Q0,…}). */
  public static MinuteSamples fromInterleavedIq(String channel, double frequencyHz, int sampleRateHz,
      long tFirstSystemNs, long minuteStartSystemNs, float[] iq, double completeness) {
    int n = iq.length / 2;
    double[] a = new double[n];
    double sum = 0;
    int present = 0;
    for (int k = 0; k < n; k++) {
      double re = iq[2 * k];
      double im = iq[2 * k + 1];
      a[k] = Math.sqrt(re * re + im * im);
      if (a[k] != 0) {
        sum += a[k];
        present++;
      }
    }
    removeDc(a, present == 0 ? 0 : sum / present);
    return new MinuteSamples(channel, frequencyHz, sampleRateHz, tFirstSystemNs, minuteStartSystemNs, a, iq,
        completeness);
  }

  /** Builds from real AM audio (envelope or product-detector output; DC is removed here). */
  public static MinuteSamples fromAudio(String channel, double frequencyHz, int sampleRateHz, long tFirstSystemNs,
      long minuteStartSystemNs, float[] audio, double completeness) {
    double[] a = new double[audio.length];
    double sum = 0;
    int present = 0;
    for (int k = 0; k < a.length; k++) {
      a[k] = audio[k];
      if (a[k] != 0) {
        sum += a[k];
        present++;
      }
    }
    removeDc(a, present == 0 ? 0 : sum / present);
    return new MinuteSamples(channel, frequencyHz, sampleRateHz, tFirstSystemNs, minuteStartSystemNs, a, null,
        completeness);
  }

  private static void removeDc(double[] a, double mean) {
    for (int k = 0; k < a.length; k++) {
      if (a[k] != 0) {
        a[k] -= mean;
      }
    }
  }

  /** Fractional sample index of the system-time minute boundary. */
  public double minuteIndex() {
    return (minuteStartSystemNs - tFirstSystemNs) * (double) sampleRateHz / 1e9;
  }

  public boolean hasIq() {
    return iq != null;
  }

  public int length() {
    return audio.length;
  }
}
