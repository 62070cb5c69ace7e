package io.tickstream.core.signal;

import io.tickstream.core.time.Rational;
import java.util.Arrays;

/**
 * Streaming decimator from complex IQ in system time (16/20/24 kHz…) to a 10 Hz complex series on
 * the UTC grid, with zero group delay and the receiver clock offset applied (Phase 3, seeds/003 §5).
 *
 * <p><b>Why.</b> The incumbent (grape-recorder {@code decimation.py}, DOMAIN.md §1.11) uses causal
 * CIC + FIR stages and no group-delay compensation, so its 10 Hz series lags its own timestamps by
 * ≈ 0.58 s. Here every filter is a symmetric (linear-phase) Kaiser kernel evaluated <em>centred</em>
 * on the output instant, so the output at UTC instant {@code u} is the low-passed input at exactly
 * the system time {@code s = u + D_clock(s)} — no lag, no phase shift.
 *
 * <p><b>Stages.</b>
 * <ol>
 *   <li>A: input rate {@code fs} → 400 Hz on the fixed system-time grid {@code c_j = j·R},
 *       {@code R = fs/400}; Kaiser pass 0–4 Hz, stop ≥ 394 Hz (everything that would alias into
 *       0–6 Hz at 400 Hz), {@value #ATTENUATION_DB} dB.</li>
 *   <li>B: 400 Hz → 10 Hz evaluated at the fractional 400 Hz position {@code p = s·400} of each
 *       output instant (polyphase table with {@code R} phases, i.e. the input-sample resolution
 *       {@code 1/fs}); Kaiser pass 0–4 Hz, stop ≥ 6 Hz, {@value #ATTENUATION_DB} dB. Anything at
 *       ≥ 6 Hz (which would alias into the 0–4 Hz pass band) is rejected by ≥ 90 dB.</li>
 * </ol>
 * Each phase of B and the A filter are normalised to unity DC gain.
 *
 * <p><b>Time.</b> Output index {@code k} is at UTC {@code u_k = k · 100 ms} (Digital RF index at
 * 10 Hz). {@code D_clock = t_system − t_UTC}, so the system instant is found by two fixed-point steps
 * {@code s ← u + D(s)} (D changes by ≪ 1 ms per second, so this converges to ≪ 1 ns).
 *
 * <p><b>Gaps.</b> Missing input samples are NaN inside the filter memory (never written anywhere);
 * an output whose filter support touches a gap is NaN, i.e. the Digital RF fill value, never zero.
 * The support is ±{@link #supportHalfWidthNs()} around the instant.
 *
 * <p>Not thread-safe; one instance per channel.
 */
public final class UtcDecimator {
  /** Stop-band attenuation of both stages (the issue requires ≥ 90 dB alias rejection). */
  public static final double ATTENUATION_DB = 100.0;
  /** Output rate (PSWS/Grape 10 Hz). */
  public static final int OUTPUT_RATE_HZ = 10;
  private static final int MID_RATE_HZ = 400;
  private static final double PASS_HZ = 4.0;
  private static final long NS_PER_OUTPUT = 1_000_000_000L / OUTPUT_RATE_HZ;
  /** Default intermediate buffer: three minutes. */
  public static final int DEFAULT_BUFFER_SECONDS = 180;

  /** Clock correction: D_clock in ms at a system time; NaN when unknown. */
  @FunctionalInterface
  public interface ClockCorrection {
    double dClockMsAt(long tSystemNs);
  }

  /** Receives one 10 Hz output sample. */
  @FunctionalInterface
  public interface Output {
    void accept(long utcIndex, double re, double im);
  }

  private final Rational inputRateHz;
  private final int decimA;
  private final double[] tapsA;
  private final int halfA;
  private final double[][] phasesB; // [phase q in 0..R-1][m in 0..2*halfB+1]
  private final int halfB;

  // input ring (NaN = missing)
  private final double[] xRe;
  private final double[] xIm;
  private final int xMask;
  private long nextInputIndex = Long.MIN_VALUE;

