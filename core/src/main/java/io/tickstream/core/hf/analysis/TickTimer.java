package io.tickstream.core.hf.analysis;

import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.StationTiming;
import io.tickstream.core.hf.TickIntegration;
import java.util.ArrayList;
import java.util.List;

/**
 * Arrival time of one station's on-time markers in one minute (issue 4 item 1, item 5).
 *
 * <ol>
 *   <li><b>Tick stacking.</b> Every tick second (WWV/WWVH 1–58 except 29, 5 ms at 1000/1200 Hz; CHU
 *       31–39 and 50–58, 10 ms at 1000 Hz — DOMAIN.md §5.1, §5.4) is cut from −0.5 s to +0.5 s around its
 *       system-time second. The quadrature matched filter {@code C_s(j)} of each second is stacked
 *       incoherently ({@code Σ|C_s|²}, ≈ 15–19 seconds, every lag, the largest sixth of the seconds left
 *       out per lag: {@link TrimmedStack}) to find the tick, then the squared phasors
 *       {@code Σ C_s(j)²} of all seconds give the sub-sample onset modulo half a tone period,
 *       {@code arg Q = 2ω(j − τ) − π}, resolved by the envelope peak of all seconds (least-squares
 *       parabola over ±L/5 lags). Squaring makes the stack immune to
 *       the sign flips that the envelope detector imposes on a weaker co-channel station (its
 *       modulation is multiplied by cos of the rotating carrier-phase difference); the phase is the ML
 *       timing of a hard-keyed tone starting at a positive zero crossing. This replaces grape's envelope
 *       threshold + linear interpolation (DOMAIN.md §1.3).
 *   <li><b>Next to a stronger station</b> (the weaker of WWV/WWVH, searched again by
 *       {@code HfMinuteAnalyzer}): only ±{@value #WEAK_SEARCH_MS} ms around the stronger tick, with the
 *       100/440/500/600 Hz tones projected out of every window ({@link ToneNullingCorrelator}) and the
 *       stronger station's program steps at −{@value #GUARD_BEFORE_MS}/+{@value #GUARD_AFTER_MS} ms
 *       around its tick projected with the tones on one side only; otherwise the tones' sidelobes in the
 *       5 ms filter (WWV's 500 Hz lies 3.5 bins from 1200 Hz) and the steps outrank a tick 20 dB down.
 *   <li><b>Minute marker.</b> The 0.8 s (CHU 0.5 s) marker, 1500 Hz at the hour for WWV/WWVH, is
 *       correlated at the tick-predicted position of each second within ±{@code maxSecondSearch}
 *       seconds; the strongest decides which second is second 0 (SNR against half-second-shifted
 *       references). Its own onset is measured independently (envelope peak of the full-length matched
 *       filter by prefix sums, then phase) and combined with the ticks by inverse variance when they
 *       agree.
 *   <li><b>Uncertainty.</b> 1σ = max(circular std of the per-tick phases /√n, Cramér–Rao bound of the
 *       combined phase 1/√(2·SNR)) / ω.
 *   <li><b>Doppler</b> (IQ input only). Per tick the upper- and lower-sideband correlations of the
 *       complex samples give the station's own carrier phase {@code θ_s = arg(i(U_s − L_s))}; the
 *       least-squares slope of unwrapped θ over seconds is 2π·f_D, the std of the per-second
 *       differences /2π the Doppler spread (DOMAIN.md §1.4 "Doppler from ticks"); the residual of the
 *       fit gives the Doppler quality ({@link TickIntegration}).
 *   <li><b>Integration.</b> Coherent and incoherent tick-stack SNRs and the phase coherence of the
 *       ticks at the onset lag ({@link TickIntegration}).
 * </ol>
 */
