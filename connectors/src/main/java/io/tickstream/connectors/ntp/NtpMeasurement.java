package io.tickstream.connectors.ntp;

import java.util.Comparator;
import java.util.List;

/**
 * Several exchanges with one server, reduced by minimum-delay filtering: the samples are ranked by
 * delay and the best {@code ceil(n/2)} kept (the sample with the least delay has the least
 * asymmetry error — NTPsec clock filter, docs/filter.adoc; the NTP Pool monitor keeps the lowest
 * RTT of 3, ANCHORS.md §1.6). The mean/std of the kept offsets and the mean kept delay are what a
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

  /** Applies minimum-delay filtering to {@code samples} (non-empty). */
  public static NtpMeasurement of(String server, List<NtpSample> samples, int failures) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples from " + server);
    }
    int keep = (samples.size() + 1) / 2;
    List<NtpSample> kept = samples.stream().sorted(Comparator.comparingDouble(NtpSample::delayMs))
        .limit(keep).toList();
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
