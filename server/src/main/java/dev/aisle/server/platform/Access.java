package dev.aisle.server.platform;

import dev.aisle.api.Role;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.Set;

/**
 * Route guards. The authenticator puts the {@link Caller} on the context; {@link #require} lets a route
 * through only for the listed roles (401 without credentials, 403 with the wrong role).
 */
public final class Access {

  public static final String CALLER = "aisle.caller";

  private Access() {}

  public static Handler<RoutingContext> require(Role first, Role... rest) {
    Set<Role> allowed = EnumSet.of(first, rest);
    return ctx -> {
      Caller caller = ctx.get(CALLER);
      if (caller == null) {
        ctx.fail(ApiProblem.unauthorized("credentials required: a bearer token or an API key"));
      } else if (!allowed.contains(caller.role())) {
        ctx.fail(ApiProblem.forbidden("role " + caller.role().wire() + " may not do this"));
      } else {
        ctx.next();
      }
    };
  }

  /** The authenticated caller; only valid behind {@link #require}. */
  public static Caller caller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  /** Fails with 403 unless the caller may act on this location (store roles only see their own). */
  public static void checkLocation(Caller caller, String locationId) {
    if (!caller.mayAccessLocation(locationId)) {
      throw ApiProblem.forbidden("a " + caller.role().wire() + " of " + caller.locationId()
          + " may not access location " + locationId);
    }
  }
}
