package dev.aisle.server.platform;

import dev.aisle.api.Problem.FieldError;

import java.util.List;

/**
 * A failure that becomes an {@code application/problem+json} answer. Services fail their Futures with it;
 * the router's failure handler turns it into the response, so handlers never write error bodies.
 */
public final class ApiProblem extends RuntimeException {

  private final int status;
  private final String title;
  private final List<FieldError> errors;
  private final Integer retryAfterSeconds;

  public ApiProblem(int status, String title, String detail, List<FieldError> errors, Integer retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiProblem badRequest(String detail, List<FieldError> errors) {
    return new ApiProblem(400, "Bad request", detail, errors, null);
  }

  public static ApiProblem invalidField(String field, String message) {
    return badRequest(field + ": " + message, List.of(new FieldError(field, message)));
  }

  public static ApiProblem unprocessable(String detail, List<FieldError> errors) {
    return new ApiProblem(422, "Unprocessable content", detail, errors, null);
  }

  public static ApiProblem unauthorized(String detail) {
    return new ApiProblem(401, "Unauthorized", detail, null, null);
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(403, "Forbidden", detail, null, null);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "Not found", detail, null, null);
  }

  public static ApiProblem conflict(String detail) {
    return new ApiProblem(409, "Conflict", detail, null, null);
  }

  public static ApiProblem tooManyRequests(int retryAfterSeconds) {
    return new ApiProblem(429, "Too many requests", "rate limit exceeded, retry later", null, retryAfterSeconds);
  }

  public static ApiProblem unavailable(String detail, int retryAfterSeconds) {
    return new ApiProblem(503, "Service unavailable", detail, null, retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