  // stage-A output ring, tagged with the j stored there
  private final double[] aRe;
  private final double[] aIm;
  private final long[] aTag;
  private final int aMask;
  private long nextA = Long.MIN_VALUE;
  private long highestAComputed = Long.MIN_VALUE;
  private boolean stageAOnly;

  /** A decimator that buffers {@value #DEFAULT_BUFFER_SECONDS} s of 400 Hz data for late D_clock. */
  public UtcDecimator(Rational inputRateHz) {
    this(inputRateHz, DEFAULT_BUFFER_SECONDS);
  }

  /**
   * @param bufferSeconds how long intermediate (400 Hz) data is kept so that outputs can be emitted
   *     after the D_clock of their minute is known (Phase 2 finishes a minute after it closes)
   */
  public UtcDecimator(Rational inputRateHz, int bufferSeconds) {
    this.inputRateHz = inputRateHz;
    Design d = design(inputRateHz);
    this.decimA = d.decimA;
    this.tapsA = d.tapsA;
    this.halfA = d.halfA;
    this.halfB = d.halfB;
    this.phasesB = d.phasesB;
    int xCap = Integer.highestOneBit(tapsA.length * 2 - 1) * 2;
    this.xRe = new double[xCap];
    this.xIm = new double[xCap];
    this.xMask = xCap - 1;
    Arrays.fill(xRe, Double.NaN);
    Arrays.fill(xIm, Double.NaN);
    int aCap = Integer.highestOneBit((2 * halfB + 2) * 2 + Math.max(4, bufferSeconds) * MID_RATE_HZ) * 2;
    this.aRe = new double[aCap];
    this.aIm = new double[aCap];
    this.aTag = new long[aCap];
    Arrays.fill(aTag, Long.MIN_VALUE);
    this.aMask = aCap - 1;
  }

  /** Filters of one input rate, designed once per JVM (read-only, shared by every decimator of that rate). */
  private record Design(int decimA, double[] tapsA, int halfA, double[][] phasesB, int halfB) {
    static Design of(long fs) {
      int decimA = (int) (fs / MID_RATE_HZ);
      KaiserLowpass a = KaiserLowpass.design(fs, PASS_HZ, MID_RATE_HZ - (OUTPUT_RATE_HZ - PASS_HZ), ATTENUATION_DB);
      KaiserLowpass b = KaiserLowpass.design(MID_RATE_HZ, PASS_HZ, OUTPUT_RATE_HZ - PASS_HZ, ATTENUATION_DB);
      int halfB = b.halfLength();
      double[][] phasesB = new double[decimA][2 * halfB + 2];
      for (int q = 0; q < decimA; q++) {
        double frac = (double) q / decimA;
        double sum = 0;
        for (int m = 0; m < phasesB[q].length; m++) {
          // tap m multiplies a[j0 - halfB + m]; lag tau = p - j = halfB - m + frac
          double v = b.at(halfB - m + frac);
          phasesB[q][m] = v;
          sum += v;
        }
        for (int m = 0; m < phasesB[q].length; m++) {
          phasesB[q][m] /= sum;
        }
      }
      return new Design(decimA, a.integerTaps(), a.halfLength(), phasesB, halfB);
    }

    /** First stage-A index a fresh decimator computes for input starting at {@code firstIndex}. */
    long firstStageA(long firstIndex) {
      long j = Math.floorDiv(firstIndex - halfA + decimA - 1, decimA);
      return j * decimA + halfA < firstIndex ? j + 1 : j;
    }
  }

  private static final java.util.concurrent.ConcurrentHashMap<Long, Design> DESIGNS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Design design(Rational inputRateHz) {
    if (inputRateHz.denominator() != 1 || inputRateHz.numerator() % MID_RATE_HZ != 0) {
      throw new IllegalArgumentException("10 Hz decimation needs an input rate that is a multiple of 400 Hz "
          + "(16000, 20000, 24000, 48000 …), got " + inputRateHz + " Hz");
    }
    return DESIGNS.computeIfAbsent(inputRateHz.numerator(), Design::of);
  }

  /**
   * Stage-A (400 Hz) outputs {@code a_j}, {@code j = firstJ …}, of one span of input: interleaved
   * {@code re, im} as in the decimator's intermediate buffer (NaN where the filter support holds a
   * missing sample or reaches before the span).
   */
  public record StageA(long firstJ, double[] iq) {
    public int length() {
      return iq.length / 2;
    }
  }

