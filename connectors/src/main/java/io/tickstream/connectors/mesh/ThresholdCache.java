package io.tickstream.connectors.mesh;

import io.tickstream.core.mesh.AcceptanceThresholds;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptance thresholds, read at start and re-read from {@code app_config} when older than
 * {@code refreshMs}, so a change in the table takes effect without a restart. Changes are logged.
 * If a re-read fails the previous thresholds stay in force (and the failure is logged).
 */
public final class ThresholdCache {
  private static final Logger LOG = LoggerFactory.getLogger(ThresholdCache.class);

  private final Supplier<AcceptanceThresholds> loader;
  private final long refreshMs;
  private volatile AcceptanceThresholds current;
  private volatile long loadedAtMs;

  public ThresholdCache(Supplier<AcceptanceThresholds> loader, long refreshMs) {
    this.loader = loader;
    this.refreshMs = refreshMs;
    this.current = loader.get();
    this.loadedAtMs = System.currentTimeMillis();
    LOG.info("mesh acceptance thresholds: |offset| ≤ {} ms, rtt ≤ {} ms", current.maxAbsOffsetMs(), current.maxRttMs());
  }

  public AcceptanceThresholds get() {
    long now = System.currentTimeMillis();
    if (now - loadedAtMs >= refreshMs) {
      synchronized (this) {
        if (now - loadedAtMs >= refreshMs) {
          try {
            AcceptanceThresholds next = loader.get();
            if (!next.equals(current)) {
              LOG.info("mesh acceptance thresholds changed: {} -> {}", current, next);
            }
            current = next;
          } catch (RuntimeException e) {
            LOG.warn("could not re-read mesh thresholds, keeping {}: {}", current, e.getMessage());
          }
          loadedAtMs = now;
        }
      }
    }
    return current;
  }
}
