package dev.aisle.server.sourcing;

import dev.aisle.api.Problem.FieldError;
import dev.aisle.server.platform.ApiProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sourcing rules: which locations may fulfil a line (filters, applied in order) and how the rest are ranked
 * (weighted scores, lowest total wins). Versioning and activation live elsewhere; this is the document itself.
 *
 * <p>Document: {@code name} (required), {@code maxSplits} (required, 0..{@value #MAX_SPLITS}: how many locations
 * beyond the first the order's shipped lines may leave from), {@code shortage} (required: {@code reject},
 * {@code backorder}, {@code ship-available}), {@code pickupTransfers} (default false: may a pickup store short of
 * stock get the rest shipped in from another location), {@code filters} and {@code scores} (required arrays, may be
 * empty; each type at most once), {@code rates} (default {@link #DEFAULT_RATES}). Metadata fields the versioning
 * may add ({@link #METADATA}) are ignored; any other field is an error, so a typo never silently drops a rule.
 */
public record RuleSet(String name, int maxSplits, Shortage shortage, boolean pickupTransfers, List<Filter> filters,
                      List<Score> scores, Rates rates) {

  public static final int MAX_SPLITS = 20;
  public static final double MAX_WEIGHT = 1_000;
  public static final Rates DEFAULT_RATES = new Rates(4.0, 0.01, 0.5);
  public static final Set<String> METADATA = Set.of("version", "description", "createdAt", "createdBy",
      "activatedAt", "activatedBy");
  private static final Set<String> FIELDS = Set.of("name", "maxSplits", "shortage", "pickupTransfers", "filters",
      "scores", "rates");

  public RuleSet {
    filters = List.copyOf(filters);
    scores = List.copyOf(scores);
  }

  /**
   * The rules shipped in {@code config/sourcing-rules.json}. Weights tuned on the demo network (random customers near
   * its stores, one line): the nearest location that passes wins ~83% of orders and one within 50 km of it 99%;
   * overstock and priority only settle close calls, and another shipment is worth about 300 km of shipping.
   */
  public static RuleSet defaults() {
    return new RuleSet("default", 1, Shortage.REJECT, true,
        List.of(Filter.of(Filter.CAPABILITY), Filter.of(Filter.MIN_ATS), Filter.maxDistanceKm(1500),
            Filter.of(Filter.STORE_CAPACITY)),
        List.of(new Score(Score.SHIPPING_COST, 1.0), new Score(Score.OVERSTOCK, 0.05),
            new Score(Score.LOCATION_PRIORITY, 0.02), new Score(Score.SPLIT_PENALTY, 0.3)),
        DEFAULT_RATES);
  }

  /** The filter of this type, or null when the rule set does not have it. */
  public Filter filter(String type) {
    for (Filter f : filters) {
      if (f.type().equals(type)) {
        return f;
      }
    }
    return null;
  }

  /** The weight of this score type; 0 when the rule set does not have it. */
  public double weight(String type) {
    for (Score s : scores) {
      if (s.type().equals(type)) {
        return s.weight();
      }
    }
    return 0;
  }

  public JsonObject toJson() {
    JsonArray fs = new JsonArray();
    for (Filter f : filters) {
      JsonObject o = new JsonObject().put("type", f.type());
      if (f.value() != null) {
        o.put("value", f.value());
      }
      if (f.locations() != null) {
        o.put("locations", new JsonArray(new ArrayList<>(f.locations())));
      }
      fs.add(o);
    }
    JsonArray ss = new JsonArray();
    for (Score s : scores) {
      ss.add(new JsonObject().put("type", s.type()).put("weight", s.weight()));
    }
    return new JsonObject()
        .put("name", name)
        .put("maxSplits", maxSplits)
        .put("shortage", shortage.wire())
        .put("pickupTransfers", pickupTransfers)
        .put("filters", fs)
        .put("scores", ss)
        .put("rates", new JsonObject().put("perShipment", rates.perShipment()).put("perKm", rates.perKm())
            .put("perKg", rates.perKg()));
  }

  /**
   * Validates and reads a rule set document.
   *
   * @throws ApiProblem 422 naming every bad field ({@code maxSplits}, {@code filters[2].type},
   *                    {@code scores[0].weight}, ...)
   */
  public static RuleSet parse(JsonObject doc) {
    List<FieldError> errors = new ArrayList<>();
    if (doc == null) {
      throw ApiProblem.unprocessable("rule set: a JSON object is required",
          List.of(new FieldError("body", "a JSON object is required")));
    }
    for (String field : doc.fieldNames()) {
      if (!FIELDS.contains(field) && !METADATA.contains(field)) {
        errors.add(new FieldError(field, "is not a rule set field"));
      }
    }
    String name = null;
    Object v = doc.getValue("name");
    if (!(v instanceof String s) || s.isBlank() || s.length() > 100) {
      errors.add(new FieldError("name",
          v == null ? "is required" : "must be a non-blank string of at most 100 characters"));
    } else {
      name = s;
    }
    int maxSplits = (int) wholeNumber(doc, "maxSplits", "maxSplits", 0, MAX_SPLITS, errors);
    Shortage shortage = null;
    v = doc.getValue("shortage");
    if (v == null) {
      errors.add(new FieldError("shortage", "is required"));
    } else if (!(v instanceof String s) || (shortage = Shortage.fromWireOrNull(s)) == null) {
      errors.add(new FieldError("shortage", "must be one of reject, backorder, ship-available"));
    }
    boolean transfers = false;
    v = doc.getValue("pickupTransfers");
    if (v instanceof Boolean b) {
      transfers = b;
    } else if (v != null) {
      errors.add(new FieldError("pickupTransfers", "must be true or false"));
    }
    List<Filter> filters = filters(doc, errors);
    List<Score> scores = scores(doc, errors);
    Rates rates = DEFAULT_RATES;
    v = doc.getValue("rates");
    if (v instanceof JsonObject r) {
      for (String field : r.fieldNames()) {
        if (!Set.of("perShipment", "perKm", "perKg").contains(field)) {
          errors.add(new FieldError("rates." + field, "is not a rate"));
        }
      }
      rates = new Rates(number(r, "perShipment", "rates.perShipment", errors),
          number(r, "perKm", "rates.perKm", errors), number(r, "perKg", "rates.perKg", errors));
    } else if (v != null) {
      errors.add(new FieldError("rates", "must be an object"));
    }
    if (!errors.isEmpty()) {
      String detail = errors.size() == 1
          ? "rule set: " + errors.get(0).field() + " " + errors.get(0).message()
          : "rule set: " + errors.size() + " fields are invalid: "
              + String.join(", ", errors.stream().map(FieldError::field).toList());
      throw ApiProblem.unprocessable(detail, errors);
    }
    return new RuleSet(name, maxSplits, shortage, transfers, filters, scores, rates);
  }

  private static List<Filter> filters(JsonObject doc, List<FieldError> errors) {
    List<Filter> filters = new ArrayList<>();
    Object v = doc.getValue("filters");
    if (!(v instanceof JsonArray array)) {
      errors.add(new FieldError("filters", v == null ? "is required" : "must be an array"));
      return filters;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "filters[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject f)) {
        errors.add(new FieldError(at, "must be an object"));
        continue;
      }
      String type = type(f, at, Filter.TYPES, seen, errors);
      for (String field : f.fieldNames()) {
        boolean allowed = field.equals("type")
            || field.equals("value") && Filter.MAX_DISTANCE_KM.equals(type)
            || field.equals("locations") && Filter.EXCLUDE_LOCATIONS.equals(type);
        if (!allowed && type != null) {
          errors.add(new FieldError(at + "." + field, "is not used by a " + type + " filter"));
        }
      }
      if (Filter.MAX_DISTANCE_KM.equals(type)) {
        Object value = f.getValue("value");
        if (!(value instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
          errors.add(new FieldError(at + ".value",
              value == null ? "is required (the distance in km)" : "must be a number of km above 0"));
        } else {
          filters.add(Filter.maxDistanceKm(n.doubleValue()));
        }
      } else if (Filter.EXCLUDE_LOCATIONS.equals(type)) {
        Object value = f.getValue("locations");
        if (!(value instanceof JsonArray ids)) {
          errors.add(new FieldError(at + ".locations",
              value == null ? "is required (location ids)" : "must be an array of location ids"));
          continue;
        }
        List<String> list = new ArrayList<>();
        for (int j = 0; j < ids.size(); j++) {
          if (ids.getValue(j) instanceof String id && !id.isBlank()) {
            list.add(id);
          } else {
            errors.add(new FieldError(at + ".locations[" + j + "]", "must be a location id"));
          }
        }
        filters.add(Filter.excludeLocations(list));
      } else if (type != null) {
        filters.add(Filter.of(type));
      }
    }
    return filters;
  }

  private static List<Score> scores(JsonObject doc, List<FieldError> errors) {
    List<Score> scores = new ArrayList<>();
    Object v = doc.getValue("scores");
    if (!(v instanceof JsonArray array)) {
      errors.add(new FieldError("scores", v == null ? "is required" : "must be an array"));
      return scores;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "scores[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject s)) {
        errors.add(new FieldError(at, "must be an object"));
        continue;
      }
      String type = type(s, at, Score.TYPES, seen, errors);
      for (String field : s.fieldNames()) {
        if (!field.equals("type") && !field.equals("weight")) {
          errors.add(new FieldError(at + "." + field, "is not a score field"));
        }
      }
      Object w = s.getValue("weight");
      double weight = -1;
      if (!(w instanceof Number n)) {
        errors.add(new FieldError(at + ".weight", w == null ? "is required" : "must be a number"));
      } else if (!(n.doubleValue() >= 0 && n.doubleValue() <= MAX_WEIGHT)) {
        errors.add(new FieldError(at + ".weight", "must be between 0 and " + (int) MAX_WEIGHT));
      } else {
        weight = n.doubleValue();
      }
      if (type != null && weight >= 0) {
        scores.add(new Score(type, weight));
      }
    }
    return scores;
  }

  private static String type(JsonObject o, String at, List<String> types, Set<String> seen, List<FieldError> errors) {
    Object t = o.getValue("type");
    if (!(t instanceof String type) || !types.contains(type)) {
      errors.add(new FieldError(at + ".type",
          t == null ? "is required" : "must be one of " + String.join(", ", types)));
      return null;
    }
    if (!seen.add(type)) {
      errors.add(new FieldError(at + ".type", type + " appears more than once"));
      return null;
    }
    return type;
  }

  private static long wholeNumber(JsonObject o, String key, String field, long min, long max, List<FieldError> errors) {
    Object v = o.getValue(key);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      errors.add(new FieldError(field, v == null ? "is required" : "must be a whole number"));
      return min;
    }
    if (n.longValue() < min || n.longValue() > max) {
      errors.add(new FieldError(field, "must be between " + min + " and " + max));
      return min;
    }
    return n.longValue();
  }

  private static double number(JsonObject o, String key, String field, List<FieldError> errors) {
    Object v = o.getValue(key);
    if (!(v instanceof Number n) || !(n.doubleValue() >= 0) || Double.isInfinite(n.doubleValue())) {
      errors.add(new FieldError(field, v == null ? "is required" : "must be a number ≥ 0"));
      return 0;
    }
    return n.doubleValue();
  }
}
