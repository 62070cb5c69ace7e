package io.tickstream.connectors.ntp;

import java.util.Comparator;
import java.util.List;

/**
 * Several exchanges with one server, reduced by minimum-delay filtering: only samples whose delay is
 * within {@code max(10 %, 0.2 ms)} of the minimum delay δ_min are kept. The offset error of an
 * exchange is bounded by half its excess delay, so the least-delayed samples are the most accurate
 * (NTPsec clock filter picks the minimum-delay stage, docs/filter.adoc; the NTP Pool monitor keeps
 * the lowest RTT of 3, ANCHORS.md §1.6); keeping the near-minimum ones as well gives a mean and a
 * std without letting queueing or scheduling delays in. The mean/std of the kept offsets and the mean kept delay are what a
 * mesh node reports ({@code offset_mean_ms}, {@code offset_std_ms}, {@code rtt_mean_ms}).
 *
 * @param server host as given
 * @param samples every successful exchange, in time order
 * @param kept the minimum-delay subset
 * @param failures exchanges that timed out or were invalid
 */
public record NtpMeasurement(String server, List<NtpSample> samples, List<NtpSample> kept, int failures) {

  public NtpMeasurement {
    samples = List.copyOf(samples);
    kept = List.copyOf(kept);
  }

  /** Relative delay tolerance above the minimum. */
  public static final double KEEP_FRACTION = 0.10;
  /** Absolute delay tolerance above the minimum, ms. */
  public static final double KEEP_MIN_MS = 0.2;

  /** Applies minimum-delay filtering to {@code samples} (non-empty). */
  public static NtpMeasurement of(String server, List<NtpSample> samples, int failures) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples from " + server);
    }
    List<NtpSample> sorted = samples.stream().sorted(Comparator.comparingDouble(NtpSample::delayMs)).toList();
    double min = sorted.get(0).delayMs();
    double limit = min + Math.max(KEEP_FRACTION * Math.abs(min), KEEP_MIN_MS);
    List<NtpSample> kept = sorted.stream().filter(s -> s.delayMs() <= limit).toList();
    return new NtpMeasurement(server, samples, kept, failures);
  }

  /** The exchange with the smallest delay. */
  public NtpSample best() {
    return kept.get(0);
  }

  public double offsetMeanMs() {
    return kept.stream().mapToDouble(NtpSample::offsetMs).average().orElseThrow();
  }

  /** Sample standard deviation of the kept offsets (0 for a single sample). */
  public double offsetStdMs() {
    int n = kept.size();
    if (n < 2) {
      return 0.0;
    }
    double m = offsetMeanMs();
    double ss = kept.stream().mapToDouble(s -> (s.offsetMs() - m) * (s.offsetMs() - m)).sum();
    return Math.sqrt(ss / (n - 1));
  }

  public double rttMeanMs() {
    return kept.stream().mapToDouble(NtpSample::delayMs).average().orElseThrow();
  }
}