  /**
   * Stage A alone over one contiguous span of input ({@code n = iq.length/2} complex samples from
   * system index {@code firstIndex}, NaN = missing): exactly the stage-A values a fresh decimator
   * computes in {@link #push(long, double[], int, int)} of the same samples (same taps, same
   * summation order, so bit-identical), but without D_clock, the ring buffer or a double copy of the
   * input. A job can thus run stage A where the full-rate minute is (before a shuffle) and move only
   * the 400 Hz series; {@link #pushStageA} then continues on the other side.
   */
  public static StageA stageA(Rational inputRateHz, long firstIndex, float[] iq) {
    Design d = design(inputRateHz);
    double[] tapsA = d.tapsA;
    int halfA = d.halfA;
    int decimA = d.decimA;
    int n = iq.length / 2;
    long first = d.firstStageA(firstIndex);
    long last = Math.floorDiv(firstIndex + n - 1 - halfA, decimA); // a_j needs input c_j + halfA
    int count = (int) Math.max(0, last - first + 1);
    double[] out = new double[2 * count];
    int k = 0;
    // outputs whose support starts before the span (NaN there)
    for (; k < count && (first + k) * decimA - halfA < firstIndex; k++) {
      long start = (first + k) * decimA - halfA;
      double re = 0;
      double im = 0;
      for (int m = 0; m < tapsA.length; m++) {
        long g = start + m;
        double h = tapsA[m];
        re += h * (g < firstIndex ? Double.NaN : iq[(int) (2 * (g - firstIndex))]);
        im += h * (g < firstIndex ? Double.NaN : iq[(int) (2 * (g - firstIndex)) + 1]);
      }
      out[2 * k] = re;
      out[2 * k + 1] = im;
    }
    // four outputs at a time: each is still one sum in tap order (bit-identical), but the four
    // independent add chains keep the FPU busy instead of waiting on one chain's add latency
    int step = 2 * decimA;
    for (; k + 3 < count; k += 4) {
      int at = (int) (2 * ((first + k) * decimA - halfA - firstIndex));
      double re0 = 0, im0 = 0, re1 = 0, im1 = 0, re2 = 0, im2 = 0, re3 = 0, im3 = 0;
      for (int m = 0; m < tapsA.length; m++) {
        double h = tapsA[m];
        int x = at + 2 * m;
        re0 += h * iq[x];
        im0 += h * iq[x + 1];
        re1 += h * iq[x + step];
        im1 += h * iq[x + step + 1];
        re2 += h * iq[x + 2 * step];
        im2 += h * iq[x + 2 * step + 1];
        re3 += h * iq[x + 3 * step];
        im3 += h * iq[x + 3 * step + 1];
      }
      out[2 * k] = re0;
      out[2 * k + 1] = im0;
      out[2 * k + 2] = re1;
      out[2 * k + 3] = im1;
      out[2 * k + 4] = re2;
      out[2 * k + 5] = im2;
      out[2 * k + 6] = re3;
      out[2 * k + 7] = im3;
    }
    for (; k < count; k++) {
      int at = (int) (2 * ((first + k) * decimA - halfA - firstIndex));
      double re = 0;
      double im = 0;
      for (int m = 0; m < tapsA.length; m++) {
        double h = tapsA[m];
        re += h * iq[at + 2 * m];
        im += h * iq[at + 2 * m + 1];
      }
      out[2 * k] = re;
      out[2 * k + 1] = im;
    }
    return new StageA(first, out);
  }

