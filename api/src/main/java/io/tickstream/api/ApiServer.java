package io.tickstream.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.tickstream.connectors.db.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tickstream's HTTP API (Javalin). Serves {@code GET /api/health} itself and every {@link ApiModule}
 * given (normally {@link #discoverModules()}). Every error, including unknown routes and invalid JSON,
 * is answered as {@code {"success":false,"status":N,"error":"..."}}; unexpected exceptions are logged
 * with their stack trace and answered 500.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final Javalin app;
  private final List<String> moduleNames;
  private final List<ApiModule> modules;

  /** Builds (does not start) a server with {@code modules} plus the health endpoint. */
  public ApiServer(ApiContext ctx, List<ApiModule> modules) {
    this.moduleNames = modules.stream().map(ApiModule::name).toList();
    this.modules = List.copyOf(modules);
    HealthModule health = new HealthModule(moduleNames);
    this.app = Javalin.create(cfg -> {
      cfg.jsonMapper(new JavalinJackson(Json.MAPPER.copy(), false));
      cfg.startup.showJavalinBanner = false;
      cfg.requestLogger.http((c, ms) ->
          LOG.debug("{} {} -> {} ({} ms)", c.method(), c.path(), c.status().getCode(), Math.round(ms)));
      cfg.routes.exception(ApiError.class, (e, c) -> error(c, e.status(), e.getMessage()));
      cfg.routes.exception(IllegalArgumentException.class, (e, c) -> error(c, 400, e.getMessage()));
      cfg.routes.exception(JsonProcessingException.class,
          (e, c) -> error(c, 400, "invalid JSON body: " + e.getOriginalMessage()));
      cfg.routes.exception(HttpResponseException.class, (e, c) -> error(c, e.getStatus(),
          e.getStatus() == 404 ? "no route " + c.method() + " " + c.path() : e.getMessage()));
      cfg.routes.exception(Exception.class, (e, c) -> {
        LOG.error("{} {} failed", c.method(), c.path(), e);
        error(c, 500, "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      });
      health.register(cfg.routes, ctx);
      for (ApiModule m : modules) {
        LOG.info("API module {}", m.name());
        m.register(cfg.routes, ctx);
      }
    });
  }

  /** Route modules registered through {@code META-INF/services/io.tickstream.api.ApiModule}. */
  public static List<ApiModule> discoverModules() {
    List<ApiModule> modules = new ArrayList<>();
    ServiceLoader.load(ApiModule.class).forEach(modules::add);
    return modules;
  }

  /** Starts listening; port 0 picks a free port (see {@link #port()}). */
  public ApiServer start(String host, int port) {
    app.start(host, port);
    LOG.info("API listening on http://{}:{}/api/health ({} module(s): {})", host, app.port(), moduleNames.size(),
        moduleNames);
    return this;
  }

  /** The port actually bound. */
  public int port() {
    return app.port();
  }

  private static void error(Context c, int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("status", status);
    body.put("error", message == null ? "error " + status : message);
    c.status(status).json(body);
  }

  @Override
  public void close() {
    app.stop(); // no new requests; then modules release their resources (e.g. drain the embedded mesh job)
    for (int i = modules.size() - 1; i >= 0; i--) {
      ApiModule m = modules.get(i);
      try {
        m.close();
      } catch (RuntimeException e) {
        LOG.error("closing API module {}", m.name(), e);
      }
    }
  }
}
