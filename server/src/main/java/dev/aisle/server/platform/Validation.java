package dev.aisle.server.platform;

import dev.aisle.api.Problem.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every bad field of one request, then fails once naming all of them. Reads values from a
 * {@link JsonObject} without trusting their types.
 */
public final class Validation {

  private final List<FieldError> errors;
  private final String prefix;

  public Validation() {
    this(new ArrayList<>(), "");
  }

  private Validation(List<FieldError> errors, String prefix) {
    this.errors = errors;
    this.prefix = prefix;
  }

  public void fail(String field, String message) {
    errors.add(new FieldError(prefix + field, message));
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** A required non-blank string of at most {@code max} characters; null when bad. */
  public String string(JsonObject o, String field, int max) {
    Object v = o.getValue(field);
    if (v == null) {
      fail(field, "is required");
      return null;
    }
    if (!(v instanceof String s)) {
      fail(field, "must be a string");
      return null;
    }
    if (s.isBlank()) {
      fail(field, "must not be blank");
      return null;
    }
    if (s.length() > max) {
      fail(field, "must be at most " + max + " characters");
      return null;
    }
    return s;
  }

  /** An optional string; {@code def} when absent. */
  public String optionalString(JsonObject o, String field, int max, String def) {
    return o.getValue(field) == null ? def : string(o, field, max);
  }

  /** A required whole number within [min, max]; {@code min} when bad. */
  public long integer(JsonObject o, String field, long min, long max) {
    Object v = o.getValue(field);
    if (v == null) {
      fail(field, "is required");
      return min;
    }
    return checkInteger(field, v, min, max);
  }

  public long optionalInteger(JsonObject o, String field, long min, long max, long def) {
    Object v = o.getValue(field);
    return v == null ? def : checkInteger(field, v, min, max);
  }

  private long checkInteger(String field, Object v, long min, long max) {
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      fail(field, "must be a whole number");
      return min;
    }
    long value = n.longValue();
    if (value < min || value > max) {
      fail(field, "must be between " + min + " and " + max);
      return min;
    }
    return value;
  }

  /** A required number within [min, max]. */
  public double number(JsonObject o, String field, double min, double max) {
    Object v = o.getValue(field);
    if (!(v instanceof Number n)) {
      fail(field, v == null ? "is required" : "must be a number");
      return min;
    }
    double value = n.doubleValue();
    if (Double.isNaN(value) || value < min || value > max) {
      fail(field, "must be between " + min + " and " + max);
      return min;
    }
    return value;
  }

  public boolean optionalBoolean(JsonObject o, String field, boolean def) {
    Object v = o.getValue(field);
    if (v == null) {
      return def;
    }
    if (!(v instanceof Boolean b)) {
      fail(field, "must be true or false");
      return def;
    }
    return b;
  }

  /** A required JSON object; an empty one when bad. */
  public JsonObject object(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (!(v instanceof JsonObject j)) {
      fail(field, v == null ? "is required" : "must be an object");
      return new JsonObject();
    }
    return j;
  }

  /** A required JSON array; an empty one when bad. */
  public JsonArray array(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (!(v instanceof JsonArray a)) {
      fail(field, v == null ? "is required" : "must be an array");
      return new JsonArray();
    }
    return a;
  }

  /** The request body as a JSON object; 400 naming {@code body} when it is empty, not JSON, or not an object. */
  public static JsonObject body(io.vertx.ext.web.RoutingContext ctx) {
    Object value;
    try {
      value = ctx.body().length() <= 0 ? null : io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
    } catch (io.vertx.core.json.DecodeException e) {
      throw ApiProblem.invalidField("body", "is not valid JSON");
    }
    if (!(value instanceof JsonObject o)) {
      throw ApiProblem.invalidField("body", value == null ? "a JSON object is required" : "must be a JSON object");
    }
    return o;
  }

  /** Validation of a nested object whose errors are reported as {@code field.sub}. */
  public Validation nested(String field) {
    return new Validation(errors, prefix + field + ".");
  }

  /** Throws a 400 naming every bad field, if there is any. */
  public void throwIfInvalid() {
    List<FieldError> all = errors;
    if (!all.isEmpty()) {
      String detail = all.size() == 1
          ? all.get(0).field() + ": " + all.get(0).message()
          : all.size() + " fields are invalid: " + String.join(", ", all.stream().map(FieldError::field).toList());
      throw ApiProblem.badRequest(detail, all);
    }
  }
}
