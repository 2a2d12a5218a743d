package dev.aisle.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latency over time: one bucket per second of the run (warm-up included, so a chart shows the ramp and recovery),
 * each with its answers by outcome and a small histogram. Not thread-safe: record from one thread (the generators
 * record on their single event loop). {@link #toJson()} is what {@link Report} draws.
 */
final class Timeline {

  private static final long HIGHEST_MICROS = 600_000_000L;

  private final long t0;
  private final long warmupNs;
  private final List<Bucket> buckets = new ArrayList<>();

  /** {@code t0} is the run's start (nanoTime); seconds before {@code t0 + warmupNs} are marked as warm-up. */
  Timeline(long t0, long warmupNs) {
    this.t0 = t0;
    this.warmupNs = warmupNs;
  }

  /** One answer completed at {@code now} (nanoTime): its latency and whether it was the expected success. */
  void record(long now, long micros, boolean ok) {
    Bucket b = bucket(now);
    b.latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, micros)));
    if (ok) {
      b.ok++;
    } else {
      b.failed++;
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

  /** [{s, warmup, ok, failed, errors, p50, p99, max}] with latencies in ms. */
  List<Map<String, Object>> toJson() {
    List<Map<String, Object>> out = new ArrayList<>(buckets.size());
    for (int s = 0; s < buckets.size(); s++) {
      Bucket b = buckets.get(s);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("s", s);
      m.put("warmup", s * 1_000_000_000L < warmupNs);
      m.put("ok", b.ok);
      m.put("failed", b.failed);
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
    final Histogram latency = new Histogram(HIGHEST_MICROS, 2);
    long ok;
    long failed;
    long errors;
  }
}
