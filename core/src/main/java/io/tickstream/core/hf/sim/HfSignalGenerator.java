package io.tickstream.core.hf.sim;

import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.format.UtcMinute;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthesises what a receiver tuned to a WWV/WWVH/CHU carrier would record: complex baseband IQ (AM,
 * carrier at 0 Hz, as radiod's {@code iq} preset gives) or real AM audio, for any span of time.
 *
 * <p>Model (see docs/HF_SIGNALS.md):
 * <pre>
 *   t_UTC(k)  = t_system(k) − D_clock,                  t_system(k) = tFirst + k/fs
 *   x(k)      = Σ_station Σ_path a_p · (1 + m_station(t_UTC(k) − τ_p)) · exp(j(φ_p + 2π f_D,p t(k))) + n(k)
 * </pre>
 * where {@code m} is the station's audio program ({@link StationProgram}, DOMAIN.md §5), τ_p the path
 * delay, a_p its carrier amplitude, f_D,p its Doppler shift and φ_p its phase.
 *
 * <p><b>SNR definition</b>: {@code SNR = C / (N0 · 10 kHz)} where {@code C = Σ a_p²} is the total
 * received carrier power of all stations and paths and {@code N0} the one-sided noise density of the
 * complex white Gaussian noise; the noise power per complex sample is therefore
 * {@code σ² = C/SNR · fs/10 kHz}. The 10 kHz reference bandwidth is the ±5 kHz AM channel, so a given
 * SNR means the same difficulty at 16, 20 or 24 kHz; {@code C/N0 [dB-Hz] = SNR + 40}.
 */
public final class HfSignalGenerator {
  /** Reference noise bandwidth of the SNR definition (Hz). */
  public static final double SNR_REFERENCE_BANDWIDTH_HZ = 10_000.0;

  private final StationProgram program;

  public HfSignalGenerator(StationProgram program) {
    this.program = program;
  }

  /**
   * One propagation path.
   *
   * @param delayMs group delay transmitter → receiver (ms)
   * @param amplitude carrier amplitude (linear; power = amplitude²)
   * @param dopplerHz Doppler shift (Hz)
   * @param phaseRad carrier phase at t = 0 of the UTC day
   */
  public record Path(double delayMs, double amplitude, double dopplerHz, double phaseRad) {
    public static Path of(double delayMs, double amplitude) {
      return new Path(delayMs, amplitude, 0.0, 0.0);
    }
  }

  /** One station received over one or more paths. */
  public record Transmission(Station station, List<Path> paths) {
    public Transmission {
      paths = List.copyOf(paths);
      if (paths.isEmpty()) {
        throw new IllegalArgumentException("a transmission needs at least one path: " + station);
      }
    }

    public static Transmission single(Station station, double delayMs, double amplitude) {
      return new Transmission(station, List.of(Path.of(delayMs, amplitude)));
    }
  }

  /**
   * What is on the air and how the receiver clock is wrong.
   *
   * @param dClockMs receiver clock offset {@code D_clock = t_system − t_UTC} (ms)
   * @param snrDb see the class SNR definition; {@code Double.POSITIVE_INFINITY} for no noise
   * @param seed noise seed (mixed with the block start time so consecutive blocks differ)
   */
  public record Scenario(List<Transmission> transmissions, double dClockMs, double snrDb, long seed) {
    public Scenario {
      transmissions = List.copyOf(transmissions);
    }

    double carrierPower() {
      double c = 0;
      for (Transmission t : transmissions) {
        for (Path p : t.paths()) {
          c += p.amplitude() * p.amplitude();
        }
      }
      return c;
    }
  }

  /**
   * Interleaved complex IQ {@code I0,Q0,I1,…} of {@code n} samples, the first at system time
   * {@code tFirstSystemNs}, at {@code sampleRateHz}.
   */
  public float[] iq(long tFirstSystemNs, int n, double sampleRateHz, Scenario scenario) {
    double[] re = new double[n];
    double[] im = new double[n];
    double[] audio = new double[n];
    long dClockNs = Math.round(scenario.dClockMs() * 1e6);
    long tFirstUtcNs = tFirstSystemNs - dClockNs;
    double dayPhaseS = Math.floorMod(tFirstSystemNs, 86_400_000_000_000L) / 1e9;
    for (Transmission tr : scenario.transmissions()) {
      for (Path p : tr.paths()) {
        renderPath(tr.station(), p, tFirstUtcNs, n, sampleRateHz, audio);
        double a = p.amplitude();
        double ph = p.phaseRad() + 2 * Math.PI * p.dopplerHz() * dayPhaseS;
        double c = Math.cos(ph);
        double s = Math.sin(ph);
        double step = 2 * Math.PI * p.dopplerHz() / sampleRateHz;
        double cd = Math.cos(step);
        double sd = Math.sin(step);
        for (int k = 0; k < n; k++) {
          double env = a * (1.0 + audio[k]);
          re[k] += env * c;
          im[k] += env * s;
          double c2 = c * cd - s * sd;
          s = s * cd + c * sd;
          c = c2;
          if ((k & 0xfff) == 0xfff) {
            double r = 1.0 / Math.sqrt(c * c + s * s);
            c *= r;
            s *= r;
          }
        }
      }
    }
    float[] out = new float[2 * n];
    double sigma = noiseSigmaPerComponent(scenario, sampleRateHz);
    SplittableRandom rnd = new SplittableRandom(scenario.seed() ^ (tFirstSystemNs * 0x9E3779B97F4A7C15L));
    for (int k = 0; k < n; k++) {
      double nr = 0;
      double ni = 0;
      if (sigma > 0) {
        double u;
        double v;
        double q;
        do {
          u = 2 * rnd.nextDouble() - 1;
          v = 2 * rnd.nextDouble() - 1;
          q = u * u + v * v;
        } while (q >= 1 || q == 0);
        double f = Math.sqrt(-2 * Math.log(q) / q) * sigma;
        nr = u * f;
        ni = v * f;
      }
      out[2 * k] = (float) (re[k] + nr);
      out[2 * k + 1] = (float) (im[k] + ni);
    }
    return out;
  }

  /** Per-component (I or Q) noise standard deviation implied by the SNR definition. */
  public static double noiseSigmaPerComponent(Scenario scenario, double sampleRateHz) {
    if (Double.isInfinite(scenario.snrDb())) {
      return 0.0;
    }
    double c = scenario.carrierPower();
    double sigma2 = c / Math.pow(10, scenario.snrDb() / 10) * sampleRateHz / SNR_REFERENCE_BANDWIDTH_HZ;
    return Math.sqrt(sigma2 / 2);
  }

  /** Real AM audio as an envelope detector gives it: {@code |x(k)|} (DC not removed). */
  public float[] envelope(long tFirstSystemNs, int n, double sampleRateHz, Scenario scenario) {
    float[] iq = iq(tFirstSystemNs, n, sampleRateHz, scenario);
    float[] a = new float[n];
    for (int k = 0; k < n; k++) {
      a[k] = (float) Math.sqrt((double) iq[2 * k] * iq[2 * k] + (double) iq[2 * k + 1] * iq[2 * k + 1]);
    }
    return a;
  }

  /** {@link #iq} wrapped as a float32 complex {@link IqBlock} (integer sample rates). */
  public IqBlock iqBlock(String channel, long firstSampleIndex, int sampleRateHz, long tFirstSystemNs, int n,
      Scenario scenario) {
    return IqBlock.ofFloat32(channel, firstSampleIndex, Rational.of(sampleRateHz), tFirstSystemNs, true,
        iq(tFirstSystemNs, n, sampleRateHz, scenario), 0);
  }

  /** Audio program of one path: m(t_UTC − τ) for every sample, across minute boundaries. */
  private void renderPath(Station st, Path p, long tFirstUtcNs, int n, double fs, double[] audio) {
    long delayNs = Math.round(p.delayMs() * 1e6);
    long tEmitFirstNs = tFirstUtcNs - delayNs;
    long lastNs = tEmitFirstNs + (long) Math.ceil(n / fs * 1e9);
    java.util.Arrays.fill(audio, 0.0);
    double fracDelayS = (p.delayMs() * 1e6 - delayNs) / 1e9;
    for (long m = UtcMinute.floorMinuteNs(tEmitFirstNs); m <= lastNs; m += 60_000_000_000L) {
      double tFirstRelS = (tEmitFirstNs - m) / 1e9 - fracDelayS;
      program.render(st, UtcMinute.ofEpochNs(m), audio, tFirstRelS, fs);
    }
  }
}
