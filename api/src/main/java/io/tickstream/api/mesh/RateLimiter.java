package io.tickstream.api.mesh;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token-bucket rate limit per key (node id or remote address): {@code perMinute} requests per
 * minute on average, bursts up to {@code burst}.
 */
final class RateLimiter {
  private final double perNs;
  private final double burst;
  private final ConcurrentHashMap<String, double[]> buckets = new ConcurrentHashMap<>();

  RateLimiter(double perMinute, double burst) {
    this.perNs = perMinute / 60e9;
    this.burst = burst;
  }

  /** Takes one request from {@code key}'s bucket; false if it is empty. */
  boolean tryAcquire(String key) {
    long now = System.nanoTime();
    double[] b = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
    synchronized (b) {
      b[0] = Math.min(burst, b[0] + (now - b[1]) * perNs);
      b[1] = now;
      if (b[0] >= 1) {
        b[0] -= 1;
        return true;
      }
      return false;
    }
  }

  /** Seconds until {@code key} may send again (≥ 1). */
  long retryAfterSeconds() {
    return Math.max(1, (long) Math.ceil(1 / (perNs * 1e9)));
  }
}
