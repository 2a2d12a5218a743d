package dev.aisle.bench;

import java.util.SplittableRandom;

/**
 * The Black Friday order mix: each line is, with probability {@code hotShare}, one of the first {@code hotSkus} demo
 * SKUs (the doorbusters), else uniform over the rest; ship-to is a random point within ~10 km of one of 20 US metros
 * (the points of bench/availability.lua). Not thread-safe: used on the generator's one event loop.
 *
 * <p>Cheap by construction: every constant piece of JSON (the SKU lines, each metro's address up to the coordinates)
 * is encoded once; a body is a few appends to a reused {@link StringBuilder}.
 */
final class Workload {

  /** lat, lon, city, region, postalCode of the metro centres. */
  private static final String[][] METROS = {
      {"40.7128", "-74.0060", "New York", "NY", "10007"}, {"34.0522", "-118.2437", "Los Angeles", "CA", "90012"},
      {"41.8781", "-87.6298", "Chicago", "IL", "60602"}, {"29.7604", "-95.3698", "Houston", "TX", "77002"},
      {"33.4484", "-112.0740", "Phoenix", "AZ", "85003"}, {"39.9526", "-75.1652", "Philadelphia", "PA", "19107"},
      {"29.4241", "-98.4936", "San Antonio", "TX", "78205"}, {"32.7157", "-117.1611", "San Diego", "CA", "92101"},
      {"32.7767", "-96.7970", "Dallas", "TX", "75201"}, {"37.3382", "-121.8863", "San Jose", "CA", "95113"},
      {"30.2672", "-97.7431", "Austin", "TX", "78701"}, {"47.6062", "-122.3321", "Seattle", "WA", "98104"},
      {"39.7392", "-104.9903", "Denver", "CO", "80202"}, {"42.3601", "-71.0589", "Boston", "MA", "02108"},
      {"33.7490", "-84.3880", "Atlanta", "GA", "30303"}, {"25.7617", "-80.1918", "Miami", "FL", "33130"},
      {"44.9778", "-93.2650", "Minneapolis", "MN", "55401"}, {"45.5152", "-122.6784", "Portland", "OR", "97204"},
      {"36.1699", "-115.1398", "Las Vegas", "NV", "89101"}, {"38.9072", "-77.0369", "Washington", "DC", "20004"},
  };

  private final SplittableRandom rnd;
  private final int hotSkus;
  private final double hotShare;
  private final int skus;
  private final int lines;
  private final String runId;
  private final String[] skuNames;
  private final String[] lineJson;
  private final String[] metroJson;
  private final double[] lat = new double[METROS.length];
  private final double[] lon = new double[METROS.length];
  private final int[] picked;
  private final StringBuilder sb = new StringBuilder(1024);
  private long seq;

  // what the last next*() call produced, for the request headers and GET placeholders
  String key;
  String firstSku;
  double shipLat;
  double shipLon;

  Workload(Options o, String runId) {
    this.rnd = new SplittableRandom(o.seed());
    this.hotSkus = o.hotSkus();
    this.hotShare = o.hotShare();
    this.skus = o.skus();
    this.lines = o.lines();
    this.runId = runId;
    this.picked = new int[lines];
    skuNames = new String[skus + 1];
    lineJson = new String[skus + 1];
    for (int i = 1; i <= skus; i++) {
      skuNames[i] = String.format("SKU-%05d", i);
      lineJson[i] = "{\"sku\":\"" + skuNames[i] + "\",\"quantity\":1,\"method\":\"ship\"}";
    }
    metroJson = new String[METROS.length];
    for (int m = 0; m < METROS.length; m++) {
      String[] x = METROS[m];
      lat[m] = Double.parseDouble(x[0]);
      lon[m] = Double.parseDouble(x[1]);
      metroJson[m] = "\"line1\":\"" + (1 + m) + " Main St\",\"city\":\"" + x[2] + "\",\"region\":\"" + x[3]
          + "\",\"postalCode\":\"" + x[4] + "\",\"country\":\"US\",";
    }
  }

  /** One SKU number by the hot/uniform mix. */
  int nextSku() {
    if (hotSkus > 0 && rnd.nextDouble() < hotShare) {
      return 1 + rnd.nextInt(hotSkus);
    }
    return hotSkus + 1 + rnd.nextInt(skus - hotSkus);
  }

  String skuName(int skuNo) {
    return skuNames[skuNo];
  }

  /** Draws the next ship-to point; sets {@link #shipLat}, {@link #shipLon} and returns the metro index. */
  int nextPoint() {
    int m = rnd.nextInt(METROS.length);
    shipLat = lat[m] + (rnd.nextDouble() - 0.5) * 0.2;
    shipLon = lon[m] + (rnd.nextDouble() - 0.5) * 0.2;
    return m;
  }

  /** The next order's JSON body; {@link #key} becomes its unique external id (also used as Idempotency-Key). */
  String nextOrder() {
    long n = ++seq;
    key = "B-" + runId + "-" + n;
    int m = nextPoint();
    long customer = 1 + rnd.nextInt(1_000_000);
    sb.setLength(0);
    sb.append("{\"externalId\":\"").append(key)
        .append("\",\"customer\":{\"id\":\"C-").append(customer).append("\",\"name\":\"Bench Customer ")
        .append(customer).append("\",\"email\":\"c").append(customer).append("@example.com\"},")
        .append("\"shipTo\":{\"name\":\"Bench Customer ").append(customer).append("\",").append(metroJson[m])
        .append("\"lat\":");
    fixed4(shipLat);
    sb.append(",\"lon\":");
    fixed4(shipLon);
    sb.append("},\"lines\":[");
    for (int i = 0; i < lines; i++) {
      int sku = nextSku();
      for (int j = 0; j < i; j++) {
        if (picked[j] == sku) { // the same SKU twice in one order would be one line of quantity 2: draw again
          sku = nextSku();
          j = -1;
        }
      }
      picked[i] = sku;
      if (i > 0) {
        sb.append(',');
      }
      sb.append(lineJson[sku]);
    }
    firstSku = skuNames[picked[0]];
    return sb.append("]}").toString();
  }

  /** A GET path from a template with {sku}, {lat}, {lon}. */
  String nextPath(String template) {
    key = runId + "-" + (++seq);
    firstSku = skuNames[nextSku()];
    nextPoint();
    sb.setLength(0);
    fixed4(shipLat);
    String la = sb.toString();
    sb.setLength(0);
    fixed4(shipLon);
    String lo = sb.toString();
    return template.replace("{sku}", firstSku).replace("{lat}", la).replace("{lon}", lo);
  }

  /** Appends {@code v} with 4 decimals, without String.format. */
  private void fixed4(double v) {
    long t = Math.round(v * 10_000);
    if (t < 0) {
      sb.append('-');
      t = -t;
    }
    long frac = t % 10_000;
    sb.append(t / 10_000).append('.');
    if (frac < 1000) {
      sb.append('0');
    }
    if (frac < 100) {
      sb.append('0');
    }
    if (frac < 10) {
      sb.append('0');
    }
    sb.append(frac);
  }
}
