package io.tickstream.core.hf.sim;

/**
 * Writes hard-keyed tone segments into an audio buffer sampled at {@code t_k = tFirstS + k/fs}
 * (seconds within a UTC minute), the way {@code ka9q/wwvsim:wwvsim.c} builds a minute:
 * {@code add} mixes into what is there, {@code overlay} pre-empts it, {@code silence} blanks it. Every
 * tone is {@code amp·sin(2πf(t − start))}: it starts with a positive zero crossing at its start time.
 * Sinusoids use a rotating phasor (exact start phase, one complex multiply per sample).
 */
final class ToneWriter {
  private final double[] out;
  private final double tFirstS;
  private final double fs;

  ToneWriter(double[] out, double tFirstS, double fs) {
    this.out = out;
    this.tFirstS = tFirstS;
    this.fs = fs;
  }

  /** First sample index with t_k ≥ t, clamped to [0, n]. */
  int index(double t) {
    double k = Math.ceil((t - tFirstS) * fs - 1e-9);
    if (k < 0) {
      return 0;
    }
    return (int) Math.min(out.length, k);
  }

  double timeOf(int k) {
    return tFirstS + k / fs;
  }

  void add(double start, double stop, double freqHz, double amp) {
    tone(start, stop, freqHz, amp, true, 0.0);
  }

  void overlay(double start, double stop, double freqHz, double amp) {
    tone(start, stop, freqHz, amp, false, 0.0);
  }

  /**
   * Tone over [start, stop) with {@code amp·sin(startPhase + 2πf(t − start))}; returns the phase at
   * {@code stop} (for continuous-phase FSK).
   */
  double tone(double start, double stop, double freqHz, double amp, boolean add, double startPhase) {
    int a = index(start);
    int b = index(stop);
    double w = 2 * Math.PI * freqHz;
    if (a < b) {
      double ph = startPhase + w * (timeOf(a) - start);
      double c = Math.cos(ph);
      double s = Math.sin(ph);
      double cd = Math.cos(w / fs);
      double sd = Math.sin(w / fs);
      for (int k = a; k < b; k++) {
        double v = amp * s;
        out[k] = add ? out[k] + v : v;
        double c2 = c * cd - s * sd;
        s = s * cd + c * sd;
        c = c2;
        if (((k - a) & 0xfff) == 0xfff) {
          double r = 1.0 / Math.sqrt(c * c + s * s);
          c *= r;
          s *= r;
        }
      }
    }
    return startPhase + w * (stop - start);
  }

  double sampleRateHz() {
    return fs;
  }

  void addSamples(int at, double[] v) {
    for (int i = 0; i < v.length && at + i < out.length; i++) {
      out[at + i] += v[i];
    }
  }

  void silence(double start, double stop) {
    int a = index(start);
    int b = index(stop);
    for (int k = a; k < b; k++) {
      out[k] = 0.0;
    }
  }
}
