package dev.aisle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Turns the JSON results of one benchmark run into {@code <dir>/report.md} with one latency-over-time chart (SVG)
 * per scenario. Usage: {@code Report <dir> <title> <name>=<result.json> ... [invariants=<file>]}; a result is a
 * CaptureBench or DeviceBench JSON (its {@code timeline} is drawn); {@code classic-<name>=<json>} is the pgbench
 * baseline of scenario {@code <name>} (from report.py), shown after it with the throughput ratio; {@code
 * invariants=<file>} is the invariant checker's output, quoted at the end.
 */
public final class Report {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLASSIC = "classic-";
  /** {@code classic-full-<name>}: the classic design writing every row Aisle writes (bench/classic/order-full.sql). */
  private static final String FULL = "full-";
  private static final int W = 760;
  private static final int H = 260;
  private static final int PAD_L = 66;
  private static final int PAD_R = 56;
  private static final int PAD_T = 24;
  private static final int PAD_B = 34;

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: Report <dir> <title> <name>=<result.json> ... [classic-<name>=<json>] "
          + "[invariants=<file>]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    StringBuilder md = new StringBuilder("# ").append(args[1]).append("\n\n");
    md.append("| scenario | what | answered/s | ok/s | p50 ms | p99 ms | p99.9 ms | max ms | not ok | errors |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    List<String> charts = new ArrayList<>();
    Map<String, JsonNode> results = new LinkedHashMap<>();
    String invariants = null;
    for (int i = 2; i < args.length; i++) {
      String name = args[i].substring(0, args[i].indexOf('='));
      Path file = Path.of(args[i].substring(name.length() + 1));
      if (name.equals("invariants")) {
        invariants = Files.readString(file);
        continue;
      }
      JsonNode r = JSON.readTree(file.toFile());
      results.put(name, r);
      if (name.startsWith(CLASSIC)) {
        String scenario = name.substring(CLASSIC.length());
        boolean full = scenario.startsWith(FULL);
        classicRow(md, name, r, results.get(full ? scenario.substring(FULL.length()) : scenario), full);
        continue;
      }
      row(md, name, r);
      if (r.has("timeline")) {
        Files.writeString(dir.resolve(name + ".svg"), chart(name, r.get("timeline")));
        charts.add(name);
      }
    }
    md.append("\nClassic: the same orders placed the classic way (one PostgreSQL transaction: conditional `UPDATE … "
        + "WHERE on_hand - reserved - safety >= 1` per line plus the inserts, pgbench, same concurrency, same "
        + "database): `classic-` inserts the order and its lines, `classic-full-` every row Aisle writes for it "
        + "(allocations, events, the routing decision, store tasks, task lines, feed events); a classic order "
        + "commits even when a line is out of stock, so its rate compares with Aisle's answered/s, and the ratio "
        + "column gives both: answered/s and 201/s over classic commits/s.\n");
    md.append("\nLatency runs from each request's intended send time (open model) or from the previous answer "
        + "(closed loop); devices: order accepted → task on the handheld.\n");
    for (String name : charts) {
      md.append("\n## ").append(name).append("\n\n![").append(name).append(" latency over time](").append(name)
          .append(".svg)\n");
    }
    if (invariants != null) {
      md.append("\n## Invariants after the run\n\n```\n").append(invariants.strip()).append("\n```\n");
    }
    Files.writeString(dir.resolve("report.md"), md);
    System.out.println("wrote " + dir.resolve("report.md"));
  }

  private static void classicRow(StringBuilder md, String name, JsonNode classic, JsonNode aisle, boolean full) {
    JsonNode lat = classic.path("latencyMs");
    double tps = classic.path("tps").asDouble();
    String ratio = aisle == null || tps == 0 ? "" : String.format(Locale.ROOT, " (Aisle: %.2f× answered, %.2f× 201)",
        aisle.path("completedPerS").asDouble() / tps, aisle.path("okPerS").asDouble() / tps);
    md.append(String.format(Locale.ROOT, "| %s | pgbench, %d clients%s%s | %.0f | %.0f | %s | %s | %s | %s | %d | %d |%n",
        name, classic.path("clients").asInt(), full ? ", every row Aisle writes" : ", order and lines", ratio, tps, tps, num(lat, "p50"), num(lat, "p99"), num(lat, "p99.9"),
        num(lat, "max"), classic.path("db").path("ordersWithBackorderedLine").asLong(), classic.path("failed").asLong()));
  }

