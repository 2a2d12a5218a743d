package dev.aisle.server.platform;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.aisle.server.auth.AuthRoutes;
import dev.aisle.server.auth.AuthService;
import dev.aisle.server.auth.Authenticator;
import dev.aisle.server.availability.AvailabilityRoutes;
import dev.aisle.server.availability.AvailabilityService;
import dev.aisle.server.catalog.ProductRoutes;
import dev.aisle.server.inventory.InventoryRoutes;
import dev.aisle.server.fulfillment.StoreFeeds;
import dev.aisle.server.fulfillment.TaskClock;
import dev.aisle.server.fulfillment.TaskRoutes;
import dev.aisle.server.network.LocationRoutes;
import dev.aisle.server.orders.OrderLifecycle;
import dev.aisle.server.orders.OrderRoutes;
import dev.aisle.server.orders.OrderService;
import dev.aisle.server.ops.OpsRoutes;
import dev.aisle.server.ops.OverviewService;
import dev.aisle.server.sourcing.RulesService;
import dev.aisle.server.sourcing.SourcingRoutes;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Consumer;
import dev.aisle.server.catalog.PgProductStore;
import dev.aisle.server.catalog.ProductCatalog;
import dev.aisle.server.demo.DemoLoader;
import dev.aisle.server.demo.DemoNetwork;
import dev.aisle.server.inventory.HazelcastInventoryPool;
import dev.aisle.server.inventory.InventoryService;
import dev.aisle.server.inventory.PgStockStore;
import dev.aisle.server.inventory.SkuStockSerializer;
import dev.aisle.server.network.LocationDirectory;
import dev.aisle.server.network.PgLocationStore;
import dev.aisle.server.network.PostalCodes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running Aisle node: database migrated, clustered Vert.x built, services started, HTTP verticles deployed.
 * {@link #start} blocks; call it from a main or test thread, never from an event loop.
 */
public final class AisleNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AisleNode.class);

  static {
    // Records to JSON through generated accessors rather than reflection (orders and routing decisions).
    io.vertx.core.json.jackson.DatabindCodec.mapper()
        .registerModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule());
  }

  private final AisleConfig config;
  private final EmbeddedPostgres embedded;
  private final Vertx vertx;
  private final Pool pool;
  private final ApiRouter api;
  private final int httpPort;
  private final OrderService orders;
  private final HazelcastInstance hazelcast;

  private AisleNode(AisleConfig config, EmbeddedPostgres embedded, Vertx vertx, Pool pool, ApiRouter api,
                    int httpPort, OrderService orders, HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.config = config;
    this.embedded = embedded;
    this.vertx = vertx;
    this.pool = pool;
    this.api = api;
    this.httpPort = httpPort;
    this.orders = orders;
  }

  /** Starts the embedded PostgreSQL in the data folder when no database URL is configured, then the node. */
  public static AisleNode start(AisleConfig config) throws Exception {
    if (!config.database().embedded()) {
      return start(config, DbTarget.parse(config.database().url()), null);
    }
    EmbeddedPostgres pg = EmbeddedPostgres.start(config.dataDir());
    try {
      return start(config, pg.target(), pg);
    } catch (Exception | Error e) {
      pg.close();
      throw e;
    }
  }

  /** Starts a node on the given database (tests and external PostgreSQL). */
  public static AisleNode start(AisleConfig config, DbTarget db) throws Exception {
    return start(config, db, null);
  }

  private static AisleNode start(AisleConfig config, DbTarget db, EmbeddedPostgres embedded) throws Exception {
    long started = System.nanoTime();
    String schemaVersion = Migrations.run(db);
    Config hz = ClusterSetup.hazelcast(config);
    hz.getSerializationConfig().getCompactSerializationConfig().addSerializer(new SkuStockSerializer());
    HazelcastClusterManager cluster = new HazelcastClusterManager(hz);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE));
    options.getEventBusOptions().setHost(config.cluster().host()).setPort(0);
    Vertx vertx = Vertx.builder().with(options).withClusterManager(cluster)
        .withMetrics(new MicrometerMetricsFactory(registry))
        .buildClustered().await(2, TimeUnit.MINUTES);
    try {
      Pool pool = PgBuilder.pool()
          .with(new PoolOptions().setMaxSize(config.database().poolSize()))
          .connectingTo(new PgConnectOptions()
              .setHost(db.host()).setPort(db.port()).setDatabase(db.database())
              .setUser(db.user()).setPassword(db.password())
              .setCachePreparedStatements(true)
              // The order writer's statement is ~5,000 characters: above the default limit (2,048) it was parsed
              // and planned again on every batch.
              .setPreparedStatementCacheSqlLimit(16_384)
              .setPipeliningLimit(256))
          .using(vertx)
          .build();
      ApiRouter[] api = new ApiRouter[1];
      OrderService[] orders = new OrderService[1];
      int port = wire(config, vertx, pool, cluster, registry, schemaVersion, api, orders)
          .await(5, TimeUnit.MINUTES);
      log.info("Aisle node up in {} ms: http://{}:{} (database {}, cluster '{}' with {} member(s))",
          (System.nanoTime() - started) / 1_000_000, config.http().host(), port, db, config.cluster().name(),
          cluster.getHazelcastInstance().getCluster().getMembers().size());
      return new AisleNode(config, embedded, vertx, pool, api[0], port, orders[0], cluster.getHazelcastInstance());
    } catch (Exception | Error e) {
      vertx.close().await(1, TimeUnit.MINUTES);
      throw e;
    }
  }

  /** Builds the services, loads what must be in memory, deploys the HTTP verticles; answers the bound port. */
  private static Future<Integer> wire(AisleConfig config, Vertx vertx, Pool pool, HazelcastClusterManager cluster,
                                      PrometheusMeterRegistry registry, String schemaVersion,
                                      ApiRouter[] built, OrderService[] builtOrders) throws Exception {
    AuditLog audit = new AuditLog(pool);
    PgProductStore products = new PgProductStore(pool);
    ProductCatalog catalog = new ProductCatalog(products);
    LocationDirectory directory = new LocationDirectory(new PgLocationStore(pool));
    HazelcastInventoryPool inventory = new HazelcastInventoryPool(vertx, cluster.getHazelcastInstance());
    InventoryService inventoryService = new InventoryService(new PgStockStore(pool), inventory, catalog, directory);
    PostalCodes postalCodes = PostalCodes.load(config.configDir());
    RateLimiter limiter = new RateLimiter(vertx, config.rateLimit());
    HealthRoutes health = new HealthRoutes(pool, cluster.getHazelcastInstance(), inventory, schemaVersion);
    RulesService rules = new RulesService(vertx, pool, audit);
    StoreFeeds feeds = new StoreFeeds(vertx, pool);
    cluster.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        log.warn("cluster member {} left; feed sockets re-read their stores' feeds", event.getMember().getAddress());
        feeds.resync();
      }
    });
    LoopLag lag = new LoopLag();
    OrderService orders = new OrderService(vertx, pool, cluster.getHazelcastInstance(), inventory, catalog, directory,
        postalCodes, rules, feeds, config.orders(), lag);
    builtOrders[0] = orders;
    AtomicInteger port = new AtomicInteger();
    boolean[] demoLoaded = {false};

    return AuthService.create(vertx, pool, config)
        .compose(auth -> auth.bootstrapAdmin().map(auth))
        .compose(auth -> loadDemo(config, vertx, pool).map(loaded -> {
          demoLoaded[0] = loaded;
          return auth;
        }))
        .compose(auth -> catalog.start(vertx).compose(v -> directory.start(vertx))
            .compose(v -> rules.start(config.configDir())).map(auth))
        .compose(auth -> {
          List<Consumer<Router>> routes = List.of(
              health::mount,
              new AuthRoutes(auth)::mount,
              new ProductRoutes(vertx, catalog, products, audit)::mount,
              new LocationRoutes(vertx, directory, audit)::mount,
              new InventoryRoutes(inventoryService)::mount,
              new AvailabilityRoutes(new AvailabilityService(directory, inventory, config.availability()), catalog,
                  postalCodes, config.availability(), limiter)::mount,
              new SourcingRoutes(rules)::mount,
              new OrderRoutes(orders, new OrderLifecycle(orders))::mount,
              new TaskRoutes(vertx, pool, feeds, inventory, orders.rerouter(), config.feed())::mount,
              new OpsRoutes(new OverviewService(pool, inventory, catalog))::mount);
          ApiRouter api = new ApiRouter(config, registry, new Authenticator(auth), routes);
          built[0] = api;
          HttpVerticle[] first = new HttpVerticle[1];
          return vertx.deployVerticle(() -> {
            HttpVerticle v = new HttpVerticle(config.http(), api::router, lag);
            synchronized (first) {
              if (first[0] == null) {
                first[0] = v;
              }
            }
            return v;
          }, new DeploymentOptions().setInstances(config.httpInstances()))
              .map(id -> {
                port.set(first[0].actualPort());
                return null;
              });
        })
        .compose(v -> inventory.start(pool, demoLoaded[0]))
        .compose(v -> orders.start())
        .onSuccess(v -> new TaskClock(vertx, pool, feeds, inventory, config.orders().sla()).start())
        .map(v -> port.get());
  }

  /** Loads the demo network when asked to and the database is empty (or a reload is asked for). */
  private static Future<Boolean> loadDemo(AisleConfig config, Vertx vertx, Pool pool) {
    if (!config.demo().enabled() && !config.demo().reload()) {
      return Future.succeededFuture(false);
    }
    return DemoLoader.isEmpty(pool).compose(empty -> {
      if (!empty && !config.demo().reload()) {
        log.info("demo network not loaded: the database already has locations (set AISLE_DEMO_RELOAD=true to replace)");
        return Future.succeededFuture(false);
      }
      long t0 = System.nanoTime();
      return vertx.executeBlocking(() -> DemoNetwork.generate(config.demo().seed(), config.configDir()), false)
          .compose(data -> DemoLoader.load(pool, data).map(rows -> {
            log.info("demo network loaded: {} locations, {} products, {} stock positions in {} ms",
                data.locations().size(), data.products().size(), rows, (System.nanoTime() - t0) / 1_000_000);
            return true;
          }));
    });
  }

  public int httpPort() {
    return httpPort;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  public AisleConfig config() {
    return config;
  }

  public OrderService orders() {
    return orders;
  }

  /** This node's Hazelcast member (fault tests terminate it to act out a crash). */
  public HazelcastInstance hazelcast() {
    return hazelcast;
  }

  /** A router like the ones the HTTP verticles serve (to list the mounted routes). */
  public Router router() {
    return api.router(vertx);
  }

  /** Leaves the cluster, closes the database pool, and stops the embedded PostgreSQL if this node started it. */
  @Override
  public void close() {
    try {
      vertx.close().await(1, TimeUnit.MINUTES);
    } catch (Exception e) {
      log.warn("closing Vert.x: {}", e.toString());
    }
    if (embedded != null) {
      try {
        embedded.close();
      } catch (java.io.IOException e) {
        log.warn("stopping the embedded PostgreSQL: {}", e.toString());
      }
    }
    log.info("Aisle node stopped");
  }
}
