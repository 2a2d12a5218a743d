package dev.aisle.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aisle.api.Problem;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

import static dev.aisle.bench.Latencies.HIGHEST_MICROS;
import static dev.aisle.bench.Latencies.line;
import static dev.aisle.bench.Latencies.ms;
import static dev.aisle.bench.Latencies.percentiles;
import static dev.aisle.bench.Latencies.round;

/**
 * Order capture load generator: {@code POST /api/v1/orders} with the Black Friday mix of {@link Workload}, against
 * one server or several nodes, for a warm-up and then a measured duration; writes {@code <out>.json} (with a
 * per-second {@link Timeline}), {@code <out>.hgrm} and, with {@code --acked}, the id of every order answered 201 (for
 * the invariant check), and prints a one-screen summary. Run with {@code --help} for the options.
 *
 * <h2>Method</h2>
 * One Vert.x instance with a single event loop drives an HTTP/1.1 keep-alive connection pool of {@code --concurrency}
 * connections (no pipelining). Everything (generation, sending, recording) happens on that one thread, so the
 * generator takes at most one core and needs no locks. Bodies are assembled from pre-encoded JSON pieces.
 * <ul>
 *   <li><b>Closed loop</b> (default): {@code concurrency} requests are in flight; each answer sends the next one.
 *   Throughput is what the server sustains at that concurrency.</li>
 *   <li><b>Open model</b> ({@code --rate R}): request {@code i} is due at {@code start + i/R}, whatever happened to the
 *   earlier ones. A 1 ms timer and every answer send the due requests, oldest first, on free connections; when all
 *   {@code concurrency} connections are busy the due requests wait in the generator (a counter, no queue), their
 *   latency clock already running. Give enough connections for the rate times the expected latency.</li>
 * </ul>
 * Counted per status (201, 409, 503, other, plus transport errors); latency goes into an HdrHistogram (µs) for all
 * completed requests and one for the successes. Only requests due after the warm-up are recorded; those still in
 * flight when the duration ends are awaited (bounded by {@code --timeout}). A third histogram, service time, runs from
 * the actual send: in the open model, a gap between it and the latency means requests waited for a connection
 * (server too slow for the rate, or too few connections) or the generator itself stalled.
 *
 * <h2>Why latency is measured from the intended send time</h2>
 * A generator that measures from the moment it actually sends stops sending while the server stalls, so the requests
 * that would have arrived during the stall are never issued and never measured ("coordinated omission"): a 2 s pause
 * shows up as one slow request instead of thousands. In the open model the arrival schedule is fixed, and each
 * request's latency runs from its scheduled time, so time spent queued behind a stall (in the client's pool or in
 * the server) is counted as the customer would feel it. In the closed loop the intended time is the moment the
 * previous answer arrived, which is when the request is sent: its percentiles describe service time at that
 * concurrency, and the open model is the one to quote against a latency target at a given rate.
 */
public final class CaptureBench {

  private static final long REPORT_EVERY_NS = TimeUnit.SECONDS.toNanos(5);

  private final Options o;
  private final boolean get;
  private final int okStatus;
  private final Histogram all = new Histogram(HIGHEST_MICROS, 3);
  private final Histogram ok = new Histogram(HIGHEST_MICROS, 3);
  private final Histogram service = new Histogram(HIGHEST_MICROS, 3); // from the actual send, for diagnosis
  private final Map<Integer, Long> byStatus = new TreeMap<>();
  private final Map<Integer, String> sample = new TreeMap<>();
  private final Map<String, Long> errors = new TreeMap<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private Vertx vertx;
  private final java.util.List<WebClient> clients = new java.util.ArrayList<>();
  private boolean[] down;
  private int turn;
  private PrintStream acked;
  private Workload work;
  private long t0;
  private long measureFrom;
  private long measureTo;
  private long scheduled; // open model: requests due so far
  private long sent;
  private int inFlight;
  private boolean stopped;
  private long measuredCompleted;
  private long nextReport;
  private long intervalCompleted;
  private long intervalOk;
  private Timeline timeline;

