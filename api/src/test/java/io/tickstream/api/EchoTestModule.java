package io.tickstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** Test route module, registered through META-INF/services like production modules. */
public final class EchoTestModule implements ApiModule {
  @Override
  public void register(RoutesConfig routes, ApiContext ctx) {
    routes.post("/api/test/echo", c -> {
      JsonNode body = c.bodyAsClass(JsonNode.class);
      if (!body.has("x")) {
        throw ApiError.badRequest("field 'x' missing in request body");
      }
      c.json(Map.of("success", true, "x", body.get("x"), "db", ctx.db().dialect().name()));
    });
    routes.get("/api/test/arg", c -> {
      throw new IllegalArgumentException("parameter n must be positive, got " + c.queryParam("n"));
    });
    routes.get("/api/test/boom", c -> {
      throw new IllegalStateException("kaboom");
    });
  }
}
