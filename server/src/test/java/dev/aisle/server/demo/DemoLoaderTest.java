package dev.aisle.server.demo;

import dev.aisle.server.platform.DbTarget;
import dev.aisle.server.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class DemoLoaderTest {

  static DemoData data;
  static DemoData otherSeed;
  Pool pool;

  @BeforeAll
  static void generate() throws IOException {
    data = DemoNetwork.generate(42, Path.of("config"));
    otherSeed = DemoNetwork.generate(7, Path.of("config"));
  }

  @BeforeEach
  void connect(Vertx vertx) {
    DbTarget db = TestPostgres.freshDatabase("demo_loader");
    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(2))
        .connectingTo(new PgConnectOptions().setHost(db.host()).setPort(db.port()).setDatabase(db.database())
            .setUser(db.user()).setPassword(db.password()))
        .using(vertx)
        .build();
  }

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  @Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
  void loadsEverythingAndReloadReplacesStock(VertxTestContext ctx) {
    int stockRows = data.stock().size();
    long t0 = System.nanoTime();
    DemoLoader.isEmpty(pool)
        .compose(empty -> {
          assertTrue(empty, "fresh database is empty");
          return DemoLoader.load(pool, data);
        })
        .compose(written -> {
          System.out.printf("DemoLoader.load: %d stock rows in %d ms%n", written,
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
          assertEquals(stockRows, written);
          return counts();
        })
        .compose(counts -> {
          assertEquals(List.of((long) data.products().size(), (long) data.locations().size(), (long) stockRows,
              data.stock().stream().mapToLong(r -> r.onHand()).sum()), counts);
          return pool.query("INSERT INTO stock_movements (sku, location_id, delta, reason, on_hand_after, actor) "
              + "VALUES ('SKU-00001', 'S001', 1, 'test', 1, 'test')").execute();
        })
        .compose(r -> pool.query("SELECT type, address, capabilities, opening_hours, timezone FROM locations "
            + "WHERE id IN ('S001', 'DC-EAST') ORDER BY id").execute())
        .compose(rows -> {
          var it = rows.iterator();
          Row dc = it.next();
          Row store = it.next();
          assertEquals("dc", dc.getString("type"));
          assertEquals(List.of("ship"), Arrays.asList(dc.getArrayOfStrings("capabilities")));
          assertEquals("00:00-24:00", ((JsonObject) dc.getValue("opening_hours")).getString("sun"));
          assertEquals("store", store.getString("type"));
          var s001 = data.locations().get(0);
          JsonObject address = (JsonObject) store.getValue("address");
          assertEquals(s001.address().postalCode(), address.getString("postalCode"));
          assertEquals(s001.address().city(), address.getString("city"));
          assertEquals(s001.openingHours().get("mon"), ((JsonObject) store.getValue("opening_hours")).getString("mon"));
          assertTrue(Arrays.asList(store.getArrayOfStrings("capabilities")).contains("pickup"));
          return DemoLoader.load(pool, data); // again: same result, movements gone
        })
        .compose(written -> {
          assertEquals(stockRows, written);
          return counts();
        })
        .compose(counts -> {
          assertEquals(stockRows, counts.get(2));
          return pool.query("SELECT count(*) FROM stock_movements").execute();
        })
        .compose(rows -> {
          assertEquals(0L, rows.iterator().next().getLong(0));
          return DemoLoader.isEmpty(pool);
        })
        .compose(empty -> {
          assertFalse(empty);
          return DemoLoader.load(pool, otherSeed); // other seed: UPCs move between SKUs, stores move
        })
        .compose(written -> {
          assertEquals(otherSeed.stock().size(), written);
          return pool.query("SELECT upc FROM products WHERE sku = 'SKU-00042'").execute();
        })
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertEquals(otherSeed.products().get(41).upc(), rows.iterator().next().getString(0));
          ctx.completeNow();
        })));
  }

  /** products, locations, stock rows, total on hand. */
  private Future<List<Long>> counts() {
    return pool.query("SELECT (SELECT count(*) FROM products), (SELECT count(*) FROM locations), "
            + "(SELECT count(*) FROM stock), (SELECT coalesce(sum(on_hand), 0) FROM stock)").execute()
        .map(rows -> {
          Row r = rows.iterator().next();
          return List.of(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3));
        });
  }
}
