package dev.aisle.server.platform;

import dev.aisle.api.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Writes successful answers. Errors never go through here: handlers fail the context instead. */
public final class Responses {

  private Responses() {}

  public static Future<Void> json(RoutingContext ctx, int status, Object body) {
    return ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(Json.encode(body));
  }

  public static Future<Void> noContent(RoutingContext ctx) {
    return ctx.response().setStatusCode(204).end();
  }

  /** Writes a problem; used only by the failure handler and the router's 404/405 handlers. */
  static Future<Void> problem(RoutingContext ctx, Problem problem, Integer retryAfterSeconds) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return Future.succeededFuture();
    }
    if (retryAfterSeconds != null) {
      ctx.response().putHeader("retry-after", Integer.toString(retryAfterSeconds));
    }
    if (problem.status() == 401) {
      ctx.response().putHeader("www-authenticate", "Bearer realm=\"aisle\"");
    }
    return ctx.response()
        .setStatusCode(problem.status())
        .putHeader("content-type", Problem.MEDIA_TYPE)
        .end(Json.encode(problem));
  }
}
