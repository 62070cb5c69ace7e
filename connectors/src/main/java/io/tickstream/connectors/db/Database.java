package io.tickstream.connectors.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tickstream's database: a pooled {@link DataSource} opened from a {@code DB_URL} ({@link DbUrl}),
 * its {@link Dialect}, and Flyway migrations from the schemas module
 * ({@code db/migration/postgresql} or {@code db/migration/sqlite}).
 *
 * <p>PostgreSQL sessions run with {@code TimeZone=UTC}. SQLite connections enable foreign keys, WAL
 * journaling and a 30 s busy timeout (writers from several threads wait instead of failing); the
 * database file's directory is created if missing.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  /** Flyway's bookkeeping table, not part of tickstream's schema. */
  public static final String FLYWAY_TABLE = "flyway_schema_history";

  private final DbUrl url;
  private final HikariDataSource dataSource;
  private final Flyway flyway;

  private Database(DbUrl url, HikariDataSource dataSource) {
    this.url = url;
    this.dataSource = dataSource;
    this.flyway = Flyway.configure()
        .dataSource(dataSource)
        .locations(url.dialect().migrationLocation())
        .table(FLYWAY_TABLE)
        // branches land in any order: migrations are numbered V<issue>_<n>, so allow a lower version
        // to be applied after a higher one (docs/STORAGE.md)
        .outOfOrder(true)
        .load();
  }

  /** Opens (does not migrate) the database named by a DB_URL string; see {@link DbUrl#parse}. */
  public static Database open(String dbUrl) {
    return open(DbUrl.parse(dbUrl));
  }

  /** Opens (does not migrate) a database; fails with a clear message if it cannot be reached. */
  public static Database open(DbUrl url) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url.jdbcUrl());
    hc.setPoolName("tickstream-db");
    if (url.user() != null) {
      hc.setUsername(url.user());
    }
    if (url.password() != null) {
      hc.setPassword(url.password());
    }
    if (url.dialect() == Dialect.SQLITE) {
      Path file = url.sqliteFile().toAbsolutePath();
      try {
        Files.createDirectories(file.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create directory for SQLite database " + file, e);
      }
      hc.setDriverClassName("org.sqlite.JDBC");
      hc.addDataSourceProperty("foreign_keys", "true");
      hc.addDataSourceProperty("journal_mode", "WAL");
      hc.addDataSourceProperty("busy_timeout", "30000");
      hc.setMaximumPoolSize(4);
    } else {
      hc.setDriverClassName("org.postgresql.Driver");
      hc.setConnectionInitSql("SET TIME ZONE 'UTC'");
      hc.setMaximumPoolSize(8);
    }
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(10_000);
    hc.setInitializationFailTimeout(10_000);
    try {
      HikariDataSource ds = new HikariDataSource(hc);
      LOG.info("database {} ({})", url.masked(), url.dialect());
      return new Database(url, ds);
    } catch (RuntimeException e) {
      throw new DbException("cannot open database " + url.masked() + ": " + rootMessage(e), e);
    }
  }

  /** Applies pending migrations; a no-op when the schema is current. Returns the migrations applied. */
  public int migrate() {
    MigrateResult r = flyway.migrate();
    LOG.info("database {}: {} migration(s) applied, schema version {}", url.masked(), r.migrationsExecuted,
        schemaVersion());
    return r.migrationsExecuted;
  }

  /** The applied schema version (e.g. {@code "2.3"}), or {@code "none"} before the first migration. */
  public String schemaVersion() {
    MigrationInfo current = flyway.info().current();
    return current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
  }

  /** Number of migrations known to the build but not yet applied. */
  public int pendingMigrations() {
    return flyway.info().pending().length;
  }

  public Dialect dialect() {
    return url.dialect();
  }

  public DbUrl url() {
    return url;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** A pooled connection (auto-commit on); close it to return it to the pool. */
  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  /** tickstream's tables (excluding Flyway's), sorted by name. */
  public List<String> tables() {
    return objects("TABLE");
  }

  /** tickstream's views, sorted by name. */
  public List<String> views() {
    return objects("VIEW");
  }

  private List<String> objects(String type) {
    List<String> names = new ArrayList<>();
    try (Connection c = connection()) {
      DatabaseMetaData md = c.getMetaData();
      String schema = dialect() == Dialect.POSTGRESQL ? c.getSchema() : null;
      try (ResultSet rs = md.getTables(null, schema, "%", new String[] {type})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          if (!name.equalsIgnoreCase(FLYWAY_TABLE) && !name.startsWith("sqlite_")) {
            names.add(name);
          }
        }
      }
    } catch (SQLException e) {
      throw new DbException("cannot list " + type.toLowerCase() + "s of " + url.masked() + ": " + e.getMessage(), e);
    }
    names.sort(String::compareTo);
    return names;
  }

  /** Row count of every table, in {@link #tables()} order. */
  public Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = connection(); Statement st = c.createStatement()) {
      for (String t : tables()) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + t.replace("\"", "\"\"") + "\"")) {
          rs.next();
          counts.put(t, rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new DbException("cannot count rows in " + url.masked() + ": " + e.getMessage(), e);
    }
    return counts;
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
