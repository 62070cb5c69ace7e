package io.tickstream.api;

import io.javalin.config.RoutesConfig;

/**
 * A group of HTTP routes (e.g. {@code /api/mesh_ingest}, {@code /api/eta}). Modules are found with
 * {@link java.util.ServiceLoader}: implement this interface with a public no-argument constructor and
 * list the class in {@code src/main/resources/META-INF/services/io.tickstream.api.ApiModule} of your
 * module; {@link ApiServer} registers it at start. Handlers report bad input by throwing
 * {@link ApiError} (or {@link IllegalArgumentException}, mapped to 400); the server turns every error
 * into a JSON body {@code {"success":false,"status":N,"error":"..."}}.
 */
public interface ApiModule {

  /** Name for logs and {@code /api/health}. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** Adds this module's routes; {@code ctx} gives the database and configuration. */
  void register(RoutesConfig routes, ApiContext ctx);

  /** Releases what {@link #register} started; called by {@link ApiServer#close()} after HTTP stopped. */
  default void close() {}
}
