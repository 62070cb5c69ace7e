package io.tickstream.cli;

import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.db.Database;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Common options of every command that uses the database or data directory; add to a command with
 * {@code @Mixin ConfigOptions config;}. Flags win over the environment ({@code DB_URL},
 * {@code DATA_DIR}, {@code KAFKA_BOOTSTRAP}, {@code APP_ENV}, {@code DISABLE_SYNTHETIC}), which wins over
 * the {@code app_config} table, which wins over defaults.
 */
public final class ConfigOptions {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigOptions.class);

  @Option(names = "--db-url", paramLabel = "URL",
      description = "Database: postgresql://user:pass@host:port/db, jdbc:postgresql://..., sqlite:///abs/path.db"
          + " or sqlite:relative.db (env DB_URL; default sqlite under the data directory).")
  String dbUrl;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Directory for archives, products and the default SQLite database (env DATA_DIR; default ./data).")
  Path dataDir;

  @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers for cluster mode (env KAFKA_BOOTSTRAP; default none = embedded).")
  String kafkaBootstrap;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override any setting, e.g. --set mesh.accept.offset_ms.max=50 (beats env TICKSTREAM_<KEY> and app_config).")
  Map<String, String> overrides = new LinkedHashMap<>();

  /** The flags as configuration keys. */
  Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>(overrides);
    if (dbUrl != null) {
      f.put(TickstreamConfig.DB_URL, dbUrl);
    }
    if (dataDir != null) {
      f.put(TickstreamConfig.DATA_DIR, dataDir.toString());
    }
    if (kafkaBootstrap != null) {
      f.put(TickstreamConfig.KAFKA_BOOTSTRAP, kafkaBootstrap);
    }
    return f;
  }

  /** Flags, environment and defaults (no database layer yet). */
  public TickstreamConfig bootstrapConfig() {
    return TickstreamConfig.fromEnvironment(flags());
  }

  /**
   * Opens and migrates the configured database and returns it with the full configuration (including
   * {@code app_config}), logging the effective configuration with secrets masked.
   */
  public Opened open() {
    TickstreamConfig boot = bootstrapConfig();
    Database db = Database.open(boot.dbUrl());
    try {
      db.migrate();
      TickstreamConfig full = boot.withAppConfig(db);
      LOG.info("{}", full.describe());
      return new Opened(db, full);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** An open, migrated database and the configuration resolved against it. Close to release the pool. */
  public record Opened(Database db, TickstreamConfig config) implements AutoCloseable {
    @Override
    public void close() {
      db.close();
    }
  }
}
