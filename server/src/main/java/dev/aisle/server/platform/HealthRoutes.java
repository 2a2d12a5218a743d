package dev.aisle.server.platform;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.core.HazelcastInstance;
import dev.aisle.server.inventory.InventoryPool;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: this node can serve — database reachable,
 * schema migrated, member of a healthy cluster, inventory pool loaded. 503 with the failing checks otherwise.
 */
public final class HealthRoutes {

  private final Pool db;
  private final HazelcastInstance hazelcast;
  private final InventoryPool inventory;
  private final String schemaVersion;

  public HealthRoutes(Pool db, HazelcastInstance hazelcast, InventoryPool inventory, String schemaVersion) {
    this.db = db;
    this.hazelcast = hazelcast;
    this.inventory = inventory;
    this.schemaVersion = schemaVersion;
  }

  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    JsonObject checks = new JsonObject();
    Future<Void> database = db.query("SELECT 1").execute()
        .timeout(2, TimeUnit.SECONDS)
        .<Void>mapEmpty()
        .andThen(ar -> checks.put("database", check(ar.succeeded(), ar.failed() ? "unreachable" : null)));
    checks.put("migrations", check(schemaVersion != null, null).put("version", schemaVersion));
    boolean clusterUp = hazelcast.getLifecycleService().isRunning()
        && hazelcast.getCluster().getClusterState() == ClusterState.ACTIVE;
    checks.put("cluster", check(clusterUp, null).put("members", clusterUp ? hazelcast.getCluster().getMembers().size() : 0));
    checks.put("inventoryPool", check(inventory.ready(), inventory.ready() ? null : "loading"));
    database.onComplete(ar -> {
      boolean up = checks.stream().allMatch(e -> "UP".equals(((JsonObject) e.getValue()).getString("status")));
      Responses.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks));
    });
  }

  private static JsonObject check(boolean up, String reason) {
    JsonObject c = new JsonObject().put("status", up ? "UP" : "DOWN");
    return reason == null ? c : c.put("reason", reason);
  }
}
