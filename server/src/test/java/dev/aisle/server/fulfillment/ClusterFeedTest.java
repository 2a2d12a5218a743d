package dev.aisle.server.fulfillment;

import dev.aisle.api.FeedEvent;
import dev.aisle.api.client.FeedSubscription;
import dev.aisle.api.client.StoreAppClient;
import dev.aisle.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A device on one node hears the tasks of orders taken by the other node, and resumes exactly across a drop. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterFeedTest {

  @Test
  @DisplayName("two nodes: orders through node A, the device on node B drops while 50 tasks are created and resumes"
      + " with each missed event once, in order")
  void resumeAcrossNodes() throws Exception {
    var members = TestNode.cluster("feed", 2);
    TestNode nodeA = TestNode.start("cluster_feed", members.get(0));
    TestNode nodeB = TestNode.start(nodeA.db(), "cluster_feed", members.get(1));
    try {
      String admin = nodeA.adminToken();
      String web = nodeA.apiKey(admin, "web", "storefront");
      nodeA.userToken(admin, "dee", "associate", "B-DOWNTOWN");
      StoreAppClient dee = new StoreAppClient(nodeB.node().vertx(), "127.0.0.1", nodeB.node().httpPort());
      dee.login("dee", "pw-dee-12345").await(30, TimeUnit.SECONDS);
      List<FeedEvent> events = new CopyOnWriteArrayList<>();
      FeedSubscription feed = dee.follow("B-DOWNTOWN", 0, events::add);
      feed.awaitLive().await(30, TimeUnit.SECONDS);

      HttpResponse<Buffer> first = place(nodeA, web, "cf-first");
      assertEquals(201, first.statusCode(), first.bodyAsString());
      StoreFeedTest.waitFor(() -> events.size() == 1, "the first task, live across nodes");

      feed.dropConnection();
      List<Future<HttpResponse<Buffer>>> orders = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        orders.add(nodeA.client().post("/api/v1/orders").putHeader("X-Api-Key", web)
            .putHeader("Idempotency-Key", "cf-" + i).sendJsonObject(StoreFeedTest.order("CF-" + i,
                new JsonObject().put("sku", "HOT-1").put("quantity", 1).put("method", "ship"))));
      }
      Future.all(orders).await(60, TimeUnit.SECONDS);
      StoreFeedTest.waitFor(() -> events.size() >= 51, "the 50 missed events");
      Thread.sleep(300);
      assertEquals(51, events.size());
      for (int i = 0; i < events.size(); i++) {
        assertEquals(i + 1, events.get(i).seq(), "each once, in order");
      }
      feed.close().await(10, TimeUnit.SECONDS);
      dee.close();
    } finally {
      nodeB.close();
      nodeA.close();
    }
  }

  static HttpResponse<Buffer> place(TestNode node, String key, String ref) throws Exception {
    return node.client().post("/api/v1/orders").putHeader("X-Api-Key", key).putHeader("Idempotency-Key", ref)
        .sendJsonObject(StoreFeedTest.order(ref, new JsonObject().put("sku", "HOT-1").put("quantity", 1)
            .put("method", "ship"))).await(30, TimeUnit.SECONDS);
  }
}
