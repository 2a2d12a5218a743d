package dev.aisle.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aisle.api.FeedEvent;
import dev.aisle.api.FeedEventTypes;
import dev.aisle.api.client.FeedSubscription;
import dev.aisle.api.client.StoreAppClient;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

import static dev.aisle.bench.Latencies.HIGHEST_MICROS;
import static dev.aisle.bench.Latencies.line;
import static dev.aisle.bench.Latencies.ms;
import static dev.aisle.bench.Latencies.percentiles;
import static dev.aisle.bench.Latencies.round;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * "Order accepted → task on the device" latency with many store devices connected (DESIGN.md: p99 ≤ 100 ms with 500
 * devices). Run with {@code --help} for the options; {@code bench/run.sh devices} starts a node and runs it.
 *
 * <h2>Setup</h2>
 * The first {@code --stores} stores (by id) that can ship; {@code --devices} associates per store (users
 * {@code dev-<run>-<store>-<n>}, created and logged in concurrently, at most {@code --setup-concurrency} at a time:
 * each is a PBKDF2 hash on the server). Every device is its own {@link StoreAppClient} (one Vert.x instance for all of
 * them) following its store's feed from seq 0; the load starts once all of them are live. For each store one SKU
 * with enough available-to-sell there is picked from {@code GET /api/v1/inventory/{sku}} and checked with
 * {@code POST /api/v1/sourcing/simulate}: a one-line order shipped to the store's own coordinates must be sourced
 * from that store.
 *
 * <h2>Load</h2>
 * Open model: order {@code i} is due at {@code start + i/R}, stores in turn, on a separate Vert.x instance (one event
 * loop). For each 201 the instant the answer was read ({@code t_ack}) is kept with the order id and the store the
 * allocation went to. Only orders due after the warm-up are measured.
 *
 * <h2>Measure</h2>
 * On every {@code task-created} event a device receives, latency = receive instant − {@code t_ack}. An event may
 * arrive before the generator has read the 201: its instant is kept under the order id and matched when the 201
 * comes; such a (negative) latency counts as 0 and is reported as {@code beforeAck}. Every device delivery is one
 * value (5 devices → 5 values per order). Expected deliveries = measured orders allocated at a followed store ×
 * devices per store; missing = expected − distinct (order, device) deliveries after {@code --settle}; a second
 * delivery of the same task to the same device is a duplicate. Both clocks are {@link System#nanoTime()} of this JVM.
 */
public final class DeviceBench {

  private static final String DEVICE_PASSWORD = "bench-device-pw-1";

  // ------------------------------------------------------------------------------------------------- options

  record Opts(URI url, String adminPassword, String apiKey, int stores, int devices, double rate, long durationNs,
              long warmupNs, long settleNs, int setupConcurrency, int skuScan, String out, List<URI> deviceUrls) {

    static final String USAGE = """
        usage: java -cp bench/target/aisle-bench.jar dev.aisle.bench.DeviceBench [options]
          --url U                 server base URL                                   (http://127.0.0.1:18080)
          --admin-password P      password of user admin                            (bench-admin-pw)
          --api-key K             storefront key (X-Api-Key); made with the admin token when left out
          --stores N              stores followed: the first N stores that ship     (100)
          --devices N             devices (associates) per store                    (5)
          --rate R                orders/s, open model, stores in turn              (50)
          --duration D            measured time, e.g. 30s, 2m                       (30s)
          --warmup W              unmeasured time before it                         (10s)
          --settle S              wait at most this for the last deliveries         (10s)
          --setup-concurrency C   users created / logged in at a time               (8)
          --sku-scan N            SKUs scanned for stock at the stores at most      (1500)
          --out PREFIX            writes PREFIX.json and PREFIX.hgrm                (target/bench/devices)
          --device-urls U,U...    nodes of a cluster for the devices: device i starts on node i mod n and
                                  moves on to the next when its node goes away     (--url)
        """;

    static Opts parse(String[] args) {
      Map<String, String> m = new HashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("-h") || args[i].equals("--help")) {
          throw new IllegalArgumentException("");
        }
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + ": expected --option value");
        }
        m.put(args[i].substring(2), args[++i]);
      }
      Set<String> known = Set.of("url", "admin-password", "api-key", "stores", "devices", "rate", "duration", "warmup",
          "settle", "setup-concurrency", "sku-scan", "out", "device-urls");
      for (String k : m.keySet()) {
        if (!known.contains(k)) {
          throw new IllegalArgumentException("unknown option --" + k);
        }
      }
      try {
        String u = m.getOrDefault("url", "http://127.0.0.1:18080");
        Opts o = new Opts(URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u),
            m.getOrDefault("admin-password", "bench-admin-pw"), m.get("api-key"),
            Integer.parseInt(m.getOrDefault("stores", "100")), Integer.parseInt(m.getOrDefault("devices", "5")),
            Double.parseDouble(m.getOrDefault("rate", "50")),
            Options.parseDuration(m.getOrDefault("duration", "30s")),
            Options.parseDuration(m.getOrDefault("warmup", "10s")),
            Options.parseDuration(m.getOrDefault("settle", "10s")),
            Integer.parseInt(m.getOrDefault("setup-concurrency", "8")),
            Integer.parseInt(m.getOrDefault("sku-scan", "1500")), m.getOrDefault("out", "target/bench/devices"),
            java.util.Arrays.stream(m.getOrDefault("device-urls", u).split(",")).map(String::strip)
                .map(d -> URI.create(d.endsWith("/") ? d.substring(0, d.length() - 1) : d)).toList());
        if (o.stores < 1 || o.devices < 1 || o.rate <= 0 || o.durationNs <= 0 || o.warmupNs < 0 || o.settleNs < 0
            || o.setupConcurrency < 1 || o.skuScan < 1 || o.url.getHost() == null) {
          throw new IllegalArgumentException("an option is out of range");
        }
        return o;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number: " + e.getMessage());
      }
    }
  }

  // ------------------------------------------------------------------------------------------------- state

  /** A followed store and the order it gets. */
  record Store(String id, double lat, double lon, JsonObject address, String sku, long ats) {}

  /** One order placed by the generator, and the deliveries of its task; guarded by itself. */
  static final class OrderRec {
    long tAck;              // nanoTime the 201 was read; 0 until then
    long tSent;             // nanoTime the request was sent
    boolean measured;
    String store;           // the allocation's location (null until the 201)
    final Map<Integer, Long> firstArrival = new HashMap<>(); // device → receive nanoTime (first delivery)
  }

  private final Opts o;
  private final String runId = Long.toString(System.currentTimeMillis(), 36);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, OrderRec> orders = new ConcurrentHashMap<>();
  private final Histogram latency = new SynchronizedHistogram(HIGHEST_MICROS, 3);    // t_ack → device
  private final Histogram sendToDevice = new SynchronizedHistogram(HIGHEST_MICROS, 3);
  private final Histogram early = new SynchronizedHistogram(HIGHEST_MICROS, 3);       // 201 read - arrival, if > 0
  private final Histogram ackLatency = new Histogram(HIGHEST_MICROS, 3);   // due → 201 (generator loop only)
  private final Histogram ackService = new Histogram(HIGHEST_MICROS, 3);   // actual send → 201
  private final Histogram sendLag = new Histogram(HIGHEST_MICROS, 3);      // due → actual send (generator stalls)
  private final AtomicLong beforeAck = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong wrongStore = new AtomicLong();
  private final AtomicLong otherEvents = new AtomicLong();
  private final AtomicLong unknownOrderEvents = new AtomicLong(); // task-created for orders this run did not place
  private final AtomicLong warmupDeliveries = new AtomicLong();
  private final AtomicLong deliveredMeasured = new AtomicLong();
  private final Map<Integer, Long> byStatus = new TreeMap<>();
  private final Map<Integer, String> sampleAnswer = new TreeMap<>();
  private final Map<String, Long> errors = new TreeMap<>();
  private final Map<String, Long> allocatedAt = new TreeMap<>(); // measured 201s: followed store / "elsewhere:<id>"
  private final List<String> duplicateSamples = new ArrayList<>();
  private String adminToken;
  private String apiKey;
  private List<Store> stores;
  private Set<String> storeIds;
  private final List<StoreAppClient> clients = new ArrayList<>();
  private final List<FeedSubscription> feeds = new ArrayList<>();
  private final List<String> deviceStore = new ArrayList<>(); // device index → store id
  private long notLive;
  private long setupUsersMs;
  private long setupFeedsMs;

  DeviceBench(Opts o) {
    this.o = o;
  }

  public static void main(String[] args) throws Exception {
    Opts o;
    try {
      o = Opts.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println(e.getMessage());
      }
      System.err.print(Opts.USAGE);
      System.exit(2);
      return;
    }
    int rc = new DeviceBench(o).run();
    System.exit(rc);
  }

  int run() throws Exception {
    Vertx devices = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
        .setInternalBlockingPoolSize(2));
    Vertx load = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1));
    try {
      setup(devices);
      drive(load);
      settle();
    } finally {
      List<Future<Void>> closing = new ArrayList<>();
      feeds.forEach(f -> closing.add(f.close()));
      Future.join(closing).await(20, TimeUnit.SECONDS);
      clients.forEach(StoreAppClient::close);
      load.close().await(10, TimeUnit.SECONDS);
      devices.close().await(10, TimeUnit.SECONDS);
    }
    return report();
  }

  // ------------------------------------------------------------------------------------------------- setup

  private void setup(Vertx devices) throws Exception {
    adminToken = login("admin", o.adminPassword());
    apiKey = o.apiKey() != null ? o.apiKey()
        : post("/api/v1/api-keys", new JsonObject().put("name", "devices-" + runId).put("role", "storefront")
            .put("channel", "web"), adminToken, null, 201).getString("key");
    stores = pickStores();
    storeIds = new HashSet<>();
    stores.forEach(s -> storeIds.add(s.id()));

    ExecutorService pool = Executors.newFixedThreadPool(o.setupConcurrency());
    try {
      long t = System.nanoTime();
      List<Callable<Void>> users = new ArrayList<>();
      for (Store s : stores) {
        for (int d = 1; d <= o.devices(); d++) {
          String name = user(s.id(), d);
          users.add(() -> {
            HttpRequest.Builder b = request("/api/v1/users", adminToken).POST(HttpRequest.BodyPublishers.ofString(
                new JsonObject().put("username", name).put("password", DEVICE_PASSWORD).put("role", "associate")
                    .put("locationId", s.id()).encode()));
            var r = http.send(b.build(), BodyHandlers.ofString());
            if (r.statusCode() != 201 && r.statusCode() != 409) {
              throw new IOException("creating " + name + ": " + r.statusCode() + " " + r.body());
            }
            return null;
          });
        }
      }
      for (var f : pool.invokeAll(users)) {
        f.get();
      }
      List<io.vertx.core.net.SocketAddress> nodes = o.deviceUrls().stream().map(u -> io.vertx.core.net.SocketAddress
          .inetSocketAddress(u.getPort() > 0 ? u.getPort() : 80, u.getHost())).toList();
      List<Callable<Void>> logins = new ArrayList<>();
      for (Store s : stores) {
        for (int d = 1; d <= o.devices(); d++) {
          List<io.vertx.core.net.SocketAddress> mine = new ArrayList<>(nodes);
          java.util.Collections.rotate(mine, -(clients.size() % nodes.size()));
          StoreAppClient c = new StoreAppClient(devices, mine);
          clients.add(c);
          deviceStore.add(s.id());
          String name = user(s.id(), d);
          logins.add(() -> {
            c.login(name, DEVICE_PASSWORD).await(60, TimeUnit.SECONDS);
            return null;
          });
        }
      }
      for (var f : pool.invokeAll(logins)) {
        f.get();
      }
      setupUsersMs = (System.nanoTime() - t) / 1_000_000;
      System.out.printf(Locale.ROOT, "%d users created and logged in in %.1f s%n", clients.size(),
          setupUsersMs / 1e3);
    } finally {
      pool.shutdownNow();
    }

    long t = System.nanoTime();
    List<Future<Void>> live = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      int device = i;
      String store = deviceStore.get(i);
      FeedSubscription f = clients.get(i).follow(store, 0, e -> onEvent(device, store, e));
      feeds.add(f);
      live.add(f.awaitLive());
    }
    Future.all(live).await(120, TimeUnit.SECONDS);
    setupFeedsMs = (System.nanoTime() - t) / 1_000_000;
    System.out.printf(Locale.ROOT, "%d feeds live in %.1f s%n", feeds.size(), setupFeedsMs / 1e3);
  }

  private static String user(String store, int device) {
    return "dev-" + store + "-" + device;
  }

  /** The first N shipping stores, each with a SKU that a one-line order shipped to the store is sourced from. */
  private List<Store> pickStores() throws Exception {
    JsonObject page = get("/api/v1/locations?type=store&capability=ship&limit=1000", null);
    JsonArray items = page.getJsonArray("items");
    if (items.size() < o.stores()) {
      throw new IllegalStateException("only " + items.size() + " stores can ship; --stores " + o.stores());
    }
    List<JsonObject> chosen = new ArrayList<>(); // every shipping store: the first N that pass the check are used
    for (int i = 0; i < items.size(); i++) {
      JsonObject l = items.getJsonObject(i);
      if (l.getBoolean("active", true)) {
        chosen.add(l);
      }
    }
    Map<String, JsonObject> byId = new LinkedHashMap<>();
    chosen.forEach(l -> byId.put(l.getString("id"), l));
    // orders per store over the whole run, with room to spare
    long need = Math.max(10, (long) Math.ceil(2 * o.rate() * (o.warmupNs() + o.durationNs()) / 1e9 / o.stores()));
    Map<String, List<long[]>> candidates = new HashMap<>(); // store → [skuNo, ats]
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      int next = 9; // SKU-00001..8 are the doorbusters, 1..5 units per store
      while (next <= Math.min(5000, 8 + o.skuScan())) {
        List<Callable<JsonObject>> batch = new ArrayList<>();
        for (int i = 0; i < 100 && next <= 5000; i++, next++) {
          String sku = String.format("SKU-%05d", next);
          batch.add(() -> get("/api/v1/inventory/" + sku, adminToken));
        }
        for (var f : pool.invokeAll(batch)) {
          JsonObject view = f.get();
          int skuNo = Integer.parseInt(view.getString("sku").substring(4));
          for (Object p : view.getJsonArray("positions")) {
            JsonObject pos = (JsonObject) p;
            long ats = pos.getLong("availableToSell");
            if (byId.containsKey(pos.getString("locationId")) && ats >= need) {
              candidates.computeIfAbsent(pos.getString("locationId"), k -> new ArrayList<>())
                  .add(new long[] {skuNo, ats});
            }
          }
        }
        if (byId.keySet().stream().allMatch(id -> candidates.getOrDefault(id, List.of()).size() >= 3)) {
          break;
        }
      }
      List<Callable<Store>> checks = new ArrayList<>();
      for (JsonObject l : chosen) {
        checks.add(() -> {
          String id = l.getString("id");
          List<long[]> c = new ArrayList<>(candidates.getOrDefault(id, List.of()));
          c.sort(Comparator.comparingLong((long[] x) -> -x[1]));
          for (long[] cand : c) {
            String sku = String.format("SKU-%05d", cand[0]);
            JsonObject plan = post("/api/v1/sourcing/simulate", new JsonObject()
                .put("shipTo", shipTo(l.getJsonObject("address"), l.getDouble("lat"), l.getDouble("lon")))
                .put("lines", new JsonArray().add(orderLine(sku))), adminToken, null, 200);
            JsonArray allocs = plan.getJsonArray("allocations", new JsonArray());
            if (plan.getBoolean("accepted", false) && allocs.size() == 1
                && id.equals(allocs.getJsonObject(0).getString("locationId"))) {
              return new Store(id, l.getDouble("lat"), l.getDouble("lon"), l.getJsonObject("address"), sku, cand[1]);
            }
          }
          System.out.printf(Locale.ROOT, "  skipping %s: no SKU with %d+ available there that an order shipped to "
              + "the store is sourced from (%d candidates tried)%n", id, need, c.size());
          return null;
        });
      }
      List<Store> out = new ArrayList<>();
      for (var f : pool.invokeAll(checks)) {
        if (f.get() != null && out.size() < o.stores()) {
          out.add(f.get());
        }
      }
      if (out.size() < o.stores()) {
        throw new IllegalStateException("only " + out.size() + " stores qualify; --stores " + o.stores());
      }
      System.out.printf(Locale.ROOT, "%d stores %s..%s, one SKU each with %d..%d available (need %d)%n", out.size(),
          out.get(0).id(), out.get(out.size() - 1).id(), out.stream().mapToLong(Store::ats).min().orElse(0),
          out.stream().mapToLong(Store::ats).max().orElse(0), need);
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static JsonObject shipTo(JsonObject address, double lat, double lon) {
    return new JsonObject().put("name", "Bench Customer").put("line1", address.getString("line1"))
        .put("city", address.getString("city")).put("region", address.getString("region"))
        .put("postalCode", address.getString("postalCode")).put("country", address.getString("country", "US"))
        .put("lat", lat).put("lon", lon);
  }

  private static JsonObject orderLine(String sku) {
    return new JsonObject().put("sku", sku).put("quantity", 1).put("method", "ship");
  }

  private String login(String user, String password) throws Exception {
    return post("/api/v1/auth/token", new JsonObject().put("username", user).put("password", password), null, null,
        200).getString("token");
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(o.url() + path)).timeout(Duration.ofSeconds(60))
        .header("content-type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private JsonObject get(String path, String token) throws Exception {
    var r = http.send(request(path, token).GET().build(), BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + ": " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body());
  }

  private JsonObject post(String path, JsonObject body, String token, String key, int expect) throws Exception {
    HttpRequest.Builder b = request(path, token).POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (key != null) {
      b.header("X-Api-Key", key);
    }
    var r = http.send(b.build(), BodyHandlers.ofString());
    if (r.statusCode() != expect) {
      throw new IOException("POST " + path + ": " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body());
  }

  // -------------------------------------------------------------------------------------------------- load

  private WebClient web;
  private String[] bodyPrefix; // per store: the order JSON up to the externalId value
  private long t0;
  private volatile Timeline timeline; // deliveries per second of the load; written under its own lock
  private long measureFrom;
  private long measureTo;
  private long sent;
  private int inFlight;
  private boolean stopped;
  private volatile boolean loadStarted;
  private long measuredOrders;
  private final CompletableFuture<Void> loadDone = new CompletableFuture<>();

  private void drive(Vertx load) throws Exception {
    int port = o.url().getPort() > 0 ? o.url().getPort() : 80;
    web = WebClient.create(load, new WebClientOptions().setDefaultHost(o.url().getHost()).setDefaultPort(port)
            .setKeepAlive(true).setPipelining(false).setTcpNoDelay(true).setUserAgent("aisle-bench"),
        new PoolOptions().setHttp1MaxSize(32).setMaxWaitQueueSize(-1));
    bodyPrefix = new String[stores.size()];
    for (int i = 0; i < stores.size(); i++) {
      Store s = stores.get(i);
      String tail = new JsonObject().put("customer", new JsonObject().put("id", "C-" + s.id())
              .put("name", "Bench Customer").put("email", "bench@example.com"))
          .put("shipTo", shipTo(s.address(), s.lat(), s.lon()))
          .put("lines", new JsonArray().add(orderLine(s.sku()))).encode();
      bodyPrefix[i] = tail.substring(1); // without '{': appended after "externalId"
    }
    System.out.printf(Locale.ROOT, "orders at %.0f/s over %d stores, %.0f s (+%.0f s warm-up), %d devices%n",
        o.rate(), stores.size(), o.durationNs() / 1e9, o.warmupNs() / 1e9, feeds.size());
    loadStarted = true;
    load.runOnContext(v -> {
      t0 = System.nanoTime();
      timeline = new Timeline(t0, o.warmupNs(), "delivered");
      measureFrom = t0 + o.warmupNs();
      measureTo = measureFrom + o.durationNs();
      load.setPeriodic(1, id -> {
        long now = System.nanoTime();
        if (now >= measureTo) {
          load.cancelTimer(id);
          stopped = true;
          if (inFlight == 0) {
            loadDone.complete(null);
          }
          return;
        }
        long due = (long) ((now - t0) / 1e9 * o.rate()) + 1; // orders 0..due-1 are due by now
        while (sent < due) {
          send(t0 + (long) (sent * 1e9 / o.rate()));
        }
      });
    });
    loadDone.get(o.warmupNs() + o.durationNs() + 120_000_000_000L, TimeUnit.NANOSECONDS);
  }

  private void send(long intended) {
    int storeIdx = (int) (sent % stores.size());
    sent++;
    inFlight++;
    String key = "D-" + runId + "-" + sent;
    boolean measured = intended >= measureFrom;
    if (measured) {
      measuredOrders++;
    }
    long actual = System.nanoTime();
    web.post("/api/v1/orders").timeout(30_000).putHeader("X-Api-Key", apiKey).putHeader("Idempotency-Key", key)
        .putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer("{\"externalId\":\"" + key + "\"," + bodyPrefix[storeIdx]))
        .onComplete(ar -> answered(intended, actual, measured, ar));
  }

  private void answered(long intended, long actual, boolean measured, AsyncResult<HttpResponse<Buffer>> ar) {
    long now = System.nanoTime();
    inFlight--;
    if (ar.failed()) {
      String what = ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage();
      errors.merge(what.length() > 120 ? what.substring(0, 120) : what, 1L, Long::sum);
    } else {
      HttpResponse<Buffer> r = ar.result();
      if (measured) {
        byStatus.merge(r.statusCode(), 1L, Long::sum);
        ackLatency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - intended) / 1000)));
        ackService.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - actual) / 1000)));
        sendLag.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (actual - intended) / 1000)));
      }
      if (r.statusCode() == 201) {
        JsonObject order = r.bodyAsJsonObject();
        String at = null;
        for (Object l : order.getJsonArray("lines", new JsonArray())) {
          for (Object a : ((JsonObject) l).getJsonArray("allocations", new JsonArray())) {
            at = ((JsonObject) a).getString("locationId");
          }
        }
        if (measured) {
          allocatedAt.merge(at == null ? "none" : storeIds.contains(at) ? "followed store" : "elsewhere: " + at, 1L,
              Long::sum);
        }
        acked(order.getString("id"), at, actual, now, measured);
      } else if (!sampleAnswer.containsKey(r.statusCode())) {
        String b = r.bodyAsString();
        sampleAnswer.put(r.statusCode(), b == null ? "" : b.length() > 300 ? b.substring(0, 300) : b);
      }
    }
    if (stopped && inFlight == 0) {
      loadDone.complete(null);
    }
  }

  /** The 201 of an order: records deliveries that came before it. */
  private void acked(String orderId, String store, long tSent, long tAck, boolean measured) {
    OrderRec rec = orders.computeIfAbsent(orderId, k -> new OrderRec());
    synchronized (rec) {
      rec.tAck = tAck;
      rec.tSent = tSent;
      rec.store = store;
      rec.measured = measured;
      for (Map.Entry<Integer, Long> e : rec.firstArrival.entrySet()) {
        record(rec, e.getValue());
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ events

  private void onEvent(int device, String store, FeedEvent e) {
    long now = System.nanoTime();
    if (!FeedEventTypes.TASK_CREATED.equals(e.type())) {
      otherEvents.incrementAndGet();
      return;
    }
    if (e.orderId() == null || (!loadStarted && !orders.containsKey(e.orderId()))) {
      unknownOrderEvents.incrementAndGet(); // replayed from an earlier run, before the load started
      return;
    }
    if (!store.equals(e.storeId())) {
      wrongStore.incrementAndGet();
    }
    OrderRec rec = orders.computeIfAbsent(e.orderId(), k -> new OrderRec());
    synchronized (rec) {
      if (rec.firstArrival.containsKey(device)) {
        duplicates.incrementAndGet();
        if (duplicateSamples.size() < 10) {
          synchronized (duplicateSamples) {
            duplicateSamples.add("order " + e.orderId() + " task " + e.taskId() + " seq " + e.seq() + " device "
                + device + " (" + store + ")");
          }
        }
        return;
      }
      rec.firstArrival.put(device, now);
      if (rec.tAck != 0) {
        record(rec, now);
      }
    }
  }

  /** One delivery of a known order (caller holds the lock on {@code rec}). */
  private void record(OrderRec rec, long arrival) {
    if (!rec.measured) {
      warmupDeliveries.incrementAndGet();
      return;
    }
    long micros = (arrival - rec.tAck) / 1000;
    if (micros < 0) {
      beforeAck.incrementAndGet();
      early.recordValue(Math.min(HIGHEST_MICROS, -micros));
      micros = 0;
    }
    latency.recordValue(Math.min(HIGHEST_MICROS, micros));
    synchronized (timeline) {
      timeline.record(arrival, micros, 0, true);
    }
    sendToDevice.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (arrival - rec.tSent) / 1000)));
    deliveredMeasured.incrementAndGet();
  }

  private long expected() {
    long n = 0;
    for (OrderRec r : orders.values()) {
      synchronized (r) {
        if (r.measured && r.store != null && storeIds.contains(r.store)) {
          n += o.devices();
        }
      }
    }
    return n;
  }

  /** Waits until every expected delivery arrived, at most --settle. */
  private void settle() throws InterruptedException {
    long until = System.nanoTime() + o.settleNs();
    while (System.nanoTime() < until && deliveredMeasured.get() < expected()) {
      Thread.sleep(50);
    }
    notLive = feeds.stream().filter(f -> !f.live()).count();
  }

  // ------------------------------------------------------------------------------------------------ report

  private int report() throws IOException {
    double seconds = o.durationNs() / 1e9;
    long expected = expected();
    long delivered = deliveredMeasured.get();
    List<String> missingSamples = new ArrayList<>();
    long missing = 0;
    long ordersMissingAll = 0;
    long storeOrders = 0;
    Set<String> incomplete = new HashSet<>();
    for (Map.Entry<String, OrderRec> e : orders.entrySet()) {
      OrderRec r = e.getValue();
      synchronized (r) {
        if (!(r.measured && r.store != null && storeIds.contains(r.store))) {
          continue;
        }
        storeOrders++;
        int got = 0;
        for (int d = 0; d < deviceStore.size(); d++) {
          if (deviceStore.get(d).equals(r.store)) {
            if (r.firstArrival.containsKey(d)) {
              got++;
            } else {
              missing++;
              if (missingSamples.size() < 20) {
                missingSamples.add("order " + e.getKey() + " at " + r.store + ": device " + d);
              }
            }
          }
        }
        if (got == 0) {
          ordersMissingAll++;
        }
        if (got < o.devices()) {
          incomplete.add(r.store);
        }
      }
    }
    long unmatched = orders.values().stream().filter(r -> {
      synchronized (r) {
        return r.tAck == 0 && !r.firstArrival.isEmpty();
      }
    }).count();
    long okCount = byStatus.getOrDefault(201, 0L);
    long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("what", "order accepted (201 read by the client) -> task-created received on the device");
    json.put("url", o.url().toString());
    json.put("runId", runId);
    json.put("stores", stores.size());
    json.put("devicesPerStore", o.devices());
    json.put("devices", feeds.size());
    json.put("targetRate", o.rate());
    json.put("durationS", seconds);
    json.put("warmupS", o.warmupNs() / 1e9);
    json.put("setupUsersS", setupUsersMs / 1e3);
    json.put("setupFeedsS", setupFeedsMs / 1e3);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("ordersSent", sent);
    counts.put("ordersMeasured", measuredOrders);
    Map<String, Long> statuses = new LinkedHashMap<>();
    byStatus.forEach((k, v) -> statuses.put(String.valueOf(k), v));
    counts.put("byStatus", statuses);
    counts.put("transportErrors", errorCount);
    counts.put("allocatedAt", allocatedAt);
    counts.put("ordersAtFollowedStores", storeOrders);
    counts.put("expectedDeliveries", expected);
    counts.put("deliveries", delivered);
    counts.put("missingDeliveries", missing);
    counts.put("ordersWithNoDelivery", ordersMissingAll);
    counts.put("storesWithMissing", incomplete.size());
    counts.put("duplicates", duplicates.get());
    counts.put("beforeAck", beforeAck.get());
    counts.put("wrongStore", wrongStore.get());
    counts.put("warmupDeliveries", warmupDeliveries.get());
    counts.put("replayedFromEarlierRuns", unknownOrderEvents.get());
    counts.put("eventsOfOrdersWithout201", unmatched);
    counts.put("otherEventTypes", otherEvents.get());
    counts.put("feedsNotLiveAtEnd", notLive);
    json.put("counts", counts);
    json.put("ordersPerS", round(okCount / seconds));
    json.put("latencyMs", percentiles(latency));
    json.put("sendToDeviceMs", percentiles(sendToDevice));
    json.put("orderAckMs", percentiles(ackLatency));
    json.put("orderServiceMs", percentiles(ackService));
    json.put("sendLagMs", percentiles(sendLag));
    json.put("beforeAckByMs", percentiles(early));
    json.put("errors", errors);
    json.put("sampleAnswers", sampleAnswer);
    json.put("missingSamples", missingSamples);
    json.put("duplicateSamples", duplicateSamples);
    synchronized (timeline) {
      json.put("timeline", timeline.toJson());
    }

    Path out = Path.of(o.out() + ".json");
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
    Path hgrm = Path.of(o.out() + ".hgrm");
    try (PrintStream ps = new PrintStream(new FileOutputStream(hgrm.toFile()), false, "UTF-8")) {
      latency.outputPercentileDistribution(ps, 1000.0);
    }

    System.out.printf(Locale.ROOT, "orders: %d measured (%.1f/s), 201 %d, other %s, errors %d; allocated %s%n",
        measuredOrders, measuredOrders / seconds, okCount, statuses, errorCount, allocatedAt);
    System.out.printf(Locale.ROOT, "deliveries: %d of %d expected (%d orders x %d devices), missing %d "
            + "(orders with none: %d), duplicates %d, before the 201 was read %d, wrong store %d%n",
        delivered, expected, storeOrders, o.devices(), missing, ordersMissingAll, duplicates.get(), beforeAck.get(),
        wrongStore.get());
    line("ack -> device ms", latency);
    line("send -> device ms", sendToDevice);
    line("order 201 ms", ackLatency);
    line("  from actual send", ackService);
    line("  send lag (due)", sendLag);
    line("device before 201", early);
    if (notLive > 0) {
      System.out.println("  feeds not live at the end: " + notLive);
    }
    missingSamples.stream().limit(5).forEach(s -> System.out.println("  missing: " + s));
    duplicateSamples.stream().limit(5).forEach(s -> System.out.println("  duplicate: " + s));
    sampleAnswer.forEach((k, v) -> System.out.println("  " + k + " e.g. " + v));
    errors.forEach((k, v) -> System.out.println("  error x " + v + ": " + k));
    System.out.println("wrote " + out + " and " + hgrm);
    return missing == 0 && duplicates.get() == 0 && okCount > 0 ? 0 : 1;
  }
}
