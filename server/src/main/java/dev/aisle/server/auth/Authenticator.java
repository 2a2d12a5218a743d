package dev.aisle.server.auth;

import dev.aisle.server.platform.Access;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Mounted on {@code /api/*} before every route: establishes the {@link dev.aisle.server.platform.Caller} (if the
 * request has credentials) under {@link Access#CALLER}, or fails the request with 401 for bad ones. Routes decide
 * with {@link Access#require} whether a caller is needed.
 */
public final class Authenticator implements Handler<RoutingContext> {

  private final AuthService auth;

  public Authenticator(AuthService auth) {
    this.auth = auth;
  }

  @Override
  public void handle(RoutingContext ctx) {
    // the body must wait for the routes behind us: some stream it without a BodyHandler
    ctx.request().pause();
    Context origin = Vertx.currentContext();
    auth.authenticate(ctx.request()).onComplete(ar -> {
      // The routes behind us (a WebSocket upgrade above all) must run on the request's own event loop.
      if (origin != null && Vertx.currentContext() != origin) {
        origin.runOnContext(v -> proceed(ctx, ar));
      } else {
        proceed(ctx, ar);
      }
    });
  }

  private static void proceed(RoutingContext ctx, io.vertx.core.AsyncResult<dev.aisle.server.platform.Caller> ar) {
    ctx.request().resume();
    if (ar.failed()) {
      ctx.fail(ar.cause());
      return;
    }
    if (ar.result() != null) {
      ctx.put(Access.CALLER, ar.result());
    }
    ctx.next();
  }
}