public final class TickTimer {
  /** Tick seconds used by the whole-second (coarse) search; the sub-sample phase uses all of them. */
  static final int COARSE_LOOKS = 15;
  /** One of this many coarse looks is trimmed per lag (the largest ones): 19 looks → 3. */
  static final int TRIM_ONE_LOOK_IN = 6;
  /** WWV/WWVH silence guard around each tick: program off this long before the second... */
  public static final double GUARD_BEFORE_MS = 10.0;
  /** ...and back on this long after it (DOMAIN.md §5.1, ka9q/wwvsim). */
  public static final double GUARD_AFTER_MS = 30.0;
  /** Half-width of the lag span searched for a weaker station around the stronger one's tick. */
  static final double WEAK_SEARCH_MS = 100.0;

  /**
   * @param maxSecondSearch how many seconds either side of the system-time minute the marker is searched
   * @param minStackSnrDb detection threshold on the stacked matched-filter SNR (noise only: the maximum
   *     over a second of lags is ≈ 11.5 dB above the median)
   * @param minMarkerSnrDb marker detection threshold (dB over the half-second references)
   */
  public record Config(int maxSecondSearch, double minStackSnrDb, double minMarkerSnrDb) {
    public static Config defaults() {
      return new Config(3, 18.0, 10.0);
    }
  }

  /**
   * Result: the timing evidence, the absolute (fractional) sample index of the marker onset, and how
   * the ticks integrate ({@link TickIntegration}).
   */
  public record Result(StationTiming timing, double markerOnsetIndex, boolean secondResolved, String note,
      double tickAmplitudeDb, TickIntegration integration) {
    /** Without integration figures (none measured). */
    public Result(StationTiming timing, double markerOnsetIndex, boolean secondResolved, String note,
        double tickAmplitudeDb) {
      this(timing, markerOnsetIndex, secondResolved, note, tickAmplitudeDb, TickIntegration.none(timing.station()));
    }
  }

  private final Config config;

  public TickTimer(Config config) {
    this.config = config;
  }

  /**
   * Envelope peak of the tick correlation from all tick seconds: {@code E(j) = Σ_s |C_s(j)|²} at the lags
   * {@code jStar ± L/5}, and the vertex of the least-squares parabola through √E (symmetric abscissae, so
   * {@code c1 = Σx·y/Σx²} and {@code c2 = (n·Σx²y − Σx²·Σy)/(n·Σx⁴ − (Σx²)²)}). The half-cycle of the
   * doubled-phase onset is chosen by this estimate, so it must be good to a quarter period (0.25 ms at
   * 1000 Hz): the coarse stack's 3-point parabola, from a third of the seconds and trimmed, was not for
   * a weak station with an echo (DiscriminationTest).
   */
  private static double envelopeVertex(double[] a, int base, int half, List<Integer> used, int fs, int jStar,
      int len, double omega) {
    int h = Math.max(2, len / 5);
    double n = 0;
    double sx2 = 0;
    double sx4 = 0;
    double sy = 0;
    double sxy = 0;
    double sx2y = 0;
    int span = 2 * h + 1;
    double[] e = new double[span];
    double[] cr = new double[span];
    double[] ci = new double[span];
    for (int s : used) {
      Correlators.sliding(a, base + s * fs - half + jStar - h, span, len, omega, cr, ci);
      for (int i = 0; i < span; i++) {
        e[i] += cr[i] * cr[i] + ci[i] * ci[i];
      }
    }
    for (int d = -h; d <= h; d++) {
      double y = Math.sqrt(e[d + h]);
      double x2 = (double) d * d;
      n++;
      sx2 += x2;
      sx4 += x2 * x2;
      sy += y;
      sxy += d * y;
      sx2y += x2 * y;
    }
    double c1 = sxy / sx2;
    double c2 = (n * sx2y - sx2 * sy) / (n * sx4 - sx2 * sx2);
    if (!(c2 < 0)) {
      return jStar;
    }
    return jStar + Math.max(-h, Math.min(h, -c1 / (2 * c2)));
  }

