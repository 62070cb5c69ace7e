package io.tickstream.connectors.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TickstreamConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsAreEmbeddedSqliteUnderDataDir() {
    TickstreamConfig c = TickstreamConfig.resolve(Map.of(), Map.of());
    assertEquals(Path.of("data").toAbsolutePath(), c.dataDir());
    assertEquals("sqlite://" + Path.of("data").toAbsolutePath().resolve("tickstream.db"), c.dbUrl());
    assertEquals("dev", c.appEnv());
    assertFalse(c.disableSynthetic());
    assertEquals(Optional.empty(), c.kafkaBootstrap());
    assertEquals(ConfigSource.DEFAULT, c.setting(TickstreamConfig.DB_URL).source());
  }

  @Test
  void dataDirFromEnvironmentMovesTheDefaultDatabase() {
    TickstreamConfig c = TickstreamConfig.resolve(Map.of(), Map.of("DATA_DIR", dir.toString()));
    assertEquals("sqlite://" + dir.resolve("tickstream.db"), c.dbUrl());
    assertEquals(ConfigSource.ENV, c.setting(TickstreamConfig.DATA_DIR).source());
  }

  @Test
  void flagsBeatEnvironmentBeatDefaults() {
    Map<String, String> env = Map.of("DB_URL", "postgresql://u:pw@envhost/db", "KAFKA_BOOTSTRAP", "k:9092",
        "APP_ENV", "prod", "DISABLE_SYNTHETIC", "1");
    TickstreamConfig fromEnv = TickstreamConfig.resolve(Map.of(), env);
    assertEquals("postgresql://u:pw@envhost/db", fromEnv.dbUrl());
    assertEquals(Optional.of("k:9092"), fromEnv.kafkaBootstrap());
    assertEquals("prod", fromEnv.appEnv());
    assertTrue(fromEnv.disableSynthetic());

    TickstreamConfig flagged = TickstreamConfig.resolve(
        Map.of(TickstreamConfig.DB_URL, "sqlite:x.db", TickstreamConfig.DISABLE_SYNTHETIC, "false"), env);
    assertEquals("sqlite:x.db", flagged.dbUrl());
    assertEquals(ConfigSource.FLAG, flagged.setting(TickstreamConfig.DB_URL).source());
    assertFalse(flagged.disableSynthetic());
  }

  @Test
  void badValuesFailNamingTheSetting() {
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> TickstreamConfig.resolve(Map.of(), Map.of("DISABLE_SYNTHETIC", "maybe")));
    assertTrue(b.getMessage().contains("disable.synthetic") && b.getMessage().contains("maybe"), b.getMessage());
    IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
        () -> TickstreamConfig.resolve(Map.of(), Map.of("DB_URL", "mysql://h/db")));
    assertTrue(u.getMessage().contains("mysql://h/db"), u.getMessage());
  }

  @Test
  void appConfigIsTheThirdLayerBelowEnvironmentAndFlags() {
    String url = TestDatabases.freshSqliteUrl(dir);
    try (Database db = Database.open(url)) {
      db.migrate();
      TickstreamConfig base = TickstreamConfig.resolve(Map.of(), Map.of("DB_URL", url)).withAppConfig(db);
      assertEquals(100.0, base.getDouble("mesh.accept.offset_ms.max", 1));
      assertEquals(ConfigSource.APP_CONFIG, base.setting("mesh.accept.offset_ms.max").source());
      assertEquals(300, base.getLong("mesh.accept.rtt_ms.max", 1));
      assertEquals("eta-0.3.0", base.getString("eta.method_version.value", "x"));
      assertEquals(7.5, base.getDouble("no.such.key", 7.5));

      TickstreamConfig env = TickstreamConfig.resolve(Map.of(),
          Map.of("DB_URL", url, "TICKSTREAM_MESH_ACCEPT_OFFSET_MS_MAX", "50")).withAppConfig(db);
      assertEquals(50.0, env.getDouble("mesh.accept.offset_ms.max", 1));
      assertEquals(ConfigSource.ENV, env.setting("mesh.accept.offset_ms.max").source());

      TickstreamConfig flag = TickstreamConfig.resolve(Map.of("mesh.accept.offset_ms.max", "25"),
          Map.of("DB_URL", url, "TICKSTREAM_MESH_ACCEPT_OFFSET_MS_MAX", "50")).withAppConfig(db);
      assertEquals(25.0, flag.getDouble("mesh.accept.offset_ms.max", 1));

      TickstreamConfig junk = TickstreamConfig.resolve(Map.of("mesh.accept.rtt_ms.max", "fast"), Map.of("DB_URL", url));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> junk.getDouble("mesh.accept.rtt_ms.max", 1));
      assertTrue(e.getMessage().contains("mesh.accept.rtt_ms.max") && e.getMessage().contains("flag"), e.getMessage());
      assertTrue(flag.describe().contains("mesh.accept.rtt_ms = {\"max\":300}  [app_config]"), flag.describe());
    }
  }

  @Test
  void effectiveConfigurationMasksSecrets() {
    TickstreamConfig c = TickstreamConfig.resolve(Map.of("mesh.node.token", "tok-123", "api.password", "pw2"),
        Map.of("DB_URL", "postgresql://tick:hunter2@db:5432/ts", "TICKSTREAM_UPLOAD_SECRET", "s3"));
    String d = c.describe();
    assertFalse(d.contains("hunter2") || d.contains("tok-123") || d.contains("pw2") || d.contains("s3\n")
        || d.endsWith("s3"), d);
    assertTrue(d.contains("db.url = postgresql://tick:***@db:5432/ts  [env]"), d);
    assertTrue(d.contains("mesh.node.token = ***  [flag]"), d);
    assertTrue(d.contains("data.dir = ./data  [default]"), d);
  }
}
