package io.tickstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    return run(TickstreamCli.commandLine(), args);
  }

  static Run run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int rc = cl.execute(args);
    return new Run(rc, out.toString(), err.toString());
  }

  @Test
  void topLevelHelpListsTheCommands() {
    Run r = run("--help");
    assertEquals(0, r.exitCode());
    for (String cmd : List.of("version", "db", "serve", "help")) {
      assertTrue(r.out().contains("  " + cmd), cmd + " missing from:\n" + r.out());
    }
  }

  @Test
  void versionPrintsTheGitCommitOfTheBuild() throws Exception {
    Run r = run("version");
    assertEquals(0, r.exitCode());
    String head = new String(new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").start()
        .getInputStream().readAllBytes()).trim();
    assertTrue(r.out().matches("(?s)tickstream \\S+\\ngit commit " + head + "(-dirty)?\\n.*"), r.out());
  }

  @Test
  void everyCommandHasHelpWithADescription() {
    List<String> checked = new ArrayList<>();
    walk(TickstreamCli.commandLine(), new ArrayList<>(), checked);
    assertTrue(checked.containsAll(List.of("db migrate", "db info", "serve", "version")), checked.toString());
  }

  private void walk(CommandLine cl, List<String> path, List<String> checked) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandName().equals("help")) {
        continue;
      }
      List<String> p = new ArrayList<>(path);
      p.add(sub.getCommandName());
      List<String> args = new ArrayList<>(p);
      args.add("--help");
      Run r = run(args.toArray(String[]::new));
      assertEquals(0, r.exitCode(), p + " --help");
      assertTrue(r.out().startsWith("Usage: tickstream " + String.join(" ", p)),
          "help starts with the usage line (the summary is for command lists): " + r.out());
      for (String line : r.out().split("\n")) {
        assertTrue(line.length() <= 80, p + " --help has a line over 80 columns: " + line);
      }
      assertTrue(sub.getCommandSpec().usageMessage().description().length > 0, p + " has no description");
      checked.add(String.join(" ", p));
      walk(sub, p, checked);
    }
  }

  @Test
  void dbMigrateCreatesTheSchemaOnceAndDbInfoReportsIt() {
    String url = "sqlite://" + dir.resolve("sub/ts.db");
    Run first = run("db", "migrate", "--db-url", url);
    assertEquals(0, first.exitCode(), first.err());
    Matcher applied = Pattern.compile("applied (\\d+) migration\\(s\\)").matcher(first.out());
    assertTrue(applied.find() && Integer.parseInt(applied.group(1)) >= 3, first.out());
    String version;
    try (io.tickstream.connectors.db.Database db = io.tickstream.connectors.db.Database.open(url)) {
      version = db.schemaVersion();
      assertEquals(0, db.pendingMigrations());
    }
    assertTrue(first.out().contains("schema version " + version + " (0 pending)"), first.out());
    assertTrue(Files.isRegularFile(dir.resolve("sub/ts.db")));
    Run again = run("db", "migrate", "--db-url", url);
    assertTrue(again.out().contains("applied 0 migration(s)"), again.out());
    Run info = run("db", "info", "--db-url", url);
    assertEquals(0, info.exitCode(), info.err());
    assertTrue(info.out().matches("(?s).*app_config\\s+\\d+ rows.*"), info.out());
    assertTrue(info.out().contains("v_eta_current"), info.out());
  }

  @Test
  void dataDirPicksTheDefaultSqliteDatabase() {
    Run r = run("db", "migrate", "--data-dir", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.isRegularFile(dir.resolve("tickstream.db")));
  }

  @Test
  void badDbUrlFailsWithOneClearLine() {
    Run r = run("db", "info", "--db-url", "postgresql://u:secret@/x");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().startsWith("error: invalid DB_URL 'postgresql://u:***@/x'"), r.err());
    assertTrue(!r.err().contains("secret") && !r.err().contains("\tat "), r.err());
  }

  @Test
  void serveAnswersHealthOverHttp() throws Exception {
    ServeCommand serve = new ServeCommand();
    CommandLine cl = new CommandLine(serve);
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    String url = "sqlite://" + dir.resolve("serve.db");
    CompletableFuture<Integer> rc = CompletableFuture.supplyAsync(
        () -> cl.execute("--port", "0", "--db-url", url));
    Pattern serving = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/api/health");
    Matcher m = serving.matcher("");
    for (int i = 0; i < 300 && !m.find(); i++) {
      Thread.sleep(50);
      m = serving.matcher(out.toString());
    }
    assertTrue(m.find(0), "server did not start: " + out);
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/api/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    String version;
    try (io.tickstream.connectors.db.Database db = io.tickstream.connectors.db.Database.open(url)) {
      version = db.schemaVersion();
    }
    assertTrue(r.body().contains("\"schema_version\":\"" + version + "\""), r.body());
    assertTrue(r.body().contains("\"kind\":\"sqlite\""), r.body());
    serve.stop();
    assertEquals(0, rc.get());
  }
}