  /**
   * Replaces C' of the lags (indices into {@code cr}, relative to sample {@code start}) whose window
   * straddles the program step at index {@code edge}.
   */
  private static void gateEdge(ToneNullingCorrelator corr, double[] a, int start, long edge, boolean on, int len,
      double[] cr, double[] ci) {
    double[] gr = new double[len];
    double[] gi = new double[len];
    corr.gatedRun(a, start + edge, on, gr, gi);
    for (int k = 1; k < len; k++) {
      long j = edge - k;
      if (j >= 0 && j < cr.length) {
        cr[(int) j] = gr[k];
        ci[(int) j] = gi[k];
      }
    }
  }

  /** Lags (index j of a second) whose arrival offset {@code (j − lag0)/fs} falls in an interval; null if none. */
  private static boolean[] excludedLags(double[][] excludeMs, int fs, double lag0) {
    if (excludeMs.length == 0) {
      return null;
    }
    boolean[] out = new boolean[fs];
    for (double[] iv : excludeMs) {
      long from = (long) Math.ceil(iv[0] * fs / 1000.0 + lag0);
      long to = (long) Math.floor(iv[1] * fs / 1000.0 + lag0);
      for (long j = from; j <= to && j < from + fs; j++) {
        out[(int) Math.floorMod(j, (long) fs)] = true;
      }
    }
    return out;
  }

  /**
   * The steady tones of WWV/WWVH whose leakage is removed from the tick search: the 100 Hz BCD subcarrier
   * and the 440/500/600 Hz program tones (DOMAIN.md §5.1), in rad/sample.
   */
  static double[] toneOmegas(int fs) {
    double[] hz = {100, 440, 500, 600};
    double[] w = new double[hz.length];
    for (int k = 0; k < hz.length; k++) {
      w[k] = 2 * Math.PI * hz[k] / fs;
    }
    return w;
  }

