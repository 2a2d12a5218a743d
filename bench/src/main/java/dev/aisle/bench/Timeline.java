package dev.aisle.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latency over time: one bucket per second of the run (warm-up included, so a chart shows the ramp and recovery),
 * each with its answers by outcome (the success key, e.g. {@code 201}; {@code 409}; {@code 503}; {@code other};
 * {@code errors}: no answer) and a small latency histogram. Not thread-safe: record from one thread (the generators
 * record on their single event loop). {@link #toJson()} is what {@link Report} draws and {@code faults_report.py}
 * reads (it lines seconds up with a fault by {@code at}, the epoch second).
 */
final class Timeline {

  private final long t0;
  private final long t0EpochMs = System.currentTimeMillis();
  private final long warmupNs;
  private final String okKey;
  private final List<Bucket> buckets = new ArrayList<>();

  /**
   * {@code t0} is the run's start (nanoTime); seconds before {@code t0 + warmupNs} are marked as warm-up; {@code okKey}
   * names the success (e.g. {@code "201"}).
   */
  Timeline(long t0, long warmupNs, String okKey) {
    this.t0 = t0;
    this.warmupNs = warmupNs;
    this.okKey = okKey;
  }

  /** One answer completed at {@code now} (nanoTime): its latency and its HTTP status ({@code ok} when a success). */
  void record(long now, long micros, int status, boolean ok) {
    Bucket b = bucket(now);
    b.latency.recordValue(Math.min(Latencies.HIGHEST_MICROS, Math.max(0, micros)));
    if (ok) {
      b.ok++;
    } else if (status == 409) {
      b.conflict++;
    } else if (status == 503) {
      b.unavailable++;
    } else {
      b.other++;
    }
  }

  /** A request that got no answer at all (transport error or timeout) at {@code now}. */
  void error(long now) {
    bucket(now).errors++;
  }

  private Bucket bucket(long now) {
    int second = (int) Math.max(0, (now - t0) / 1_000_000_000L);
    while (buckets.size() <= second) {
      buckets.add(new Bucket());
    }
    return buckets.get(second);
  }

  /** [{s, at, warmup, <okKey>, 409, 503, other, errors, p50, p99, max}] with latencies in ms. */
  List<Map<String, Object>> toJson() {
    List<Map<String, Object>> out = new ArrayList<>(buckets.size());
    for (int s = 0; s < buckets.size(); s++) {
      Bucket b = buckets.get(s);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("s", s);
      m.put("at", t0EpochMs / 1000 + s);
      m.put("warmup", s * 1_000_000_000L < warmupNs);
      m.put(okKey, b.ok);
      m.put("409", b.conflict);
      m.put("503", b.unavailable);
      m.put("other", b.other);
      m.put("errors", b.errors);
      boolean any = b.latency.getTotalCount() > 0;
      m.put("p50", any ? b.latency.getValueAtPercentile(50) / 1000.0 : null);
      m.put("p99", any ? b.latency.getValueAtPercentile(99) / 1000.0 : null);
      m.put("max", any ? b.latency.getMaxValue() / 1000.0 : null);
      out.add(m);
    }
    return out;
  }

  private static final class Bucket {
    final Histogram latency = new Histogram(Latencies.HIGHEST_MICROS, 2);
    long ok;
    long conflict;
    long unavailable;
    long other;
    long errors;
  }
}
