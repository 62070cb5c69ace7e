package io.tickstream.connectors.db.testing;

import io.tickstream.connectors.db.DbUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * Real databases for tests (published in the connectors test-jar). PostgreSQL is an embedded server
 * (zonky, started once per JVM) unless the environment variable {@code TICKSTREAM_TEST_PG_URL} names an
 * external server (any DB_URL form, pointing at a database the user may {@code CREATE DATABASE} from).
 * Every call to {@link #freshPostgresUrl()} creates a new, empty database, so test classes never see
 * each other's rows.
 */
public final class TestDatabases {
  /** Environment variable naming an external PostgreSQL server for tests. */
  public static final String PG_ENV = "TICKSTREAM_TEST_PG_URL";

  private static EmbeddedPostgres embedded;
  private static final List<String> CREATED = new ArrayList<>();

  private TestDatabases() {}

  /** A DB_URL ({@code jdbc:postgresql://...}) of a newly created, empty PostgreSQL database. */
  public static synchronized String freshPostgresUrl() {
    String name = "ts_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String external = System.getenv(PG_ENV);
    try {
      if (external != null && !external.isBlank()) {
        DbUrl admin = DbUrl.parse(external);
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), props(admin));
            Statement st = c.createStatement()) {
          st.execute("CREATE DATABASE " + name);
        }
        CREATED.add(name);
        String jdbc = admin.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]+", "$1" + name);
        if (admin.user() != null) {
          jdbc += (jdbc.contains("?") ? "&" : "?") + "user=" + admin.user()
              + (admin.password() == null ? "" : "&password=" + admin.password());
        }
        return jdbc;
      }
      if (embedded == null) {
        embedded = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            embedded.close();
          } catch (IOException e) {
            // exiting anyway
          }
        }));
      }
      try (Connection c = embedded.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE " + name);
      }
      return "jdbc:postgresql://localhost:" + embedded.getPort() + "/" + name + "?user=postgres";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
    }
  }

  /** A DB_URL ({@code sqlite:///...}) of a new SQLite file in {@code dir}. */
  public static String freshSqliteUrl(Path dir) {
    return "sqlite://" + dir.toAbsolutePath().resolve("tickstream-" + UUID.randomUUID() + ".db");
  }

  private static Properties props(DbUrl url) {
    Properties p = new Properties();
    if (url.user() != null) {
      p.setProperty("user", url.user());
    }
    if (url.password() != null) {
      p.setProperty("password", url.password());
    }
    return p;
  }
}