  CaptureBench(Options o) {
    this.o = o;
    this.get = o.getPath() != null;
    this.okStatus = get ? 200 : 201;
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println(e.getMessage());
      }
      System.err.print(Options.USAGE);
      System.exit(2);
      return;
    }
    new CaptureBench(o).run();
  }

  void run() throws Exception {
    String runId = Long.toString(System.currentTimeMillis(), 36);
    work = new Workload(o, runId);
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1));
    for (java.net.URI url : o.urls()) {
      clients.add(WebClient.create(vertx,
          new WebClientOptions().setDefaultHost(url.getHost()).setDefaultPort(url.getPort() > 0 ? url.getPort() : 80)
              .setKeepAlive(true).setPipelining(false).setTcpNoDelay(true).setUserAgent("aisle-bench"),
          new PoolOptions().setHttp1MaxSize(o.concurrency()).setMaxWaitQueueSize(-1)));
    }
    down = new boolean[clients.size()];
    if (o.acked() != null) {
      acked = new PrintStream(new FileOutputStream(o.acked()), false, "UTF-8");
    }
    System.out.printf(Locale.ROOT, "%s %s%s  %s, %d connections, %.0f s (+%.0f s warm-up), lines %d, hot %d SKUs %.0f%%%n",
        get ? "GET" : "POST", o.urls().size() == 1 ? o.url() : o.urls(), get ? o.getPath() : "/api/v1/orders",
        o.openModel() ? String.format(Locale.ROOT, "open model %.0f/s", o.rate()) : "closed loop",
        o.concurrency(), o.durationNs() / 1e9, o.warmupNs() / 1e9, o.lines(), o.hotSkus(), o.hotShare() * 100);
    vertx.runOnContext(v -> start());
    long bound = o.warmupNs() + o.durationNs() + TimeUnit.MILLISECONDS.toNanos(o.timeoutMs()) + 10_000_000_000L;
    try {
      done.get(bound, TimeUnit.NANOSECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      if (acked != null) {
        acked.close();
      }
    }
    report();
  }

  private void start() {
    t0 = System.nanoTime();
    timeline = new Timeline(t0, o.warmupNs(), String.valueOf(okStatus));
    if (clients.size() > 1) {
      vertx.setPeriodic(500, id -> probe());
    }
    measureFrom = t0 + o.warmupNs();
    measureTo = measureFrom + o.durationNs();
    nextReport = measureFrom + REPORT_EVERY_NS;
    if (o.openModel()) {
      vertx.setPeriodic(1, id -> {
        long now = System.nanoTime();
        if (now >= measureTo) {
          vertx.cancelTimer(id);
          stop();
          return;
        }
        scheduled = (long) dueBy((now - t0) / 1e9) + 1;
        drain();
      });
    } else {
      for (int i = 0; i < o.concurrency(); i++) {
        send(System.nanoTime());
      }
      vertx.setTimer(Math.max(1, (measureTo - t0) / 1_000_000), id -> stop());
    }
  }

  /** Open model: sends the due requests (oldest first) while a connection is free; the rest wait, their clock running. */
  private void drain() {
    while (sent < scheduled && inFlight < o.concurrency()) {
      send(t0 + (long) (dueAt(sent) * 1e9));
    }
  }

  /**
   * Open model schedule: how many requests are due {@code t} seconds into the run. Without a ramp request i is due at
   * i/R; with {@code --ramp T} the rate climbs linearly from 0 to R over the first T seconds (R·t²/2T due by then).
   */
  private double dueBy(double t) {
    double r = o.rate();
    double ramp = o.rampNs() / 1e9;
    return t < ramp ? r * t * t / (2 * ramp) : r * ramp / 2 + r * (t - ramp);
  }

  /** The inverse of {@link #dueBy}: when request {@code i} is due, in seconds into the run. */
  private double dueAt(long i) {
    double r = o.rate();
    double ramp = o.rampNs() / 1e9;
    return i < r * ramp / 2 ? Math.sqrt(2 * i * ramp / r) : ramp + (i - r * ramp / 2) / r;
  }

  /** Sends one request; {@code intended} is the nanoTime its latency counts from. */
  private void send(long intended) {
    long actual = System.nanoTime();
    inFlight++;
    sent++;
    int node = nextNode();
    WebClient client = clients.get(node);
    if (get) {
      String path = work.nextPath(o.getPath());
      client.get(path).timeout(o.timeoutMs()).send().onComplete(ar -> answered(node, intended, actual, ar));
    } else {
      String body = work.nextOrder();
      client.post("/api/v1/orders").timeout(o.timeoutMs())
          .putHeader("X-Api-Key", o.apiKey())
          .putHeader("Idempotency-Key", work.key)
          .putHeader("content-type", "application/json")
          .sendBuffer(Buffer.buffer(body)).onComplete(ar -> answered(node, intended, actual, ar));
    }
  }

  /** The nodes take turns; one that gave no answer is skipped until it is ready again (all down: round robin). */
  private int nextNode() {
    for (int i = 0; i < clients.size(); i++) {
      turn = (turn + 1) % clients.size();
      if (!down[turn]) {
        return turn;
      }
    }
    return turn;
  }

  private void probe() {
    for (int i = 0; i < clients.size(); i++) {
      int node = i;
      if (down[node]) {
        clients.get(node).get("/health/ready").timeout(1_000).send().onSuccess(r -> {
          if (r.statusCode() == 200 && down[node]) {
            down[node] = false;
            System.out.printf(Locale.ROOT, "  %s is back%n", o.urls().get(node));
          }
        });
      }
    }
  }

  private void answered(int node, long intended, long actual, AsyncResult<HttpResponse<Buffer>> ar) {
    long now = System.nanoTime();
    inFlight--;
    if (ar.succeeded()) {
      int status = ar.result().statusCode();
      timeline.record(now, (now - intended) / 1000, status, status == okStatus);
      if (status == 201 && acked != null) {
        String body = ar.result().bodyAsString();
        int at = body.indexOf("\"id\":\"");
        if (at >= 0) {
          acked.println(body.substring(at + 6, body.indexOf('"', at + 6)));
        }
      }
    } else {
      timeline.error(now);
      if (clients.size() > 1 && !down[node]) {
        down[node] = true;
        System.out.printf(Locale.ROOT, "  %s gave no answer (%s): left out until ready%n", o.urls().get(node),
            ar.cause().getClass().getSimpleName());
      }
    }
    if (intended >= measureFrom) {
      long micros = Math.min(HIGHEST_MICROS, Math.max(0, (now - intended) / 1000));
      if (ar.succeeded()) {
        int status = ar.result().statusCode();
        byStatus.merge(status, 1L, Long::sum);
        all.recordValue(micros);
        service.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - actual) / 1000)));
        measuredCompleted++;
        intervalCompleted++;
        if (status == okStatus) {
          ok.recordValue(micros);
          intervalOk++;
        } else if (!sample.containsKey(status)) {
          Buffer b = ar.result().body();
          sample.put(status, b == null ? "" : b.toString());
        }
      } else {
        String what = ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage();
        errors.merge(what.length() > 120 ? what.substring(0, 120) : what, 1L, Long::sum);
      }
    }
    if (now >= nextReport && !stopped) {
      System.out.printf(Locale.ROOT, "  %3.0f s  %8.0f answers/s  %8.0f ok/s  in flight %d  due, not sent %d%n",
          (now - measureFrom) / 1e9, intervalCompleted / (REPORT_EVERY_NS / 1e9), intervalOk / (REPORT_EVERY_NS / 1e9),
          inFlight, Math.max(0, scheduled - sent));
      intervalCompleted = 0;
      intervalOk = 0;
      nextReport += REPORT_EVERY_NS;
    }
    if (stopped) {
      if (inFlight == 0) {
        done.complete(null);
      }
    } else if (o.openModel()) {
      drain();
    } else {
      send(now);
    }
  }

  private void stop() {
    stopped = true;
    if (inFlight == 0) {
      done.complete(null);
    }
  }

  // ---------------------------------------------------------------------------------------------- output

  private void report() throws IOException {
    double seconds = o.durationNs() / 1e9;
    long okCount = byStatus.getOrDefault(okStatus, 0L);
    long c409 = byStatus.getOrDefault(409, 0L);
    long c503 = byStatus.getOrDefault(503, 0L);
    long other = measuredCompleted - okCount - c409 - c503;
    long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("method", get ? "GET " + o.getPath() : "POST /api/v1/orders");
    json.put("url", o.urls().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(",")));
    json.put("model", o.openModel() ? "open" : "closed");
    json.put("targetRate", o.openModel() ? o.rate() : null);
    json.put("rampS", o.rampNs() / 1e9);
    json.put("concurrency", o.concurrency());
    json.put("durationS", seconds);
    json.put("warmupS", o.warmupNs() / 1e9);
    json.put("lines", o.lines());
    json.put("hotSkus", o.hotSkus());
    json.put("hotShare", o.hotShare());
    json.put("skus", o.skus());
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put(String.valueOf(okStatus), okCount);
    if (!get) {
      counts.put("409", c409);
      counts.put("503", c503);
    }
    counts.put("other", other);
    counts.put("errors", errorCount);
    json.put("counts", counts);
    Map<String, Long> statuses = new LinkedHashMap<>();
    byStatus.forEach((k, v) -> statuses.put(String.valueOf(k), v));
    json.put("byStatus", statuses);
    json.put("errors", errors);
    json.put("completedPerS", round(measuredCompleted / seconds));
    json.put("okPerS", round(okCount / seconds));
    json.put(get ? "okPerS" : "ordersPerS", round(okCount / seconds));
    json.put("latencyMs", percentiles(all));
    json.put("okLatencyMs", percentiles(ok));
    json.put("serviceTimeMs", percentiles(service));
    Map<String, String> samples = new LinkedHashMap<>();
    sample.forEach((k, v) -> samples.put(String.valueOf(k), v.length() > 300 ? v.substring(0, 300) : v));
    json.put("sampleAnswers", samples);
    json.put("timeline", timeline.toJson());

    Path out = Path.of(o.out() + ".json");
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.writeValue(out.toFile(), json);
    Path hgrm = Path.of(o.out() + ".hgrm");
    try (PrintStream ps = new PrintStream(new FileOutputStream(hgrm.toFile()), false, "UTF-8")) {
      all.outputPercentileDistribution(ps, 1000.0);
    }

    System.out.printf(Locale.ROOT, "completed %d in %.0f s (%.1f/s): %d %d (%.1f/s)", measuredCompleted, seconds,
        measuredCompleted / seconds, okStatus, okCount, okCount / seconds);
    if (!get) {
      System.out.printf(Locale.ROOT, ", 409 %d, 503 %d", c409, c503);
    }
    System.out.printf(Locale.ROOT, ", other %d, errors %d (sent %d in all)%n", other, errorCount, sent);
    line("latency ms, all", all);
    line("latency ms, " + okStatus, ok);
    if (o.openModel()) {
      line("service time ms", service);
    }
    sample.forEach((status, body) -> System.out.printf(Locale.ROOT, "  %d x %d, e.g. %s%n", status,
        byStatus.get(status), describe(mapper, body)));
    errors.forEach((what, n) -> System.out.printf(Locale.ROOT, "  error x %d: %s%n", n, what));
    System.out.println("wrote " + out + " and " + hgrm);
  }

  /** A problem answer as "title: detail", anything else as its first 160 characters. */
  private static String describe(ObjectMapper mapper, String body) {
    try {
      Problem p = mapper.readValue(body, Problem.class);
      if (p.title() != null) {
        return p.title() + (p.detail() != null ? ": " + p.detail() : "");
      }
    } catch (IOException | RuntimeException e) {
      // not a problem document
    }
    return body.length() > 160 ? body.substring(0, 160) + "…" : body;
  }
}