  private static void row(StringBuilder md, String name, JsonNode r) {
    JsonNode lat = r.path("latencyMs");
    JsonNode counts = r.path("counts");
    double seconds = r.path("durationS").asDouble(1);
    if (counts.has("expectedDeliveries")) { // DeviceBench: deliveries to handhelds, not HTTP answers
      md.append(String.format(Locale.ROOT, "| %s | %s; %d handhelds, %.0f orders/s | %.0f | %.0f | %s | %s | %s | %s | "
              + "%d missing, %d duplicated | %d |%n", name, r.path("what").asText(), r.path("devices").asInt(),
          r.path("ordersPerS").asDouble(), counts.path("deliveries").asDouble() / seconds,
          counts.path("deliveries").asDouble() / seconds, num(lat, "p50"), num(lat, "p99"), num(lat, "p99.9"),
          num(lat, "max"), counts.path("missingDeliveries").asLong(), counts.path("duplicates").asLong(),
          counts.path("transportErrors").asLong()));
      return;
    }
    long notOk = 0;
    var fields = counts.fields();
    while (fields.hasNext()) {
      var f = fields.next();
      if (!f.getKey().equals("200") && !f.getKey().equals("201") && !f.getKey().equals("errors")
          && f.getValue().isNumber()) {
        notOk += f.getValue().asLong();
      }
    }
    String what = r.path("method").asText() + " (" + r.path("model").asText()
        + (r.path("targetRate").isNumber() ? " " + r.path("targetRate").asInt() + "/s" : "")
        + (r.path("rampS").asDouble() > 0 ? ", ramp " + r.path("rampS").asInt() + " s" : "") + ")";
    md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %s | %s | %s | %s | %d | %d |%n", name, what,
        r.path("completedPerS").asDouble(), r.path("okPerS").asDouble(), num(lat, "p50"), num(lat, "p99"),
        num(lat, "p99.9"), num(lat, "max"), notOk, counts.path("errors").asLong()));
  }

  private static String num(JsonNode n, String field) {
    return n.has(field) ? String.format(Locale.ROOT, "%.1f", n.get(field).asDouble()) : "";
  }

  /** p50 and p99 per second (lines, left axis, ms) over answers per second (bars, right axis); warm-up shaded. */
  static String chart(String title, JsonNode timeline) {
    int n = Math.max(1, timeline.size());
    double maxMs = 1;
    double maxRate = 1;
    for (JsonNode b : timeline) {
      maxMs = Math.max(maxMs, b.path("p99").asDouble());
      maxRate = Math.max(maxRate, ok(b) + notOk(b));
    }
    maxMs = nice(maxMs);
    maxRate = nice(maxRate);
    double pw = W - PAD_L - PAD_R;
    double ph = H - PAD_T - PAD_B;
    double bw = pw / n;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", W, H, W, H));
    s.append("<title>").append(title).append(": latency (p50, p99) and answers per second over time</title>\n");
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    for (int i = 0; i < n; i++) {
      JsonNode b = timeline.get(i);
      double x = PAD_L + i * bw;
      if (b.path("warmup").asBoolean()) {
        s.append(rect(x, PAD_T, bw, ph, "#f0f0f0"));
      }
      double ok = ok(b);
      double bad = notOk(b);
      double hOk = ok / maxRate * ph;
      double hBad = bad / maxRate * ph;
      s.append(rect(x, PAD_T + ph - hOk, Math.max(0.5, bw - 0.5), hOk, "#cfe0f3"));
      s.append(rect(x, PAD_T + ph - hOk - hBad, Math.max(0.5, bw - 0.5), hBad, "#f4b6b6"));
    }
    for (String p : new String[] {"p50", "p99"}) {
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < n; i++) {
        JsonNode v = timeline.get(i).get(p);
        if (v == null || v.isNull()) {
          continue;
        }
        double x = PAD_L + (i + 0.5) * bw;
        double y = PAD_T + ph - Math.min(1, v.asDouble() / maxMs) * ph;
        path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
      }
      s.append(String.format("<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"/>%n", path,
          p.equals("p50") ? "#1a7f37" : "#c62828"));
    }
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>%n",
        PAD_L, PAD_T + ph, PAD_L + pw, PAD_T + ph));
    for (int k = 0; k <= 4; k++) {
      double y = PAD_T + ph - k * ph / 4;
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
          PAD_L, y, PAD_L + pw, y));
      s.append(text(PAD_L - 4, y + 4, "end", fmt(maxMs * k / 4) + " ms"));
      s.append(text(PAD_L + pw + 4, y + 4, "start", fmt(maxRate * k / 4) + "/s"));
    }
    int step = Math.max(1, (int) nice(n / 8.0));
    for (int i = 0; i <= n; i += step) {
      s.append(text(PAD_L + i * bw, PAD_T + ph + 14, "middle", i + " s"));
    }
    s.append(text(PAD_L, 14, "start", title + ": p50 (green), p99 (red) latency; answers/s ok (blue), not ok (pink); "
        + "warm-up shaded"));
    s.append("</svg>\n");
    return s.toString();
  }

  /** A second's successes: 201 for orders, 200 for lookups, deliveries for devices (see {@link Timeline}). */
  private static double ok(JsonNode second) {
    return second.path("201").asDouble() + second.path("200").asDouble() + second.path("delivered").asDouble();
  }

  private static double notOk(JsonNode second) {
    return second.path("409").asDouble() + second.path("503").asDouble() + second.path("other").asDouble()
        + second.path("errors").asDouble();
  }

  private static String rect(double x, double y, double w, double h, String fill) {
    return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
        x, y, w, h, fill);
  }

  private static String text(double x, double y, String anchor, String text) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n", x, y, anchor,
        text.replace("&", "&amp;").replace("<", "&lt;"));
  }

  private static String fmt(double v) {
    return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  /** 1, 2 or 5 times a power of ten, at least {@code v}. */
  static double nice(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }
}
