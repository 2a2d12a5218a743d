package dev.aisle.server.sourcing;

import io.vertx.core.json.JsonObject;
import java.util.List;

public record RuleSet(String name, int maxSplits, Shortage shortage, boolean pickupTransfers,
                      List<Filter> filters, List<Score> scores, Rates rates) {
  public static RuleSet parse(JsonObject doc) {
    return new RuleSet(doc.getString("name", "default"), doc.getInteger("maxSplits", 1),
        "backorder".equals(doc.getString("shortage")) ? Shortage.BACKORDER : Shortage.REJECT, true, List.of(),
        List.of(), new Rates(4, 0.01, 0.5));
  }
  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("maxSplits", maxSplits).put("shortage", shortage.wire());
  }
  public static RuleSet defaults() {
    return parse(new JsonObject());
  }
}