  /**
   * Feeds the stage-A output of {@link #stageA} for input {@code [firstIndex, firstIndex + n)} into
   * this fresh decimator: afterwards it is in the state {@code push} of that input leaves it for
   * {@link #lastReadyUtcIndex} and {@link #emit}. Only for a decimator that has had no input; no
   * full-rate input may follow (the input ring was never filled).
   */
  public void pushStageA(long firstIndex, int n, StageA a) {
    if (nextInputIndex != Long.MIN_VALUE) {
      throw new IllegalStateException("pushStageA needs a fresh decimator (input already at index " + nextInputIndex + ")");
    }
    if (a.firstJ() != firstStageA(firstIndex) || a.length() != (int) Math.max(0,
        Math.floorDiv(firstIndex + n - 1 - halfA, decimA) - a.firstJ() + 1)) {
      throw new IllegalArgumentException("stage-A output [" + a.firstJ() + ", +" + a.length()
          + ") does not belong to input [" + firstIndex + ", +" + n + ") at " + inputRateHz + " Hz");
    }
    if (a.length() > aRe.length) {
      throw new IllegalArgumentException("stage-A output of " + a.length() + " values exceeds the "
          + aRe.length + "-value buffer; enlarge bufferSeconds");
    }
    for (int k = 0; k < a.length(); k++) {
      long j = a.firstJ() + k;
      int s = (int) (j & aMask);
      aRe[s] = a.iq()[2 * k];
      aIm[s] = a.iq()[2 * k + 1];
      aTag[s] = j;
      highestAComputed = j;
    }
    nextInputIndex = firstIndex + n;
    nextA = a.firstJ() + a.length();
    stageAOnly = true;
  }

  private long firstStageA(long firstIndex) {
    return design(inputRateHz).firstStageA(firstIndex);
  }

  public Rational inputRateHz() {
    return inputRateHz;
  }

  /** Half-width of the time span of input that one output depends on (stages A and B), in ns. */
  public long supportHalfWidthNs() {
    double s = (halfB + 1.0) / MID_RATE_HZ + (double) halfA / inputRateHz.numerator();
    return (long) Math.ceil(s * 1e9);
  }

  /** Taps of stage A and of one phase of stage B (for documentation and benchmarks). */
  public int[] filterLengths() {
    return new int[] {tapsA.length, 2 * halfB + 1};
  }

  /**
   * Feeds {@code n} complex samples starting at system sample index {@code firstIndex}
   * ({@code index = t_system · fs}); {@code iq} is interleaved I,Q from {@code offset}. A jump
   * forward is a gap (treated as missing, never zero); going backwards is refused.
   */
  public void push(long firstIndex, double[] iq, int offset, int n) {
    prepare(firstIndex);
    for (int k = 0; k < n; k++) {
      append(iq[offset + 2 * k], iq[offset + 2 * k + 1]);
    }
  }

  /** Same as {@link #push(long, double[], int, int)} for an {@link IqBlock} (real blocks get Q = 0). */
  public void push(IqBlock block) {
    if (!block.sampleRateHz().equals(inputRateHz)) {
      throw new IllegalArgumentException("channel " + block.channel() + ": block rate " + block.sampleRateHz()
          + " Hz differs from decimator rate " + inputRateHz + " Hz");
    }
    prepare(block.firstSampleIndex());
    int n = block.numSamples();
    for (int k = 0; k < n; k++) {
      append(block.i(k), block.q(k));
    }
  }

  private void prepare(long firstIndex) {
    if (stageAOnly) {
      throw new IllegalStateException("this decimator was fed stage-A output (pushStageA); full-rate input cannot follow");
    }
    if (nextInputIndex == Long.MIN_VALUE) {
      nextInputIndex = firstIndex;
      nextA = firstStageA(firstIndex);
      return;
    }
    if (firstIndex < nextInputIndex) {
      throw new IllegalArgumentException("input goes backwards: index " + firstIndex + " < expected "
          + nextInputIndex);
    }
    long gap = firstIndex - nextInputIndex;
    if (gap <= xRe.length) {
      for (long g = 0; g < gap; g++) {
        append(Double.NaN, Double.NaN);
      }
    } else {
      for (int g = 0; g < tapsA.length; g++) {
        append(Double.NaN, Double.NaN); // flush outputs that overlap the old data as NaN
      }
      Arrays.fill(xRe, Double.NaN);
      Arrays.fill(xIm, Double.NaN);
      nextInputIndex = firstIndex;
      long firstUseful = Math.floorDiv(firstIndex - halfA + decimA - 1, decimA);
      nextA = Math.max(nextA, firstUseful); // skipped stage-A outputs are implicitly NaN (no tag)
    }
  }