  static int[] tickSeconds(Station st) {
    List<Integer> s = new ArrayList<>();
    if (st == Station.CHU) {
      for (int i = 31; i <= 39; i++) {
        s.add(i);
      }
      for (int i = 50; i <= 58; i++) {
        s.add(i);
      }
    } else {
      for (int i = 1; i <= 58; i++) {
        if (i != 29) {
          s.add(i);
        }
      }
    }
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  public Result measure(MinuteSamples in, Station st, int minuteOfHour) {
    return measure(in, st, minuteOfHour, new double[0][]);
  }

  /**
   * As {@link #measure(MinuteSamples, Station, int)} but ignoring tick lags whose arrival offset lies in
   * one of the {@code excludeMs} intervals {@code {fromMs, toMs}} (mod 1 s, relative to the system
   * second): used to search a weaker station away from where a stronger station's own signal leaks into
   * the other tick filter.
   */
  public Result measure(MinuteSamples in, Station st, int minuteOfHour, double[][] excludeMs) {
    return measure(in, st, minuteOfHour, excludeMs, Double.NaN);
  }

  /**
   * As {@link #measure(MinuteSamples, Station, int, double[][])}, searching next to a stronger WWV/WWVH
   * whose tick arrives at {@code strongTickMs} (NaN: none): its program (tone and BCD subcarrier) stops
   * {@value #GUARD_BEFORE_MS} ms before each of its ticks and resumes {@value #GUARD_AFTER_MS} ms after
   * (DOMAIN.md §5.1), and the windows straddling those steps are projected with the tones on one side
   * only ({@link ToneNullingCorrelator#gated}); otherwise the step outranks a tick 20 dB below the
   * stronger station.
   */
  public Result measure(MinuteSamples in, Station st, int minuteOfHour, double[][] excludeMs, double strongTickMs) {
    int fs = in.sampleRateHz();
    double[] a = in.audio();
    int nAll = a.length;
    double i0 = in.minuteIndex();
    int base = (int) Math.floor(i0);
    int half = fs / 2;
    double f = st.tickFrequencyHz();
    double omega = 2 * Math.PI * f / fs;
    int len = (int) Math.round((st == Station.CHU ? 0.010 : 0.005) * fs);
    boolean[] excluded = excludedLags(excludeMs, fs, half + (i0 - base));

    // per second: C_s(j) for every lag of the second; incoherent power and squared-phasor stacks
    // (robust to the sign flips a weaker co-channel station suffers in the envelope detector)
    double[] e2 = new double[fs];
    double[] cr = new double[fs];
    double[] ci = new double[fs];
    // next to a stronger WWV/WWVH: its steady tones and program steps projected out (ToneNullingCorrelator);
    // alone: the plain correlator (a station's own tones do not outrank its own ticks)
    boolean nullStrong = !Double.isNaN(strongTickMs) && st != Station.CHU;
    ToneNullingCorrelator corr = nullStrong ? ToneNullingCorrelator.of(len, omega, toneOmegas(fs)) : null;
    List<Integer> used = new ArrayList<>();
    for (int s : tickSeconds(st)) {
      long start = (long) base + (long) s * fs - half;
      if (start >= 0 && start + fs + len <= nAll) {
        used.add(s);
      }
    }
    int n = used.size();
    if (n < TickIntegration.MIN_TICKS) {
      return unusable(st, "only " + n + " tick seconds inside the data");
    }
    // the coarse (whole-second) search uses every step-th tick second (≈ 15 looks); the fine phase uses all
    int step = Math.max(1, n / COARSE_LOOKS);
    int looks = (n + step - 1) / step;
    TrimmedStack stack = new TrimmedStack(fs, looks / TRIM_ONE_LOOK_IN);
    // next to a stronger station only lags within ±WEAK_SEARCH_MS of its tick are searched (the stations
    // arrive less than MAX_STATION_SEPARATION_MS apart; the rest of that span gives the noise floor)
    long tickLag = nullStrong ? Math.round(strongTickMs * fs / 1000.0 + half + (i0 - base)) : 0;
    int w = (int) Math.round(WEAK_SEARCH_MS * fs / 1000.0);
    int lagFrom = nullStrong ? (int) (tickLag - w) : 0;
    int lagCount = nullStrong ? 2 * w + 1 : fs;
    boolean[] searched = nullStrong ? new boolean[fs] : null;
    double[] tr = nullStrong ? new double[lagCount] : null;
    double[] ti = nullStrong ? new double[lagCount] : null;
    for (int i = 0; searched != null && i < lagCount; i++) {
      searched[Math.floorMod(lagFrom + i, fs)] = true;
    }
    for (int u = 0; u < n; u += step) {
      int start = base + used.get(u) * fs - half;
      if (corr == null) {
        Correlators.sliding(a, start, fs, len, omega, cr, ci);
      } else {
        corr.sliding(a, start + lagFrom, lagCount, tr, ti);
        gateEdge(corr, a, start + lagFrom, tickLag - lagFrom + Math.round(GUARD_AFTER_MS * fs / 1000.0), true, len, tr,
            ti);
        gateEdge(corr, a, start + lagFrom, tickLag - lagFrom - Math.round(GUARD_BEFORE_MS * fs / 1000.0), false, len,
            tr, ti);
        for (int i = 0; i < lagCount; i++) {
          int j = Math.floorMod(lagFrom + i, fs);
          cr[j] = tr[i];
          ci[j] = ti[i];
        }
      }
      stack.add(cr, ci);
    }
    stack.sumInto(e2);
    double[] full = stack.fullSums(); // untrimmed: smooth around the peak (envelope, width, amplitude)
    int coarse = stack.kept();
    int jStar = -1;
    double best = -1;
    for (int j = 0; j < fs; j++) {
      if ((excluded != null && excluded[j]) || (searched != null && !searched[j])) {
        continue;
      }
      if (e2[j] > best) {
        best = e2[j];
        jStar = j;
      }
    }
    int exclude = Math.max(2 * len, fs / 20);
    double[] noise = new double[fs];
    int nn = 0;
    for (int j = 0; j < fs; j++) {
      int d = Math.abs(j - jStar);
      d = Math.min(d, fs - d);
      if (d > exclude && (searched == null || searched[j])) {
        noise[nn++] = e2[j];
      }
    }
    double pNoise = Medians.of(noise, nn) / stack.noiseFactor();
    double perTickSnr = Math.max(best / Math.max(pNoise, 1e-300) - 1, 1e-6);
    best = full[jStar] * n / stack.looks(); // scale the power stack to all n seconds (amplitude figure below)
    double stackSnr = n * perTickSnr;
    double stackSnrDb = 10 * Math.log10(stackSnr);
    double snrDb = 10 * Math.log10(perTickSnr);

    // coarse onset: envelope peak over all tick seconds; fine: doubled phase, nearest half-cycle to it
    double tauEnv = envelopeVertex(a, base, half, used, fs, jStar, len, omega);
    double tau = squaredPhaseOnset(a, base, half, used, fs, (int) Math.round(tauEnv), len, omega, tauEnv);
    int j1 = (int) Math.round(tau);
    tau = squaredPhaseOnset(a, base, half, used, fs, j1, len, omega, tau);
    j1 = (int) Math.round(tau);

    // per-tick phase scatter (circular statistics of the doubled phase)
    double sr = 0;
    double si = 0;
    double cohR = 0; // Σ C_s (coherent sum), Σ|C_s|, Σ|C_s|² at the onset lag (TickIntegration)
    double cohI = 0;
    double sumAbs = 0;
    double sumPow = 0;
    int nWin = 60 / TickIntegration.WINDOW_S;
    double[][] win = new double[nWin][5]; // per 10 s window: Σ Re C, Σ Im C, Σ|C|², Σ|C|, n
    for (int s : used) {
      int p = base + s * fs - half + j1;
      double[] cs = Correlators.at(a, p, len, omega);
      double ph = 2 * Math.atan2(cs[1], cs[0]);
      sr += Math.cos(ph);
      si += Math.sin(ph);
      cohR += cs[0];
      cohI += cs[1];
      double pw = cs[0] * cs[0] + cs[1] * cs[1];
      sumPow += pw;
      sumAbs += Math.sqrt(pw);
      double[] ws = win[Math.min(nWin - 1, s / TickIntegration.WINDOW_S)];
      ws[0] += cs[0];
      ws[1] += cs[1];
      ws[2] += pw;
      ws[3] += Math.sqrt(pw);
      ws[4]++;
    }
    double rbar = Math.min(1.0, Math.hypot(sr, si) / n);
    double circStd = 0.5 * Math.sqrt(Math.max(0, -2 * Math.log(Math.max(rbar, 1e-12))));
    double sigmaPhase = Math.max(circStd / Math.sqrt(n), 1.0 / Math.sqrt(2 * stackSnr));
    double sigmaTickSamples = sigmaPhase / omega;
    double fwhm = fwhm(full, jStar);
    double spreadMs = Double.isNaN(fwhm) ? Double.NaN : Math.max(0, fwhm - len) * 1000.0 / fs;

    boolean ticksDetected = stackSnrDb >= config.minStackSnrDb();
    double p0 = base - half + tau; // onset of the tick "in second 0" (absolute index)

    // minute marker: which second is second 0
    double fM = (st != Station.CHU && minuteOfHour == 0) ? 1500.0 : f;
    double omegaM = 2 * Math.PI * fM / fs;
    int lenM = (int) Math.round((st == Station.CHU ? 0.5 : 0.8) * fs);
    int bestK = 0;
    double bestM = -1;
    List<Double> refs = new ArrayList<>();
    for (int k = -config.maxSecondSearch(); k <= config.maxSecondSearch(); k++) {
      int p = (int) Math.round(p0 + (double) k * fs);
      if (p >= 0 && p + lenM <= nAll) {
        double[] c = Correlators.at(a, p, lenM, omegaM);
        double m2 = c[0] * c[0] + c[1] * c[1];
        if (m2 > bestM) {
          bestM = m2;
          bestK = k;
        }
      }
      int q = p + half;
      if (q >= 0 && q + lenM <= nAll) {
        double[] c = Correlators.at(a, q, lenM, omegaM);
        refs.add(c[0] * c[0] + c[1] * c[1]);
      }
    }
    double markerSnrDb = Double.NaN;
    double markerOffsetMs = Double.NaN;
    boolean markerFound = false;
    String note = null;
    double onsetAbs = p0 + (double) bestK * fs;
    double sigmaSamples = sigmaTickSamples;
    double combined = onsetAbs;
    if (bestM > 0 && !refs.isEmpty()) {
      double[] r = refs.stream().mapToDouble(Double::doubleValue).toArray();
      markerSnrDb = 10 * Math.log10(bestM / Math.max(Medians.of(r, r.length), 1e-300));
      markerFound = markerSnrDb >= config.minMarkerSnrDb();
    }
    if (markerFound) {
      double[] mk = markerOnset(a, (int) Math.round(onsetAbs), lenM, omegaM, fs);
      if (mk != null) {
        double tauM = mk[0];
        markerOffsetMs = (tauM - i0) * 1000.0 / fs;
        double sigmaM = (1.0 / Math.sqrt(2 * Math.pow(10, markerSnrDb / 10) * Math.max(1, mk[1]))) / omegaM;
        double diff = tauM - onsetAbs;
        double tol = Math.max(3 * Math.hypot(sigmaM, sigmaTickSamples), 0.0001 * fs);
        if (ticksDetected && Math.abs(diff) < Math.min(tol, 0.25 * fs / f)) {
          double wT = 1 / (sigmaTickSamples * sigmaTickSamples);
          double wM = 1 / (sigmaM * sigmaM);
          combined = (onsetAbs * wT + tauM * wM) / (wT + wM);
          sigmaSamples = Math.sqrt(1 / (wT + wM));
        } else if (!ticksDetected) {
          combined = tauM;
          sigmaSamples = sigmaM;
        } else {
          note = String.format("%s marker onset differs from ticks by %.3f ms; ticks used", st, diff * 1000.0 / fs);
        }
      }
    } else {
      note = st + " minute marker not found (SNR " + fmt(markerSnrDb) + " dB); second assumed nearest the system minute";
      bestK = 0;
      onsetAbs = p0;
      combined = p0;
    }
    double arrivalMs = (combined - i0) * 1000.0 / fs;
    double[] dop = in.hasIq() && ticksDetected ? TickDoppler.estimate(in, used, p0, len, omega)
        : new double[] {Double.NaN, Double.NaN, Double.NaN};
    double n1 = Math.max(pNoise / coarse, 1e-300); // per-tick noise power of the matched filter
    List<TickIntegration.Window> windows = new ArrayList<>();
    for (int k = 0; k < nWin; k++) {
      double[] ws = win[k];
      if (ws[4] >= TickIntegration.MIN_TICKS) {
        windows.add(TickIntegration.Window.of(k * TickIntegration.WINDOW_S, (int) ws[4], ws[0], ws[1], ws[2], ws[3], n1));
      }
    }
    TickIntegration integration = TickIntegration.of(st,
        TickIntegration.Window.of(0, n, cohR, cohI, sumPow, sumAbs, n1), dop[2], windows);
    boolean usable = (ticksDetected || markerFound) && markerFound;
    StationTiming t = new StationTiming(st, arrivalMs, sigmaSamples * 1000.0 / fs, snrDb,
        n + (markerFound ? 1 : 0), markerOffsetMs, markerSnrDb, spreadMs, dop[0], dop[1], Double.NaN, usable);
    return new Result(t, combined, markerFound, note, 10 * Math.log10(best / n) - 20 * Math.log10(len), integration);
  }

  /**
   * Onset from the squared-phasor stack {@code Q = Σ_s C_s(j)²}: {@code arg Q = 2ω(j − τ) − π}, so τ is
   * known modulo half a tone period; the candidate nearest {@code near} (the envelope peak) is taken.
   */
  private static double squaredPhaseOnset(double[] a, int base, int half, List<Integer> used, int fs, int j, int len,
      double omega, double near) {
    double qr = 0;
    double qi = 0;
    for (int s : used) {
      double[] c = Correlators.at(a, base + s * fs - half + j, len, omega);
      qr += c[0] * c[0] - c[1] * c[1];
      qi += 2 * c[0] * c[1];
    }
    double halfPeriod = Math.PI / omega;
    double t0 = j - ((Math.atan2(qi, qr) + Math.PI) / 2) / omega;
    double k = Math.round((near - t0) / halfPeriod);
    return t0 + k * halfPeriod;
  }

  /**
   * Marker onset from the full-length matched filter: |C(lag)| by prefix sums over ±10 ms, peak with
   * parabolic refinement, then the phase at the peak. Returns {onset index, relative energy factor}.
   */
  private static double[] markerOnset(double[] a, int guess, int lenM, double omegaM, int fs) {
    int w = fs / 100;
    int r0 = guess - w;
    int r1 = guess + w + lenM;
    if (r0 < 0 || r1 > a.length) {
      return null;
    }
    int m = r1 - r0;
    double[] zr = new double[m + 1];
    double[] zi = new double[m + 1];
    double c = 1;
    double s = 0;
    double cd = Math.cos(omegaM);
    double sd = Math.sin(omegaM);
    for (int k = 0; k < m; k++) {
      double v = a[r0 + k];
      zr[k + 1] = zr[k] + v * c;
      zi[k + 1] = zi[k] - v * s;
      double c2 = c * cd - s * sd;
      s = s * cd + c * sd;
      c = c2;
    }
    int lags = 2 * w + 1;
    double[] mag = new double[lags];
    int bi = 0;
    for (int l = 0; l < lags; l++) {
      double re = zr[l + lenM] - zr[l];
      double im = zi[l + lenM] - zi[l];
      mag[l] = Math.hypot(re, im);
      if (mag[l] > mag[bi]) {
        bi = l;
      }
    }
    // phase at the peak: C(lag) = e^{iω·lag}·(Z[lag+L] − Z[lag]) with lag relative to r0
    double re = zr[bi + lenM] - zr[bi];
    double im = zi[bi + lenM] - zi[bi];
    double ph = omegaM * bi;
    double pr = re * Math.cos(ph) - im * Math.sin(ph);
    double pi = re * Math.sin(ph) + im * Math.cos(ph);
    double tau = Correlators.onset(r0 + bi, pr, pi, omegaM);
    return new double[] {tau, 1.0};
  }

  private static double fwhm(double[] e2, int peak) {
    int n = e2.length;
    double halfPow = e2[peak] / 4; // half amplitude
    double left = Double.NaN;
    double right = Double.NaN;
    for (int d = 1; d < n / 4; d++) {
      int j = Math.floorMod(peak - d, n);
      if (e2[j] < halfPow) {
        int jn = Math.floorMod(j + 1, n);
        double a0 = Math.sqrt(e2[j]);
        double a1 = Math.sqrt(e2[jn]);
        left = d - (Math.sqrt(halfPow) - a0) / (a1 - a0);
        break;
      }
    }
    for (int d = 1; d < n / 4; d++) {
      int j = Math.floorMod(peak + d, n);
      if (e2[j] < halfPow) {
        int jp = Math.floorMod(j - 1, n);
        double a0 = Math.sqrt(e2[j]);
        double a1 = Math.sqrt(e2[jp]);
        right = d - (Math.sqrt(halfPow) - a0) / (a1 - a0);
        break;
      }
    }
    return left + right;
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format("%.1f", v);
  }

  private static Result unusable(Station st, String why) {
    StationTiming t = new StationTiming(st, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
    return new Result(t, Double.NaN, false, st + ": " + why, Double.NaN);
  }
}
