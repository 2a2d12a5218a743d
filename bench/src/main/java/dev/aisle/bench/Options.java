package dev.aisle.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Command-line options of {@link CaptureBench}; see {@link #USAGE}. */
record Options(List<URI> urls, String apiKey, int concurrency, double rate, long durationNs, long warmupNs, int lines,
               int hotSkus, double hotShare, int skus, String out, String getPath, long timeoutMs, long seed, String acked,
               long rampNs) {

  static final String USAGE = """
      usage: java -jar bench/target/aisle-bench.jar [options]
        --url U[,U...]   server base URL; several nodes of a cluster take turns, and a node that gives no
                         answer is left out until its /health/ready answers 200 (http://127.0.0.1:18080)
        --api-key K      storefront API key, sent as X-Api-Key    (required for POST /api/v1/orders)
        --concurrency C  connections; closed loop: C requests in flight, each sent when the previous answered (64)
        --rate R         open model: R requests/s on a fixed schedule, latency from the intended send time (off)
        --duration D     measured time, e.g. 30s, 2m, 500ms       (30s)
        --warmup W       unmeasured time before it                (10s)
        --ramp T         open model: the rate climbs from 0 to R over the first T of the run (0s)
        --lines N        order lines of quantity 1, method ship   (3)
        --hot-skus H     SKU-00001..H are the hot ones            (5)
        --hot-share P    probability that a line is a hot SKU     (0.10)
        --skus S         the other lines are uniform over H+1..S  (5000)
        --out PREFIX     writes PREFIX.json and PREFIX.hgrm       (target/bench/capture)
        --get-path P     sanity mode: GET P instead of POST /api/v1/orders; {sku} {lat} {lon} are filled in,
                         e.g. '/api/v1/availability?sku={sku}&lat={lat}&lon={lon}&radiusKm=50'
        --timeout T      per-request timeout                      (30s)
        --seed N         random seed                              (time based)
        --acked FILE     writes the id of every order answered 201 (warm-up included), one a line, for the
                         invariant check (dev.aisle.server.platform.InvariantCheck)
      """;

  static Options parse(String[] args) {
    List<URI> urls = List.of(URI.create("http://127.0.0.1:18080"));
    String acked = null;
    String apiKey = null;
    String out = "target/bench/capture";
    String getPath = null;
    int concurrency = 64;
    int lines = 3;
    int hotSkus = 5;
    int skus = 5000;
    double rate = 0;
    double hotShare = 0.10;
    long duration = parseDuration("30s");
    long warmup = parseDuration("10s");
    long timeout = parseDuration("30s");
    long ramp = 0;
    long seed = System.nanoTime();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("-h") || name.equals("--help")) {
        throw new IllegalArgumentException("");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String v = args[++i];
      try {
        switch (name) {
          case "--url" -> urls = Arrays.stream(v.split(",")).map(String::strip)
              .map(u -> URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u)).toList();
          case "--acked" -> acked = v;
          case "--api-key" -> apiKey = v;
          case "--concurrency" -> concurrency = Integer.parseInt(v);
          case "--rate" -> rate = Double.parseDouble(v);
          case "--duration" -> duration = parseDuration(v);
          case "--warmup" -> warmup = parseDuration(v);
          case "--lines" -> lines = Integer.parseInt(v);
          case "--hot-skus" -> hotSkus = Integer.parseInt(v);
          case "--hot-share" -> hotShare = Double.parseDouble(v);
          case "--skus" -> skus = Integer.parseInt(v);
          case "--out" -> out = v;
          case "--get-path" -> getPath = v;
          case "--timeout" -> timeout = parseDuration(v);
          case "--seed" -> seed = Long.parseLong(v);
          case "--ramp" -> ramp = parseDuration(v);
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ": not a number: " + v);
      }
    }
    if (concurrency < 1 || lines < 1 || hotSkus < 0 || skus <= hotSkus || hotShare < 0 || hotShare > 1 || rate < 0
        || duration <= 0 || warmup < 0 || (hotShare > 0 && hotSkus == 0) || lines > skus - hotSkus
        || (hotShare == 1 && lines > hotSkus) || ramp < 0 || (ramp > 0 && rate == 0)) {
      throw new IllegalArgumentException("an option is out of range");
    }
    if (getPath == null && apiKey == null) {
      throw new IllegalArgumentException("--api-key is required to POST orders");
    }
    for (URI url : urls) {
      if (url.getHost() == null || !"http".equals(url.getScheme())) {
        throw new IllegalArgumentException("--url must be http://host:port");
      }
    }
    return new Options(urls, apiKey, concurrency, rate, duration, warmup, lines, hotSkus, hotShare, skus, out, getPath,
        Math.max(1, timeout / 1_000_000), seed, acked, ramp);
  }

  /** {@code 30s}, {@code 2m}, {@code 500ms} or plain seconds, in nanoseconds. */
  static long parseDuration(String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    double unit = 1e9;
    if (v.endsWith("ms")) {
      unit = 1e6;
      v = v.substring(0, v.length() - 2);
    } else if (v.endsWith("s")) {
      v = v.substring(0, v.length() - 1);
    } else if (v.endsWith("m")) {
      unit = 60e9;
      v = v.substring(0, v.length() - 1);
    }
    try {
      return (long) (Double.parseDouble(v) * unit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: " + s);
    }
  }

  /** The first node. */
  URI url() {
    return urls.get(0);
  }

  boolean openModel() {
    return rate > 0;
  }
}
