package dev.aisle.server.orders;

import dev.aisle.server.platform.DbTarget;
import dev.aisle.server.platform.InvariantCheck;
import dev.aisle.server.testing.TcpProxy;
import dev.aisle.server.testing.TestNetwork;
import dev.aisle.server.testing.TestNode;
import dev.aisle.server.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.aisle.server.orders.Orders.line;
import static dev.aisle.server.orders.Orders.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL goes away under load (every connection of the node broken and new ones turned away by a relay, the
 * shared test database itself keeps running) and comes back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DatabaseOutageTest {

  static final int BUYERS = 600;
  static final int OUTAGE_MS = 3_000;

  @Test
  @DisplayName("database away for 3 s under load: capture answers 503 with Retry-After, lookups answer from memory,"
      + " capture comes back by itself, nothing is half-written and the pool agrees with PostgreSQL")
  void captureSurvivesAnOutage() throws Exception {
    DbTarget real = TestPostgres.freshDatabase("db_outage");
    TestNode.sql(real, TestNetwork.SQL);
    TestNode.sql(real, "UPDATE stock SET on_hand = 400 WHERE sku = 'HOT-1'");
    try (TcpProxy relay = new TcpProxy(real.host(), real.port())) {
      DbTarget viaRelay = new DbTarget("127.0.0.1", relay.port(), real.database(), real.user(), real.password());
      TestNode node = TestNode.start(viaRelay, "db_outage", Map.of());
      Vertx outside = Vertx.vertx();
      try {
        String admin = node.adminToken();
        String web = node.apiKey(admin, "web", "storefront");
        WebClient shop = WebClient.create(outside, new WebClientOptions().setDefaultHost("127.0.0.1")
            .setDefaultPort(node.node().httpPort()), new PoolOptions().setHttp1MaxSize(16));
        Buyers buyers = new Buyers(outside, List.of(shop), web, "outage-", BUYERS,
            i -> order("O-" + i, line(i % 2 == 0 ? "HOT-1" : "TEE-1", 1)), Set.of());
        Future<Void> run = buyers.run(16);
        while (buyers.outcomes.size() < 50) {
          Thread.sleep(5);
        }

        relay.cut();
        long cutAt = System.nanoTime();
        int lookups = 0;
        while (System.nanoTime() - cutAt < TimeUnit.MILLISECONDS.toNanos(OUTAGE_MS)) {
          HttpResponse<Buffer> r = node.call(HttpMethod.GET, "/api/v1/availability?sku=TEE-1&lat="
              + TestNetwork.BOSTON_LAT + "&lon=" + TestNetwork.BOSTON_LON + "&radiusKm=50", null, null);
          assertEquals(200, r.statusCode(), "lookups answer from memory: " + r.bodyAsString());
          lookups++;
          Thread.sleep(50);
        }
        int createdDuringOutage = buyers.created().size();
        int refusedDuringOutage = buyers.unavailable.get();
        relay.restore();
        long restoredAt = System.nanoTime();
        while (buyers.created().size() == createdDuringOutage) {
          assertTrue(System.nanoTime() - restoredAt < TimeUnit.SECONDS.toNanos(20),
              "capture did not come back after the database did");
          Thread.sleep(20);
        }
        long recoveredMs = (System.nanoTime() - restoredAt) / 1_000_000;
        run.await(2, TimeUnit.MINUTES);

        Set<UUID> acked = buyers.created().stream().map(o -> UUID.fromString(o.orderId()))
            .collect(Collectors.toSet());
        System.out.printf("database outage: %d lookups answered during it; %d orders created, %d refused out of"
                + " stock, %d gave up; %d answers were 503 with Retry-After (%d by the end of the outage), %d"
                + " 'still in progress'; the first order after the database came back was created after %d ms%n",
            lookups, acked.size(), buyers.count(409), buyers.count(-1), buyers.unavailable.get(),
            refusedDuringOutage, buyers.inProgress.get(), recoveredMs);
        assertTrue(refusedDuringOutage > 0, "capture was refused with 503 while the database was away");
        assertEquals(0, buyers.count(-1), "every buyer got a definite answer once the database was back");
        assertEquals(BUYERS - buyers.count(409), acked.size());
        assertEquals(acked.size(), node.queryLong("SELECT count(*) FROM orders"),
            "exactly the acknowledged orders are in PostgreSQL");
        assertEquals(List.of(), InvariantCheck.database(real, acked));
        String url = "http://127.0.0.1:" + node.node().httpPort();
        assertEquals(List.of(), InvariantCheck.pool(real, acked, url, admin),
            "holds of writes with an unknown outcome were settled against PostgreSQL");
      } finally {
        outside.close().await(30, TimeUnit.SECONDS);
        node.close();
      }
    }
  }
}
