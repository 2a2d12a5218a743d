package dev.aisle.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** How the generators record latencies (µs HdrHistograms) and print and store their percentiles (ms). */
final class Latencies {

  /** The largest latency a histogram records; longer ones count as this. */
  static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

  private Latencies() {
  }

  /** {count, p50, p90, p99, p99.9, max, mean} in ms, for the JSON results. */
  static Map<String, Object> percentiles(Histogram h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", h.getTotalCount());
    m.put("p50", ms(h, 50));
    m.put("p90", ms(h, 90));
    m.put("p99", ms(h, 99));
    m.put("p99.9", ms(h, 99.9));
    m.put("max", round(h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0));
    m.put("mean", round(h.getTotalCount() == 0 ? 0 : h.getMean() / 1000.0));
    return m;
  }

  /** One summary line on the console. */
  static void line(String label, Histogram h) {
    System.out.printf(Locale.ROOT, "  %-18s p50 %7.2f  p90 %7.2f  p99 %7.2f  p99.9 %7.2f  max %8.2f  (n=%d)%n", label,
        ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0,
        h.getTotalCount());
  }

  static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : round(h.getValueAtPercentile(percentile) / 1000.0);
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
