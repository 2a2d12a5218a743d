package dev.aisle.server.platform;

import dev.aisle.api.Problem;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The one place where failures become answers: {@link ApiProblem} keeps its status, a unique violation is a
 * 409, bad JSON a 400, anything unexpected a 500 whose stack trace is logged and never returned.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);
  private static final String TYPE_BASE = "https://aisle.dev/problems/";

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    ApiProblem problem = toProblem(ctx, failure);
    Problem body = new Problem(TYPE_BASE + problem.status(), problem.title(), problem.status(), problem.getMessage(),
        ctx.request().path(), problem.errors().isEmpty() ? null : problem.errors());
    Responses.problem(ctx, body, problem.retryAfterSeconds());
  }

  static ApiProblem toProblem(RoutingContext ctx, Throwable failure) {
    if (failure instanceof ApiProblem p) {
      return p;
    }
    if (failure instanceof DecodeException || failure instanceof IllegalArgumentException && failure.getCause() instanceof DecodeException) {
      return ApiProblem.badRequest("the body is not valid JSON", List.of(new Problem.FieldError("body", "is not valid JSON")));
    }
    if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return ApiProblem.conflict("already exists: " + pg.getDetail());
    }
    if (failure instanceof HttpException http) {
      return new ApiProblem(http.getStatusCode(), statusTitle(http.getStatusCode()), http.getPayload() != null
          ? http.getPayload() : statusTitle(http.getStatusCode()), null, null);
    }
    if (failure == null) {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      if (status == 500) {
        log.error("request {} {} failed without a cause", ctx.request().method(), ctx.request().path());
      }
      return new ApiProblem(status, statusTitle(status), statusTitle(status), null, null);
    }
    if (databaseUnreachable(failure)) {
      log.warn("request {} {}: the database is unreachable ({})", ctx.request().method(), ctx.request().path(),
          failure.toString());
      return ApiProblem.unavailable("the database is unreachable; retry shortly", 2);
    }
    log.error("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
    return new ApiProblem(500, "Internal server error", "an unexpected error occurred; it has been logged", null, null);
  }

  /** No connection to PostgreSQL, a connection lost, or the server shutting down or starting (SQL states 08, 57). */
  static boolean databaseUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof io.vertx.sqlclient.ClosedConnectionException
          || t instanceof PgException pg && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57"))) {
        return true;
      }
    }
    return false;
  }

  static String statusTitle(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 409 -> "Conflict";
      case 413 -> "Content too large";
      case 415 -> "Unsupported media type";
      case 422 -> "Unprocessable content";
      case 429 -> "Too many requests";
      case 503 -> "Service unavailable";
      default -> status >= 500 ? "Internal server error" : "Request failed";
    };
  }
}
