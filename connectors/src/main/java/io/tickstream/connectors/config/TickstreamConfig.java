package io.tickstream.connectors.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.DbException;
import io.tickstream.connectors.db.DbUrl;
import io.tickstream.connectors.db.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * tickstream's effective configuration. Precedence (DESIGN.md "Runtime modes"): command-line flags &gt;
 * environment &gt; {@code app_config} table &gt; defaults.
 *
 * <p>Bootstrap settings (needed before the database is open) come from flags, environment and
 * defaults only: {@code db.url} ({@code DB_URL}, default SQLite {@code DATA_DIR/tickstream.db}),
 * {@code data.dir} ({@code DATA_DIR}, default {@code ./data}), {@code kafka.bootstrap}
 * ({@code KAFKA_BOOTSTRAP}, default unset = no Kafka), {@code app.env} ({@code APP_ENV}, default
 * {@code dev}), {@code disable.synthetic} ({@code DISABLE_SYNTHETIC}, default false).
 *
 * <p>Any other dotted key (e.g. {@code mesh.accept.offset_ms.max}) is looked up in: flags
 * ({@code --set key=value}), the environment ({@code TICKSTREAM_MESH_ACCEPT_OFFSET_MS_MAX}), then
 * {@code app_config}, where the longest key prefix names the row and the rest is a path into its JSON
 * value ({@code mesh.accept.offset_ms} → {@code {"max":100}} → {@code 100}), as the seed's
 * {@code get_cfg("mesh.accept.offset_ms.max", 100)}; then the caller's default.
 */
public final class TickstreamConfig {
  public static final String DB_URL = "db.url";
  public static final String DATA_DIR = "data.dir";
  public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
  public static final String APP_ENV = "app.env";
  public static final String DISABLE_SYNTHETIC = "disable.synthetic";

