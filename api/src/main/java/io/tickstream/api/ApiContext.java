package io.tickstream.api;

import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.db.Database;
import java.util.Objects;

/**
 * What route modules get: the migrated database, the effective configuration and the build identity.
 *
 * @param db migrated database (pool shared by all handlers)
 * @param config effective configuration (flags &gt; env &gt; app_config &gt; defaults)
 * @param version tickstream version
 * @param gitCommit git commit the running code was built from
 */
public record ApiContext(Database db, TickstreamConfig config, String version, String gitCommit) {
  public ApiContext {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(config, "config");
  }
}
