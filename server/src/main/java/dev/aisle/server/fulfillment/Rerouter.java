package dev.aisle.server.fulfillment;

import io.vertx.core.Future;

import java.util.UUID;

/**
 * Sources again what a store could not pick (implemented by the order service). Answers what happened in words:
 * the store the quantity now comes from, or that it was backordered or cancelled under the rule set.
 */
public interface Rerouter {

  Future<String> reroute(UUID orderId, int lineNo, String sku, long quantity, String notFrom, String actor);
}
