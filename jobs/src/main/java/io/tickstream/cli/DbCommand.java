package io.tickstream.cli;

import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.db.Database;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tickstream db migrate|info}: schema management of the configured database. */
@Command(name = "db", mixinStandardHelpOptions = true,
    description = "Manage the tickstream database (PostgreSQL or SQLite, chosen by --db-url / DB_URL).",
    subcommands = {DbCommand.Migrate.class, DbCommand.Info.class})
public final class DbCommand implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(DbCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Prints schema version, tables and row counts. */
  static void printInfo(Database db, PrintWriter out) {
    out.println("database       " + db.url().masked() + " (" + db.dialect().name().toLowerCase() + ")");
    out.println("schema version " + db.schemaVersion() + " (" + db.pendingMigrations() + " pending)");
    Map<String, Long> counts = db.rowCounts();
    out.println("tables         " + counts.size() + ", views " + db.views());
    counts.forEach((table, n) -> out.printf("  %-22s %10d rows%n", table, n));
    out.flush();
  }

  @Command(name = "migrate", mixinStandardHelpOptions = true,
      description = {"Create or upgrade the schema (Flyway; a no-op when current), then print what `db info` prints.",
          "Creates the SQLite file and its directory if needed."})
  static final class Migrate implements Callable<Integer> {
    @Mixin ConfigOptions config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      TickstreamConfig boot = config.bootstrapConfig();
      try (Database db = Database.open(boot.dbUrl())) {
        int applied = db.migrate();
        LOG.info("{}", boot.withAppConfig(db).describe());
        out.println("applied " + applied + " migration(s)");
        printInfo(db, out);
      }
      return 0;
    }
  }

  @Command(name = "info", mixinStandardHelpOptions = true,
      description = "Print the database in use (password masked), its schema version, tables and row counts."
          + " Does not migrate.")
  static final class Info implements Callable<Integer> {
    @Mixin ConfigOptions config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = Database.open(config.bootstrapConfig().dbUrl())) {
        printInfo(db, out);
        if (db.pendingMigrations() > 0) {
          out.println("run `tickstream db migrate` to apply " + db.pendingMigrations() + " pending migration(s)");
          out.flush();
        }
      }
      return 0;
    }
  }
}
