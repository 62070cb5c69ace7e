package io.tickstream.api.gap;

import io.javalin.config.RoutesConfig;
import io.tickstream.api.ApiContext;
import io.tickstream.api.ApiModule;
import io.tickstream.connectors.gap.EtaStore;
import java.time.Clock;

/** Phase gap, ETA and forecast routes: {@code /api/eta}, {@code /api/phase_gap}, {@code /api/forecast}. */
public final class GapApiModule implements ApiModule {
  @Override
  public void register(RoutesConfig routes, ApiContext ctx) {
    EtaRoutes eta = new EtaRoutes(new EtaStore(ctx.db()), Clock.systemUTC());
    GapReadRoutes read = new GapReadRoutes(ctx.db());
    routes.get("/api/eta", c -> c.json(eta.getEta()));
    routes.get("/api/phase_gap", c -> c.json(read.phaseGap(
        GapReadRoutes.param("from", c.queryParam("from")), GapReadRoutes.param("to", c.queryParam("to")))));
    routes.get("/api/forecast", c -> c.json(read.forecast(
        GapReadRoutes.param("from", c.queryParam("from")), GapReadRoutes.param("to", c.queryParam("to")))));
  }
}
