package dev.aisle.server.demo;

import dev.aisle.api.Address;
import dev.aisle.api.Capability;
import dev.aisle.api.Location;
import dev.aisle.api.LocationType;
import dev.aisle.api.Product;
import dev.aisle.server.inventory.StockRow;
import dev.aisle.server.network.GeoPoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The seeded demo network: about 200 stores in 54 US metro areas, 3 DCs, 5,000 products and ~420k stock
 * positions. The same seed always gives the same {@link DemoData} (one {@link SplittableRandom}, split once per
 * phase in a fixed order; everything iterated in list or sorted order, never in hash order).
 *
 * <h2>Stores</h2>
 * {@code S001..S200} at real places: for each metro (hard-coded centre, bigger metros get more stores, 2..8)
 * distinct ZCTAs of {@code <configDir>/geo/us-places.csv} within {@value #METRO_RADIUS_KM} km of the centre are
 * picked at random, preferring towns that have no store yet. So a customer in any of those metros has several
 * pickup stores within 50 km. City, state, zip and coordinates are real (Census ZCTA centroid); the street line
 * is made up. Every store can {@code pickup}; ~85% can also {@code ship} and {@code ship-to-store}. Timezone is the
 * state's main one.
 *
 * <h2>DCs</h2>
 * {@code DC-EAST} (Groveport, near Columbus OH), {@code DC-CENTRAL} (near DFW airport TX), {@code DC-WEST}
 * (Sparks, near Reno NV): {@code ship} only, 24/7, capacity 20,000 a day, priority 10.
 *
 * <h2>Catalog</h2>
 * {@code SKU-00001..SKU-05000}, brand + adjective + noun in 12 categories, valid unique UPC-A (one GS1-style
 * company prefix per brand), prices 0.99..499.99 USD skewed low, ending in .99 or .49.
 *
 * <h2>Stock</h2>
 * DCs carry ~97% of the catalog, 50..5,000 each (log-uniform). Each store carries ~40% of the catalog (a product
 * has a breadth 10..70%, a store a factor 0.85..1.15). Among a store's carried positions: ~10% zero, ~70% 1..12,
 * ~15% 13..40, ~5% overstock 100..600; safety stock 0..2. feedSeq 0, version 1; a bin
 * A01-01..A24-12 each ({@link #bin}).
 *
 * <p><b>Doorbusters</b>: {@code SKU-00001..SKU-00008} ({@link #DOORBUSTERS}) are carried by every store with only
 * 1..5 units each and no safety stock, and by every DC with 50..300: the hot SKUs a peak sale fights over.
 */
public final class DemoNetwork {

  public static final String PLACES_FILE = "geo/us-places.csv";
  public static final double METRO_RADIUS_KM = 40.0;
  public static final int PRODUCT_COUNT = 5_000;

  /** SKUs carried everywhere in small quantities. */
  public static final List<String> DOORBUSTERS = List.of(
      "SKU-00001", "SKU-00002", "SKU-00003", "SKU-00004", "SKU-00005", "SKU-00006", "SKU-00007", "SKU-00008");

  private DemoNetwork() {}

  /** A metro area: centre and how many stores it gets. */
  record Metro(String city, String state, double lat, double lon, int stores) {
    GeoPoint centre() {
      return new GeoPoint(lat, lon);
    }
  }

  /** The metros the stores are spread over (sum of stores: 200), biggest first. */
  static final List<Metro> METROS = List.of(
      new Metro("New York", "NY", 40.7128, -74.0060, 8),
      new Metro("Los Angeles", "CA", 34.0522, -118.2437, 8),
      new Metro("Chicago", "IL", 41.8781, -87.6298, 7),
      new Metro("Dallas", "TX", 32.7767, -96.7970, 6),
      new Metro("Houston", "TX", 29.7604, -95.3698, 6),
      new Metro("Washington", "DC", 38.9072, -77.0369, 6),
      new Metro("Philadelphia", "PA", 39.9526, -75.1652, 5),
      new Metro("Miami", "FL", 25.7617, -80.1918, 5),
      new Metro("Atlanta", "GA", 33.7490, -84.3880, 6),
      new Metro("Boston", "MA", 42.3601, -71.0589, 5),
      new Metro("Phoenix", "AZ", 33.4484, -112.0740, 6),
      new Metro("San Francisco", "CA", 37.7749, -122.4194, 5),
      new Metro("Seattle", "WA", 47.6062, -122.3321, 5),
      new Metro("Riverside", "CA", 33.9533, -117.3962, 4),
      new Metro("Detroit", "MI", 42.3314, -83.0458, 4),
      new Metro("Minneapolis", "MN", 44.9778, -93.2650, 4),
      new Metro("San Diego", "CA", 32.7157, -117.1611, 4),
      new Metro("Tampa", "FL", 27.9506, -82.4572, 4),
      new Metro("Denver", "CO", 39.7392, -104.9903, 4),
      new Metro("Orlando", "FL", 28.5383, -81.3792, 4),
      new Metro("Charlotte", "NC", 35.2271, -80.8431, 4),
      new Metro("San Antonio", "TX", 29.4241, -98.4936, 4),
      new Metro("Portland", "OR", 45.5152, -122.6784, 4),
      new Metro("Austin", "TX", 30.2672, -97.7431, 4),
      new Metro("San Jose", "CA", 37.3382, -121.8863, 4),
      new Metro("Baltimore", "MD", 39.2904, -76.6122, 3),
      new Metro("St. Louis", "MO", 38.6270, -90.1994, 3),
      new Metro("Sacramento", "CA", 38.5816, -121.4944, 3),
      new Metro("Pittsburgh", "PA", 40.4406, -79.9959, 3),
      new Metro("Las Vegas", "NV", 36.1699, -115.1398, 3),
      new Metro("Cincinnati", "OH", 39.1031, -84.5120, 3),
      new Metro("Kansas City", "MO", 39.0997, -94.5786, 3),
      new Metro("Columbus", "OH", 39.9612, -82.9988, 3),
      new Metro("Indianapolis", "IN", 39.7684, -86.1581, 3),
      new Metro("Cleveland", "OH", 41.4993, -81.6944, 3),
      new Metro("Nashville", "TN", 36.1627, -86.7816, 3),
      new Metro("Virginia Beach", "VA", 36.8529, -75.9780, 3),
      new Metro("Jacksonville", "FL", 30.3322, -81.6557, 3),
      new Metro("Milwaukee", "WI", 43.0389, -87.9065, 3),
      new Metro("Raleigh", "NC", 35.7796, -78.6382, 3),
      new Metro("Salt Lake City", "UT", 40.7608, -111.8910, 3),
      new Metro("Providence", "RI", 41.8240, -71.4128, 2),
      new Metro("Oklahoma City", "OK", 35.4676, -97.5164, 2),
      new Metro("Memphis", "TN", 35.1495, -90.0490, 2),
      new Metro("Louisville", "KY", 38.2527, -85.7585, 2),
      new Metro("New Orleans", "LA", 29.9511, -90.0715, 2),
      new Metro("Richmond", "VA", 37.5407, -77.4360, 2),
      new Metro("Hartford", "CT", 41.7658, -72.6734, 2),
      new Metro("Buffalo", "NY", 42.8864, -78.8784, 2),
      new Metro("Birmingham", "AL", 33.5186, -86.8104, 2),
      new Metro("Albuquerque", "NM", 35.0844, -106.6504, 2),
      new Metro("Omaha", "NE", 41.2565, -95.9345, 2),
      new Metro("Honolulu", "HI", 21.3069, -157.8583, 2),
      new Metro("Anchorage", "AK", 61.2181, -149.9003, 2));

  /** Main IANA zone per state (split states take the zone of most of their people). */
  static final Map<String, String> STATE_ZONES;

  static {
    Map<String, String> z = new TreeMap<>();
    for (String s : "CT DE DC FL GA IN KY ME MD MA MI NH NJ NY NC OH PA RI SC VT VA WV".split(" ")) {
      z.put(s, "America/New_York");
    }
    for (String s : "AL AR IL IA KS LA MN MS MO NE ND OK SD TN TX WI".split(" ")) {
      z.put(s, "America/Chicago");
    }
    for (String s : "CO ID MT NM UT WY".split(" ")) {
      z.put(s, "America/Denver");
    }
    z.put("AZ", "America/Phoenix");
    for (String s : "CA NV OR WA".split(" ")) {
      z.put(s, "America/Los_Angeles");
    }
    z.put("HI", "Pacific/Honolulu");
    z.put("AK", "America/Anchorage");
    STATE_ZONES = Collections.unmodifiableMap(z);
  }

  /** A row of us-places.csv. */
  record Place(String zip, String city, String state, double lat, double lon) {}

  /** Generates the network for {@code seed}, reading the places from {@code <configDir>/geo/us-places.csv}. */
  public static DemoData generate(long seed, Path configDir) throws IOException {
    List<Place> places = readPlaces(configDir.resolve(PLACES_FILE));
    SplittableRandom master = new SplittableRandom(seed);
    SplittableRandom productRng = master.split();
    SplittableRandom storeRng = master.split();
    SplittableRandom stockRng = master.split();

    List<Product> products = Catalog.generate(productRng, PRODUCT_COUNT);
    List<Location> locations = new ArrayList<>(stores(storeRng, places));
    locations.addAll(dcs(places));
    List<StockRow> stock = stock(stockRng, products, locations);
    return new DemoData(products, locations, stock);
  }

  static List<Place> readPlaces(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("demo network needs " + file.toAbsolutePath() + " (see config/geo/ATTRIBUTION.md)");
    }
    List<Place> places = new ArrayList<>(34_000);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = in.readLine(); // zip,city,state,lat,lon
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != 5) {
          throw new IOException(file + ": expected zip,city,state,lat,lon but got '" + line + "'");
        }
        places.add(new Place(f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4])));
      }
    }
    places.sort((a, b) -> a.zip().compareTo(b.zip()));
    return places;
  }

  // ---------------------------------------------------------------------------------------------- stores

  private static final String[] STREETS = {
      "Main St", "Market St", "Commerce Blvd", "Oak Ave", "Maple Ave", "Washington St", "Park Ave", "Center St",
      "Broadway", "Elm St", "Lincoln Ave", "Highland Ave", "Plaza Dr", "Town Center Dr", "Union St", "Church St",
      "Summit Ave", "Lake St", "River Rd", "Franklin St"};

  static List<Location> stores(SplittableRandom rng, List<Place> places) {
    Set<String> usedZips = new HashSet<>();
    Set<String> usedCities = new HashSet<>();
    Map<String, Integer> nameCount = new HashMap<>();
    List<Location> stores = new ArrayList<>();
    for (Metro metro : METROS) {
      GeoPoint centre = metro.centre();
      List<Place> candidates = new ArrayList<>();
      double latSpan = METRO_RADIUS_KM / 111.0;
      for (Place p : places) {
        if (Math.abs(p.lat() - metro.lat()) <= latSpan && !usedZips.contains(p.zip())
            && GeoPoint.distanceKm(metro.lat(), metro.lon(), p.lat(), p.lon()) <= METRO_RADIUS_KM) {
          candidates.add(p);
        }
      }
      shuffle(candidates, rng);
      List<Place> picked = new ArrayList<>();
      for (Place p : candidates) { // first pass: towns without a store yet
        if (picked.size() < metro.stores() && usedCities.add(p.city() + "|" + p.state())) {
          picked.add(p);
        }
      }
      for (Place p : candidates) {
        if (picked.size() < metro.stores() && !picked.contains(p)) {
          picked.add(p);
        }
      }
      picked.sort((a, b) -> Double.compare(centre.distanceKm(new GeoPoint(a.lat(), a.lon())),
          centre.distanceKm(new GeoPoint(b.lat(), b.lon()))));
      for (Place p : picked) {
        usedZips.add(p.zip());
        String base = "Aisle " + p.city() + " " + p.state();
        int n = nameCount.merge(base, 1, Integer::sum);
        String name = n == 1 ? base : base + " #" + n;
        String id = String.format("S%03d", stores.size() + 1);
        Address address = new Address((1 + rng.nextInt(9_899)) + " " + STREETS[rng.nextInt(STREETS.length)],
            p.city(), p.state(), p.zip(), "US");
        Set<Capability> caps = rng.nextDouble() < 0.85
            ? EnumSet.of(Capability.SHIP, Capability.PICKUP, Capability.SHIP_TO_STORE)
            : EnumSet.of(Capability.PICKUP);
        String zone = STATE_ZONES.getOrDefault(p.state(), "America/New_York");
        int capacity = 80 + 10 * rng.nextInt(33); // 80..400
        int priority = rng.nextInt(6);
        stores.add(new Location(id, LocationType.STORE, name, p.lat(), p.lon(), address,
            Collections.unmodifiableSet(caps), storeHours(rng), zone, capacity, priority, true));
      }
    }
    return stores;
  }

  private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

  static Map<String, String> storeHours(SplittableRandom rng) {
    Map<String, String> h = new LinkedHashMap<>();
    double r = rng.nextDouble();
    if (r < 0.04) {
      for (String d : DAYS) {
        h.put(d, "00:00-24:00");
      }
      return Collections.unmodifiableMap(h);
    }
    String[] opens = {"08:00", "09:00", "09:00", "09:00", "10:00"};
    String[] closes = {"20:00", "21:00", "21:00", "21:00", "22:00"};
    String weekday = opens[rng.nextInt(opens.length)] + "-" + closes[rng.nextInt(closes.length)];
    String[] saturdays = {weekday, weekday, "09:00-21:00", "09:00-22:00", "10:00-21:00"};
    String[] sundays = {"10:00-18:00", "10:00-18:00", "10:00-19:00", "11:00-19:00", "10:00-20:00", "11:00-18:00"};
    for (int i = 0; i < 5; i++) {
      h.put(DAYS[i], weekday);
    }
    h.put("sat", saturdays[rng.nextInt(saturdays.length)]);
    h.put("sun", rng.nextDouble() < 0.03 ? "closed" : sundays[rng.nextInt(sundays.length)]);
    return Collections.unmodifiableMap(h);
  }

  static List<Location> dcs(List<Place> places) {
    List<Location> dcs = new ArrayList<>();
    dcs.add(dc("DC-EAST", "East", 39.8500, -82.9000, "4400 Logistics Pkwy", places));     // Groveport, Columbus OH
    dcs.add(dc("DC-CENTRAL", "Central", 32.9700, -97.0500, "2100 Freight Dr", places));  // Coppell, DFW TX
    dcs.add(dc("DC-WEST", "West", 39.5400, -119.7200, "1500 Distribution Way", places)); // Sparks, Reno NV
    return dcs;
  }

  private static Location dc(String id, String label, double lat, double lon, String line1, List<Place> places) {
    Place best = null;
    double bestKm = Double.MAX_VALUE;
    for (Place p : places) {
      double km = GeoPoint.distanceKm(lat, lon, p.lat(), p.lon());
      if (km < bestKm) {
        best = p;
        bestKm = km;
      }
    }
    if (best == null) {
      throw new IllegalStateException("no places to put " + id);
    }
    Map<String, String> hours = new LinkedHashMap<>();
    for (String d : DAYS) {
      hours.put(d, "00:00-24:00");
    }
    return new Location(id, LocationType.DC, "Aisle DC " + label + " (" + best.city() + " " + best.state() + ")",
        best.lat(), best.lon(), new Address(line1, best.city(), best.state(), best.zip(), "US"),
        Collections.unmodifiableSet(EnumSet.of(Capability.SHIP)), Collections.unmodifiableMap(hours),
        STATE_ZONES.getOrDefault(best.state(), "America/New_York"), 20_000, 10, true);
  }

  // ----------------------------------------------------------------------------------------------- stock

  static List<StockRow> stock(SplittableRandom rng, List<Product> products, List<Location> locations) {
    Set<String> doorbusters = Set.copyOf(DOORBUSTERS);
    int n = products.size();
    double[] breadth = new double[n];
    for (int i = 0; i < n; i++) {
      breadth[i] = 0.10 + 0.60 * rng.nextDouble();
    }
    List<StockRow> rows = new ArrayList<>(n * locations.size() * 2 / 5 + n * 3);
    for (Location loc : locations) {
      String lid = loc.id();
      if (loc.type() == LocationType.DC) {
        for (Product p : products) {
          if (doorbusters.contains(p.sku())) {
            rows.add(position(p, lid, 50 + rng.nextInt(251), 0));
          } else if (rng.nextDouble() < 0.97) {
            rows.add(position(p, lid, logUniform(rng, 50, 5_000), 0));
          }
        }
        continue;
      }
      double factor = 0.85 + 0.30 * rng.nextDouble();
      for (int i = 0; i < n; i++) {
        Product p = products.get(i);
        if (doorbusters.contains(p.sku())) {
          rows.add(position(p, lid, 1 + rng.nextInt(5), 0));
          continue;
        }
        if (rng.nextDouble() >= breadth[i] * factor) {
          continue;
        }
        double r = rng.nextDouble();
        long onHand;
        if (r < 0.10) {
          onHand = 0;
        } else if (r < 0.80) {
          onHand = 1 + (long) (12 * Math.pow(rng.nextDouble(), 1.6)); // 1..12, mostly small
        } else if (r < 0.95) {
          onHand = 13 + rng.nextInt(28); // 13..40
        } else {
          onHand = 100 + rng.nextInt(501); // overstock 100..600
        }
        double s = rng.nextDouble();
        long safety = s < 0.5 ? 0 : s < 0.8 ? 1 : 2;
        rows.add(position(p, lid, onHand, safety));
      }
    }
    return rows;
  }

  /** A demo position: feed sequence 0, version 1, and its bin. */
  private static StockRow position(Product p, String locationId, long onHand, long safety) {
    return new StockRow(p.sku(), locationId, onHand, safety, 0, 1, bin(p.sku(), locationId));
  }

  /** Where a demo position sits: aisle A01..A24, bay 01..12, from the SKU and location (the same on every load). */
  static String bin(String sku, String locationId) {
    int h = (sku + "@" + locationId).hashCode() & 0x7fffffff; // String.hashCode is specified: stable everywhere
    return String.format("A%02d-%02d", 1 + h % 24, 1 + h / 24 % 12);
  }

  // ------------------------------------------------------------------------------------------- helpers

  static long logUniform(SplittableRandom rng, long min, long max) {
    double v = Math.exp(Math.log(min) + rng.nextDouble() * (Math.log(max) - Math.log(min)));
    return Math.max(min, Math.min(max, Math.round(v)));
  }

  static <T> void shuffle(List<T> list, SplittableRandom rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, rng.nextInt(i + 1));
    }
  }

  /** The UPC-A check digit of 11 digits. */
  public static int upcCheckDigit(String first11) {
    int odd = 0;
    int even = 0;
    for (int i = 0; i < 11; i++) {
      int d = first11.charAt(i) - '0';
      if (i % 2 == 0) {
        odd += d;
      } else {
        even += d;
      }
    }
    return (10 - (odd * 3 + even) % 10) % 10;
  }

  /** True when {@code upc} is 12 digits with a correct check digit. */
  public static boolean isValidUpc(String upc) {
    return upc != null && upc.matches("\\d{12}") && upcCheckDigit(upc.substring(0, 11)) == upc.charAt(11) - '0';
  }

  // --------------------------------------------------------------------------------------------- catalog

  /** What a product is, with its typical weight and shelf price. */
  record Noun(String name, int grams, int dollars) {}

  /** A product category: brands, adjectives, nouns and variants its product names are made of. */
  record Category(String name, double share, String[] brands, String[] adjectives, List<Noun> nouns,
                  String[] variants) {}

  private static String[] w(String words) {
    return words.split("\\|");
  }

  /** {@code "name:grams:dollars|..."}. */
  private static List<Noun> nouns(String spec) {
    List<Noun> nouns = new ArrayList<>();
    for (String n : spec.split("\\|")) {
      String[] f = n.split(":");
      nouns.add(new Noun(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2])));
    }
    return List.copyOf(nouns);
  }

  static final List<Category> CATEGORIES = List.of(
      new Category("apparel", 0.14,
          w("Northwind|Harbor & Pine|Loomstead|Urban Thread|Coastline|Everyday Co"),
          w("Classic|Relaxed|Slim-Fit|Organic Cotton|Quilted|Lightweight|Heavyweight|Stretch|Vintage Wash|Performance|Linen|Fleece-Lined|Cropped|Oversized|Ribbed"),
          nouns("T-Shirt:180:15|Hoodie:600:45|Crewneck Sweater:450:55|Chino Pants:500:45|Denim Jacket:900:80|Flannel Shirt:350:35|Polo:250:30|Joggers:400:40|Cardigan:450:60|Rain Jacket:550:90|Puffer Vest:400:70|Leggings:220:30|Oxford Shirt:300:40|Shorts:250:25|Beanie:90:15"),
          w("XS|S|M|L|XL|XXL")),
      new Category("footwear", 0.07,
          w("Stridewell|Trailhead|Cobble & Lace|Summit Step|Easy Strides"),
          w("Waterproof|Cushioned|Leather|Canvas|Slip-On|Lightweight|Trail|Memory Foam|Suede|Breathable|Insulated|Classic"),
          nouns("Running Shoes:650:90|Hiking Boots:1300:130|Sneakers:750:70|Loafers:700:80|Sandals:400:35|Chelsea Boots:1100:120|Slippers:300:25|Rain Boots:1200:50|Walking Shoes:650:65|Clogs:500:45|Court Shoes:700:60|Work Boots:1700:140"),
          w("Size 6|Size 7|Size 8|Size 9|Size 10|Size 11|Size 12")),
      new Category("home", 0.10,
          w("Hearthside|Nestwell|Linden Home|Morrow & Co|Quiet Haven"),
          w("Cozy|Woven|Ceramic|Reclaimed Wood|Velvet|Minimalist|Rustic|Modern|Cotton|Faux Fur|Handcrafted|Scented|Blackout|Jute|Marble"),
          nouns("Throw Blanket:1100:35|Table Lamp:1800:45|Area Rug:6000:150|Throw Pillow:500:20|Wall Mirror:4500:90|Curtain Panel:700:25|Picture Frame:500:12|Candle:400:15|Storage Basket:600:20|Bath Towel Set:1500:35|Sheet Set:1600:60|Duvet Cover:1300:70|Bookshelf:14000:130|Vase:900:25|Laundry Hamper:1000:30"),
          w("Gray|Ivory|Navy|Sage|Charcoal|Blush|Natural")),
      new Category("kitchen", 0.10,
          w("Kettle & Co|Copperline|Prep Theory|Hearth|Butcher Block"),
          w("Nonstick|Stainless Steel|Cast Iron|Enameled|Glass|Bamboo|Silicone|Insulated|Programmable|Compact|Pro|Tri-Ply"),
          nouns("Skillet:1400:35|Saucepan:1200:30|Dutch Oven:5500:90|Chef's Knife:250:45|Cutting Board:1200:25|Mixing Bowl Set:1500:25|Coffee Maker:2500:60|Blender:3500:80|Toaster:1800:35|Food Storage Set:1300:25|Baking Sheet:600:15|Measuring Cups:200:10|Electric Kettle:1200:35|Spatula Set:300:15|Air Fryer:4800:90"),
          w("Black|White|Red|Sage|Cream|Slate")),
      new Category("electronics", 0.09,
          w("Volta|Pixelwave|Soundcraft|Ampere|Lumio|Kestrel"),
          w("Wireless|Bluetooth|Noise-Cancelling|4K|Smart|Portable|Rechargeable|Fast-Charging|Waterproof|Ultra-Slim|HD|Dual-Band"),
          nouns("Earbuds:60:60|Headphones:280:120|Speaker:700:70|Smartwatch:50:200|Tablet:500:300|Power Bank:250:35|USB-C Charger:120:20|Webcam:180:60|Wi-Fi Router:600:120|Streaming Stick:80:40|Keyboard:700:60|Mouse:100:25|Monitor:5500:250|Action Camera:150:200|Phone Case:40:20"),
          w("Black|White|Silver|Midnight Blue|Graphite")),
      new Category("toys", 0.08,
          w("Brickworks|Plush Pals|Wonder Lab|Tiny Tinkers|Play Harbor"),
          w("Deluxe|Classic|Glow-in-the-Dark|Remote-Control|Wooden|Magnetic|Giant|Junior|Interactive|Collectible|Musical|Pocket"),
          nouns("Building Set:900:40|Teddy Bear:400:20|Race Car:500:30|Puzzle:700:15|Board Game:1100:25|Doll House:5500:90|Train Set:2500:60|Science Kit:1000:30|Dinosaur Figure:250:12|Art Set:800:20|Card Game:200:10|Robot:900:50|Play Kitchen:9000:110|Kite:250:18|Marble Run:1500:35"),
          w("Ages 3+|Ages 5+|Ages 8+|Ages 12+")),
      new Category("beauty", 0.08,
          w("Lumiere|Petal & Stone|Glowhouse|Pure Botanics|Velvet Rose"),
          w("Hydrating|Matte|Vitamin C|Fragrance-Free|Brightening|Nourishing|Long-Wear|Gentle|Volumizing|Mineral|Overnight|Soothing"),
          nouns("Face Serum:80:25|Moisturizer:120:20|Lipstick:30:12|Mascara:40:10|Shampoo:400:9|Conditioner:400:9|Body Lotion:450:10|Sunscreen SPF 50:200:12|Cleanser:250:11|Eye Cream:50:28|Hair Oil:120:16|Face Mask:60:6|Nail Polish:50:8|Dry Shampoo:180:8|Hand Cream:90:7"),
          w("Travel Size|Full Size|Value Size")),
      new Category("sports", 0.08,
          w("Summit Gear|Apex Athletic|Ridgeline|Fairway|Riptide"),
          w("Pro|Adjustable|Lightweight|Foldable|Insulated|Heavy-Duty|Ultralight|Competition|Training|All-Weather|Compact|Reinforced"),
          nouns("Yoga Mat:1200:30|Dumbbell Set:9000:70|Water Bottle:350:25|Camping Tent:3500:160|Sleeping Bag:1500:80|Basketball:620:25|Soccer Ball:430:22|Tennis Racket:300:90|Backpack:900:60|Trekking Poles:500:50|Jump Rope:200:12|Foam Roller:500:20|Bike Helmet:350:45|Cooler:4000:90|Headlamp:120:25"),
          w("Red|Blue|Black|Green|Orange")),
      new Category("grocery", 0.10,
          w("Good Harvest|Pantry Lane|Sunny Acres|Green Basket|Farmstead"),
          w("Organic|Roasted|Whole Grain|Gluten-Free|Sea Salt|Honey|Dark Chocolate|Spicy|Low-Sodium|Original|Maple|Vanilla|Unsweetened|Smoked|Classic"),
          nouns("Coffee Beans:350:12|Granola:400:6|Pasta:460:2|Peanut Butter:470:4|Olive Oil:800:11|Trail Mix:300:6|Crackers:250:4|Tea Bags:100:5|Oatmeal:500:4|Salsa:450:4|Almonds:450:9|Cereal:400:5|Hot Sauce:200:4|Rice:900:4|Tortilla Chips:300:4"),
          w("8 oz|12 oz|16 oz|24 oz|Family Size|Value Pack")),
      new Category("garden", 0.06,
          w("Greenthumb|Backyard Co|Terra Verde|Bloomfield"),
          w("Heavy-Duty|Galvanized|Solar|Expandable|Cordless|Ergonomic|Weatherproof|Self-Watering|Raised|Cedar|Ceramic|Stainless"),
          nouns("Garden Hose:2500:35|Pruning Shears:250:20|Planter:2000:30|Watering Can:700:18|Path Lights:900:30|Garden Gloves:120:10|Leaf Rake:900:20|Hose Reel:4500:60|Bird Feeder:800:25|Trowel:200:10|Seed Starter Kit:600:15|Wheelbarrow:14000:110|Patio Umbrella:6500:90|String Trimmer:3500:100|Compost Bin:7000:80"),
          w("Green|Black|Terracotta|Gray|Natural")),
      new Category("pets", 0.05,
          w("Happy Tails|Whisker & Paw|Fetch Co|Pawsome"),
          w("Grain-Free|Orthopedic|Chew-Proof|Reflective|Squeaky|Calming|Natural|Dental|Washable|Adjustable|Elevated|Interactive"),
          nouns("Dog Food:6800:45|Cat Food:3200:25|Dog Bed:2500:50|Leash:200:15|Collar:100:12|Chew Toy:150:8|Cat Tree:11000:90|Litter:9000:18|Treats:300:8|Food Bowl:400:12|Pet Carrier:1800:45|Grooming Brush:120:12"),
          w("Small|Medium|Large|X-Large")),
      new Category("office", 0.05,
          w("Inkwell|Paper Trail|Deskmate|Ledger & Co"),
          w("Recycled|Ergonomic|Refillable|Spiral|Hardcover|Gel|Magnetic|Adjustable|Dotted|Waterproof|Mesh|Wireless"),
          nouns("Notebook:300:8|Pen Set:80:10|Desk Organizer:700:20|Planner:450:22|Sticky Notes:150:6|Stapler:350:12|Desk Lamp:1400:40|Office Chair:16000:220|File Folders:600:10|Whiteboard:2500:40|Backpack:800:45|Label Maker:500:35"),
          w("Black|Blue|Gray|White")));

  /** Builds the catalog: names, categories, UPCs, prices, weights. */
  static final class Catalog {

    private Catalog() {}

    private record Doorbuster(String name, String brand, String category, long priceCents, int grams) {}

    private static final List<Doorbuster> DOORBUSTER_ITEMS = List.of(
        new Doorbuster("Volta 55\" 4K Smart TV", "Volta", "electronics", 19999, 15800),
        new Doorbuster("Volta Noise-Cancelling Wireless Earbuds", "Volta", "electronics", 4999, 120),
        new Doorbuster("Kettle & Co Digital Air Fryer 6 qt", "Kettle & Co", "kitchen", 3999, 5200),
        new Doorbuster("Brickworks Deluxe Starship Building Set", "Brickworks", "toys", 7999, 2100),
        new Doorbuster("Hearth Tilt-Head Stand Mixer 5 qt", "Hearth", "kitchen", 14999, 10400),
        new Doorbuster("Pixelwave Gaming Console Holiday Bundle", "Pixelwave", "electronics", 29999, 4500),
        new Doorbuster("Plush Pals Giant Teddy Bear", "Plush Pals", "toys", 2499, 1900),
        new Doorbuster("Lumio Smart LED Light Strip 16 ft", "Lumio", "electronics", 999, 300));

    static List<Product> generate(SplittableRandom rng, int count) {
      Map<String, Integer> companyPrefix = new TreeMap<>();
      Set<Integer> usedPrefixes = new HashSet<>();
      Map<String, Integer> nextItem = new TreeMap<>();
      Set<String> names = new HashSet<>();
      List<Product> products = new ArrayList<>(count);
      double totalShare = 0;
      for (Category c : CATEGORIES) {
        totalShare += c.share();
      }
      for (int i = 1; i <= count; i++) {
        String sku = String.format("SKU-%05d", i);
        if (i <= DOORBUSTER_ITEMS.size()) {
          Doorbuster d = DOORBUSTER_ITEMS.get(i - 1);
          names.add(d.name());
          products.add(new Product(sku, d.name(), upc(rng, d.brand(), companyPrefix, usedPrefixes, nextItem),
              d.priceCents(), "USD", d.grams(), d.category(), true));
          continue;
        }
        double pick = rng.nextDouble() * totalShare;
        Category c = CATEGORIES.get(CATEGORIES.size() - 1);
        for (Category k : CATEGORIES) {
          pick -= k.share();
          if (pick < 0) {
            c = k;
            break;
          }
        }
        String brand = null;
        Noun noun = null;
        String name = null;
        for (int attempt = 0; name == null; attempt++) {
          brand = c.brands()[rng.nextInt(c.brands().length)];
          noun = c.nouns().get(rng.nextInt(c.nouns().size()));
          String candidate = brand + " " + c.adjectives()[rng.nextInt(c.adjectives().length)] + " " + noun.name();
          if (attempt >= 3 || rng.nextDouble() < 0.35) {
            candidate += ", " + c.variants()[rng.nextInt(c.variants().length)];
          }
          if (names.add(candidate) || attempt > 50) {
            name = candidate;
          }
        }
        long price = price(rng, noun.dollars());
        // same kind of thing, different make: weight within -25%..+30% of typical
        int grams = (int) Math.max(5, 5 * Math.round(noun.grams() * (0.75 + 0.55 * rng.nextDouble()) / 5.0));
        products.add(new Product(sku, name, upc(rng, brand, companyPrefix, usedPrefixes, nextItem), price, "USD",
            grams, c.name(), true));
      }
      return products;
    }

    /**
     * Around the typical price: value lines to premium ones (x0.45..x2.2, log-scale, mostly the cheaper end); ends in .99
     * (or .49), within 0.99..499.99.
     */
    static long price(SplittableRandom rng, int typicalDollars) {
      double u = Math.pow(rng.nextDouble(), 1.8);
      double v = typicalDollars * 100.0 * Math.exp(Math.log(0.45) + u * (Math.log(2.2) - Math.log(0.45)));
      long dollars = Math.max(1, Math.round(v / 100.0));
      long cents = dollars * 100 - 1;
      if (cents > 149 && rng.nextDouble() < 0.2) {
        cents -= 50;
      }
      return Math.max(99, Math.min(49_999, cents));
    }

    /** Number system 0, a 5-digit company prefix per brand, a 5-digit item reference, the check digit. */
    static String upc(SplittableRandom rng, String brand, Map<String, Integer> companyPrefix,
                      Set<Integer> usedPrefixes, Map<String, Integer> nextItem) {
      Integer prefix = companyPrefix.get(brand);
      if (prefix == null) {
        do {
          prefix = 10_000 + rng.nextInt(90_000);
        } while (!usedPrefixes.add(prefix));
        companyPrefix.put(brand, prefix);
        nextItem.put(brand, 100 + rng.nextInt(5_000));
      }
      int item = nextItem.get(brand);
      nextItem.put(brand, item + 1 + rng.nextInt(7));
      if (item > 99_999) {
        throw new IllegalStateException("brand " + brand + " ran out of item references");
      }
      String first11 = String.format("0%05d%05d", prefix, item);
      return first11 + upcCheckDigit(first11);
    }
  }
}