  /** Bootstrap keys and their environment variables. */
  public static final Map<String, String> ENV_NAMES = Map.of(
      DB_URL, "DB_URL", DATA_DIR, "DATA_DIR", KAFKA_BOOTSTRAP, "KAFKA_BOOTSTRAP", APP_ENV, "APP_ENV",
      DISABLE_SYNTHETIC, "DISABLE_SYNTHETIC");
  /** Resolution order: DATA_DIR first, because the default DB_URL lives under it. */
  private static final List<String> BOOTSTRAP_KEYS = List.of(DATA_DIR, DB_URL, KAFKA_BOOTSTRAP, APP_ENV,
      DISABLE_SYNTHETIC);
  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|secret|token|api[._-]?key|credential).*");

  private final Map<String, String> flags;
  private final Map<String, String> env;
  private final Map<String, JsonNode> appConfig;
  private final Map<String, Setting> bootstrap;

  private TickstreamConfig(Map<String, String> flags, Map<String, String> env, Map<String, JsonNode> appConfig) {
    this.flags = Map.copyOf(flags);
    this.env = Map.copyOf(env);
    this.appConfig = Collections.unmodifiableMap(new LinkedHashMap<>(appConfig));
    this.bootstrap = resolveBootstrap();
    parseBoolean(DISABLE_SYNTHETIC, bootstrap.get(DISABLE_SYNTHETIC).value());
  }

  /**
   * Resolves the configuration from flags (keys as above; null values ignored) and an environment
   * (normally {@link System#getenv()}). Throws {@link IllegalArgumentException} naming the bad setting.
   */
  public static TickstreamConfig resolve(Map<String, String> flags, Map<String, String> env) {
    Map<String, String> f = new LinkedHashMap<>();
    flags.forEach((k, v) -> {
      if (v != null) {
        f.put(k, v);
      }
    });
    Map<String, String> e = new LinkedHashMap<>();
    env.forEach((k, v) -> {
      if (v != null && !v.isBlank()) {
        e.put(k, v);
      }
    });
    TickstreamConfig c = new TickstreamConfig(f, e, Map.of());
    DbUrl.parse(c.dbUrl());
    return c;
  }

  /** Flags and the process environment. */
  public static TickstreamConfig fromEnvironment(Map<String, String> flags) {
    return resolve(flags, System.getenv());
  }

  /** This configuration with the {@code app_config} rows of a migrated database as the third layer. */
  public TickstreamConfig withAppConfig(Database db) {
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    try (Connection c = db.connection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT key, val FROM app_config ORDER BY key")) {
      while (rs.next()) {
        String key = rs.getString(1);
        try {
          rows.put(key, Json.MAPPER.readTree(rs.getString(2)));
        } catch (java.io.IOException e) {
          throw new IllegalArgumentException("app_config row '" + key + "' is not valid JSON: " + e.getMessage(), e);
        }
      }
    } catch (SQLException e) {
      throw new DbException("cannot read app_config from " + db.url().masked() + ": " + e.getMessage(), e);
    }
    return new TickstreamConfig(flags, env, rows);
  }

  private Map<String, Setting> resolveBootstrap() {
    Map<String, Setting> m = new LinkedHashMap<>();
    for (String key : BOOTSTRAP_KEYS) {
      Setting s = fromFlagOrEnv(key, ENV_NAMES.get(key));
      if (s == null) {
        s = new Setting(key, bootstrapDefault(key, m), ConfigSource.DEFAULT);
      }
      m.put(key, s);
    }
    return Collections.unmodifiableMap(m);
  }

  private String bootstrapDefault(String key, Map<String, Setting> soFar) {
    return switch (key) {
      case DATA_DIR -> "./data";
      case DB_URL -> "sqlite://" + Path.of(soFar.get(DATA_DIR).value()).toAbsolutePath().normalize()
          .resolve("tickstream.db");
      case APP_ENV -> "dev";
      case DISABLE_SYNTHETIC -> "false";
      default -> null;
    };
  }

  private Setting fromFlagOrEnv(String key, String envName) {
    if (flags.containsKey(key)) {
      return new Setting(key, flags.get(key), ConfigSource.FLAG);
    }
    if (envName != null && env.containsKey(envName)) {
      return new Setting(key, env.get(envName), ConfigSource.ENV);
    }
    return null;
  }

  public String dbUrl() {
    return bootstrap.get(DB_URL).value();
  }

  /**
   * {@code DATA_DIR}, absolute: a relative value is resolved against this process's working directory here,
   * where the command runs. Job graphs carry the path to the TaskManagers (under {@code flink run} their working
   * directory is not the client's), so a relative path would put a job's outputs elsewhere than its checkpoints.
   */
  public Path dataDir() {
    return Path.of(bootstrap.get(DATA_DIR).value()).toAbsolutePath().normalize();
  }

  public Optional<String> kafkaBootstrap() {
    return Optional.ofNullable(bootstrap.get(KAFKA_BOOTSTRAP).value());
  }

  public String appEnv() {
    return bootstrap.get(APP_ENV).value();
  }

  public boolean disableSynthetic() {
    return parseBoolean(DISABLE_SYNTHETIC, bootstrap.get(DISABLE_SYNTHETIC).value());
  }

  /** Environment variable that overrides a non-bootstrap key: {@code TICKSTREAM_} + upper-case, dots to underscores. */
  public static String envName(String key) {
    String known = ENV_NAMES.get(key);
    return known != null ? known : "TICKSTREAM_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /** The effective setting of any key (bootstrap or not); value null when no layer sets it. */
  public Setting setting(String key) {
    Setting b = bootstrap.get(key);
    if (b != null) {
      return b;
    }
    Setting s = fromFlagOrEnv(key, envName(key));
    if (s != null) {
      return s;
    }
    JsonNode fromTable = appConfigValue(key);
    if (fromTable != null) {
      return new Setting(key, fromTable.isValueNode() ? fromTable.asText() : fromTable.toString(), ConfigSource.APP_CONFIG);
    }
    return new Setting(key, null, ConfigSource.DEFAULT);
  }

  /** Text value of a key, or {@code dflt}. */
  public String getString(String key, String dflt) {
    String v = setting(key).value();
    return v == null ? dflt : v;
  }

  /** Numeric value of a key, or {@code dflt}; a non-numeric value is an error naming the key and its source. */
  public double getDouble(String key, double dflt) {
    Setting s = setting(key);
    if (s.value() == null) {
      return dflt;
    }
    try {
      return Double.parseDouble(s.value().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting " + key + " = '" + s.displayValue() + "' (from "
          + s.source().name().toLowerCase() + ") is not a number");
    }
  }

  /** Integer value of a key, or {@code dflt}. */
  public long getLong(String key, long dflt) {
    double d = getDouble(key, dflt);
    if (d != Math.rint(d)) {
      throw new IllegalArgumentException("setting " + key + " = " + d + " is not an integer");
    }
    return (long) d;
  }

  /** Boolean value of a key ({@code true/false/1/0/yes/no/on/off}), or {@code dflt}. */
  public boolean getBoolean(String key, boolean dflt) {
    String v = setting(key).value();
    return v == null ? dflt : parseBoolean(key, v);
  }

  private JsonNode appConfigValue(String key) {
    String rowKey = key;
    String path = "";
    while (true) {
      JsonNode row = appConfig.get(rowKey);
      if (row != null) {
        JsonNode node = row;
        if (!path.isEmpty()) {
          for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
          }
        }
        if (node != null && !node.isNull()) {
          return node;
        }
      }
      int dot = rowKey.lastIndexOf('.');
      if (dot < 0) {
        return null;
      }
      path = rowKey.substring(dot + 1) + (path.isEmpty() ? "" : "." + path);
      rowKey = rowKey.substring(0, dot);
    }
  }

  static boolean parseBoolean(String key, String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off", "" -> false;
      default -> throw new IllegalArgumentException("setting " + key + " = '" + v
          + "' is not a boolean (use true/false, 1/0, yes/no)");
    };
  }

  /** Masks secrets: URL passwords, and whole values of keys that name a password/token/secret/key. */
  static String mask(String key, String value) {
    if (value == null) {
      return null;
    }
    if (SECRET_KEY.matcher(key).matches()) {
      return "***";
    }
    return DbUrl.mask(value);
  }

  /**
   * Every effective setting for the log at start: the bootstrap keys, flags/env overrides of other keys
   * and every {@code app_config} row, secrets masked.
   */
  public List<Setting> effective() {
    Map<String, Setting> all = new LinkedHashMap<>(bootstrap);
    for (String k : flags.keySet()) {
      all.putIfAbsent(k, setting(k));
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getKey().startsWith("TICKSTREAM_")) {
        all.putIfAbsent(e.getKey(), new Setting(e.getKey(), e.getValue(), ConfigSource.ENV));
      }
    }
    for (String k : appConfig.keySet()) {
      all.putIfAbsent(k, setting(k));
    }
    return new ArrayList<>(all.values());
  }

  /** Multi-line description of {@link #effective()} for logs, secrets masked. */
  public String describe() {
    StringBuilder sb = new StringBuilder("effective configuration:");
    for (Setting s : effective()) {
      sb.append("\n  ").append(s);
    }
    return sb.toString();
  }
}