  private void append(double re, double im) {
    long idx = nextInputIndex++;
    int slot = (int) (idx & xMask);
    xRe[slot] = re;
    xIm[slot] = im;
    // stage-A output j is computable once input c_j + halfA has arrived
    while (nextA * decimA + halfA <= idx) {
      computeA(nextA);
      nextA++;
    }
  }

  private void computeA(long j) {
    long start = j * decimA - halfA;
    double re = 0;
    double im = 0;
    for (int m = 0; m < tapsA.length; m++) {
      int slot = (int) ((start + m) & xMask);
      double h = tapsA[m];
      re += h * xRe[slot];
      im += h * xIm[slot];
    }
    int s = (int) (j & aMask);
    aRe[s] = re;
    aIm[s] = im;
    aTag[s] = j;
    highestAComputed = j;
  }

  /**
   * UTC 10 Hz index of the latest output whose input has fully arrived, assuming
   * {@code |D_clock| ≤ maxAbsDClockMs}; {@code Long.MIN_VALUE} before any input.
   */
  public long lastReadyUtcIndex(double maxAbsDClockMs) {
    if (highestAComputed == Long.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    // need a[j0 + halfB + 1] with j0 = floor(p); p = s*400
    long lastJ0 = highestAComputed - halfB - 1;
    long sNs = Math.floorDiv(lastJ0, MID_RATE_HZ) * 1_000_000_000L
        + Math.floorMod(lastJ0, MID_RATE_HZ) * (1_000_000_000L / MID_RATE_HZ);
    long uNs = sNs - (long) Math.ceil(Math.abs(maxAbsDClockMs) * 1e6);
    return Math.floorDiv(uNs, NS_PER_OUTPUT);
  }

  /**
   * Computes the 10 Hz outputs for UTC indices {@code [fromUtcIndex, toUtcIndexExclusive)} and
   * passes them to {@code out}. The caller must only ask for indices up to
   * {@link #lastReadyUtcIndex(double)}; outputs whose support is missing (gap, before the first
   * input, unknown D_clock) are NaN.
   */
  public void emit(long fromUtcIndex, long toUtcIndexExclusive, ClockCorrection dClock, Output out) {
    for (long k = fromUtcIndex; k < toUtcIndexExclusive; k++) {
      long uNs = k * NS_PER_OUTPUT;
      double d0 = dClock.dClockMsAt(uNs);
      if (Double.isNaN(d0)) {
        out.accept(k, Double.NaN, Double.NaN);
        continue;
      }
      long s0 = uNs + Math.round(d0 * 1e6);
      double d1 = dClock.dClockMsAt(s0);
      if (Double.isNaN(d1)) {
        out.accept(k, Double.NaN, Double.NaN);
        continue;
      }
      long sNs = uNs + Math.round(d1 * 1e6);
      // position in input samples, rounded to the nearest input sample: i = round(s * fs)
      long fs = inputRateHz.numerator();
      long inputIndex = Math.floorDiv(sNs, 1_000_000_000L) * fs
          + Math.floorDiv(Math.floorMod(sNs, 1_000_000_000L) * fs + 500_000_000L, 1_000_000_000L);
      long j0 = Math.floorDiv(inputIndex, decimA);
      int q = (int) (inputIndex - j0 * decimA);
      double[] h = phasesB[q];
      long base = j0 - halfB;
      double re = 0;
      double im = 0;
      for (int m = 0; m < h.length; m++) {
        long j = base + m;
        int slot = (int) (j & aMask);
        if (j > highestAComputed) {
          throw new IllegalStateException("output " + k + " asked before its input arrived; use lastReadyUtcIndex");
        }
        if (aTag[slot] > j) {
          throw new IllegalStateException("output " + k + " asked after its intermediate data left the "
              + (aRe.length / MID_RATE_HZ) + " s buffer; emit sooner or enlarge bufferSeconds");
        }
        if (aTag[slot] != j) {
          re = Double.NaN;
          im = Double.NaN;
          break;
        }
        re += h[m] * aRe[slot];
        im += h[m] * aIm[slot];
      }
      out.accept(k, re, im);
    }
  }
}
