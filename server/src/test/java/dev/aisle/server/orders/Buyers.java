package dev.aisle.server.orders;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Storefront buyers for the fault tests: {@code count} orders, {@code inFlight} at a time, buyer i first sent to
 * node i mod n. Like a real storefront, an order without a definite answer (no answer, 503, "still being processed"
 * 409, or a 5xx from a node allowed to fail) is sent again with the same Idempotency-Key to the next node after
 * 200 ms, until a 201 or an out-of-stock 409, or until it gives up after a minute. Any other answer fails the run.
 */
final class Buyers {

  /** How one buyer ended: 201 with its order id, 409 out of stock, or -1 when it gave up. */
  record Outcome(int buyer, int status, String orderId) {}

  private final Vertx vertx;
  private final List<WebClient> shops;
  private final String apiKey;
  private final String keyPrefix;
  private final int count;
  private final IntFunction<JsonObject> order;
  private final Set<Integer> mayFail;
  private final AtomicInteger next = new AtomicInteger();
  final Map<Integer, Outcome> outcomes = new ConcurrentHashMap<>();
  final AtomicInteger unanswered = new AtomicInteger();
  final AtomicInteger unavailable = new AtomicInteger();
  final AtomicInteger inProgress = new AtomicInteger();

  Buyers(Vertx vertx, List<WebClient> shops, String apiKey, String keyPrefix, int count,
         IntFunction<JsonObject> order, Set<Integer> mayFail) {
    this.vertx = vertx;
    this.shops = shops;
    this.apiKey = apiKey;
    this.keyPrefix = keyPrefix;
    this.count = count;
    this.order = order;
    this.mayFail = mayFail;
  }

  /** Runs every buyer; completes when each has an outcome. */
  Future<Void> run(int inFlight) {
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < inFlight; w++) {
      workers.add(worker());
    }
    return Future.all(workers).mapEmpty();
  }

  List<Outcome> created() {
    return outcomes.values().stream().filter(o -> o.status() == 201).toList();
  }

  long count(int status) {
    return outcomes.values().stream().filter(o -> o.status() == status).count();
  }

  private Future<Void> worker() {
    int buyer = next.getAndIncrement();
    if (buyer >= count) {
      return Future.succeededFuture();
    }
    return buy(buyer, 0, System.currentTimeMillis() + 60_000).compose(outcome -> {
      outcomes.put(buyer, outcome);
      return worker();
    });
  }

  private Future<Outcome> buy(int buyer, int attempt, long giveUpAt) {
    int node = (buyer + attempt) % shops.size();
    return shops.get(node).post("/api/v1/orders").putHeader("X-Api-Key", apiKey)
        .putHeader("Idempotency-Key", keyPrefix + buyer).timeout(15_000).sendJsonObject(order.apply(buyer))
        .transform(ar -> {
          if (ar.failed()) {
            unanswered.incrementAndGet();
          } else {
            HttpResponse<Buffer> r = ar.result();
            int status = r.statusCode();
            if (status == 201) {
              return Future.succeededFuture(new Outcome(buyer, 201, r.bodyAsJsonObject().getString("id")));
            }
            if (status == 409 && "Out of stock".equals(r.bodyAsJsonObject().getString("title"))) {
              return Future.succeededFuture(new Outcome(buyer, 409, null));
            }
            if (status == 503 && r.getHeader("Retry-After") != null) {
              unavailable.incrementAndGet();
            } else if (status == 409) {
              inProgress.incrementAndGet();
            } else if (!(status >= 500 && mayFail.contains(node))) {
              return Future.failedFuture(new AssertionError("buyer " + buyer + " on node " + node + ": " + status
                  + " " + r.headers() + r.bodyAsString()));
            }
          }
          if (System.currentTimeMillis() > giveUpAt) {
            return Future.succeededFuture(new Outcome(buyer, -1, null));
          }
          Promise<Outcome> retried = Promise.promise();
          vertx.setTimer(200, t -> buy(buyer, attempt + 1, giveUpAt).onComplete(retried));
          return retried.future();
        });
  }
}
