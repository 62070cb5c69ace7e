package io.tickstream.jobs.mesh;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.mesh.MeshRepository;
import io.tickstream.connectors.mesh.ThresholdCache;
import io.tickstream.core.mesh.AcceptanceThresholds;
import java.io.Serializable;

/**
 * Where the job's acceptance thresholds come from: {@code app_config} of a database (read at start
 * and re-read every {@code refreshMs}), or fixed values (tests, replays with pinned thresholds).
 */
public record ThresholdSpec(String dbUrl, double fixedMaxAbsOffsetMs, double fixedMaxRttMs, long refreshMs)
    implements Serializable {

  public static ThresholdSpec fromDatabase(String dbUrl, long refreshMs) {
    return new ThresholdSpec(dbUrl, Double.NaN, Double.NaN, refreshMs);
  }

  public static ThresholdSpec fixed(AcceptanceThresholds t) {
    return new ThresholdSpec(null, t.maxAbsOffsetMs(), t.maxRttMs(), Long.MAX_VALUE);
  }

  /** Opens the cache; the returned database (null for fixed thresholds) must be closed by the caller. */
  Opened open() {
    if (dbUrl == null) {
      AcceptanceThresholds t = new AcceptanceThresholds(fixedMaxAbsOffsetMs, fixedMaxRttMs);
      return new Opened(null, new ThresholdCache(() -> t, Long.MAX_VALUE));
    }
    Database db = Database.open(dbUrl);
    MeshRepository repo = new MeshRepository(db);
    return new Opened(db, new ThresholdCache(repo::thresholds, refreshMs));
  }

  record Opened(Database db, ThresholdCache cache) {}
}
