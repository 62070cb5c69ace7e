package io.tickstream.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/health}: status, version, git commit, the database in use (kind, URL with password
 * masked, schema version, pending migrations) and the registered route modules. Answers 503 when the
 * database cannot be queried.
 */
final class HealthModule implements ApiModule {
  private final List<String> moduleNames;

  HealthModule(List<String> moduleNames) {
    this.moduleNames = List.copyOf(moduleNames);
  }

  @Override
  public void register(RoutesConfig routes, ApiContext ctx) {
    routes.get("/api/health", c -> health(c, ctx));
  }

  private void health(Context c, ApiContext ctx) {
    Map<String, Object> db = new LinkedHashMap<>();
    db.put("kind", ctx.db().dialect().name().toLowerCase());
    db.put("url", ctx.db().url().masked());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("status", "ok");
    body.put("version", ctx.version());
    body.put("git_commit", ctx.gitCommit());
    body.put("app_env", ctx.config().appEnv());
    try {
      db.put("schema_version", ctx.db().schemaVersion());
      db.put("pending_migrations", ctx.db().pendingMigrations());
    } catch (RuntimeException e) {
      body.put("success", false);
      body.put("status", "database unavailable");
      body.put("error", e.getMessage());
      c.status(503);
    }
    body.put("database", db);
    body.put("modules", moduleNames);
    c.json(body);
  }
}
