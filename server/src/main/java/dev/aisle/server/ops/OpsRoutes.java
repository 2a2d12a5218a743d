package dev.aisle.server.ops;

import dev.aisle.api.Role;
import dev.aisle.server.platform.Access;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The ops console's own reads over HTTP: the live overview, for customer service and admins. */
public final class OpsRoutes {

  static final int DEFAULT_MINUTES = 60;

  private final OverviewService overview;

  public OpsRoutes(OverviewService overview) {
    this.overview = overview;
  }

  public void mount(Router router) {
    router.get("/api/v1/ops/overview").handler(Access.require(Role.CSR, Role.ADMIN)).handler(this::overview);
  }

  private void overview(RoutingContext ctx) {
    overview.overview(minutes(ctx.queryParams().get("minutes"))).onSuccess(o -> Responses.json(ctx, 200, o))
        .onFailure(ctx::fail);
  }

  private static int minutes(String raw) {
    if (raw == null) {
      return DEFAULT_MINUTES;
    }
    try {
      int minutes = Integer.parseInt(raw);
      if (minutes >= 1 && minutes <= OverviewService.MAX_MINUTES) {
        return minutes;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw ApiProblem.invalidField("minutes", "must be a whole number between 1 and " + OverviewService.MAX_MINUTES);
  }
}
