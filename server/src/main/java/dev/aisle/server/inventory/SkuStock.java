package dev.aisle.server.inventory;

import dev.aisle.api.InventoryView;
import dev.aisle.api.StockPosition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inventory pool entry of one SKU: every location's position, in parallel arrays sorted by location id.
 * Immutable: every change builds a new instance (inside an entry processor), so readers holding one never see
 * a half-applied change.
 */
public final class SkuStock {

  final String sku;
  final String[] locations;
  final long[] onHand;
  final long[] safety;
  final long[] reserved;
  final long[] feedSeq;
  final long[] version;
  /** Each position's bin at its location (where a picker finds it), null when none is set. */
  final String[] bins;
  /**
   * Reservations of orders still being captured (not yet durable), part of {@link #reserved}: order id, location,
   * quantity. They let a capture that gives up, or the sweeper after its node died, release exactly what that order
   * took here, once, and nothing when it took nothing.
   */
  final String[] holdOrders;
  final String[] holdLocations;
  final long[] holdQuantities;

  private static final String[] NONE = new String[0];

  SkuStock(String sku, String[] locations, long[] onHand, long[] safety, long[] reserved, long[] feedSeq,
           long[] version) {
    this(sku, locations, onHand, safety, reserved, feedSeq, version, new String[locations.length], NONE, NONE,
        new long[0]);
  }

  SkuStock(String sku, String[] locations, long[] onHand, long[] safety, long[] reserved, long[] feedSeq,
           long[] version, String[] bins, String[] holdOrders, String[] holdLocations, long[] holdQuantities) {
    this.sku = sku;
    this.locations = locations;
    this.onHand = onHand;
    this.safety = safety;
    this.reserved = reserved;
    this.feedSeq = feedSeq;
    this.version = version;
    this.bins = bins;
    this.holdOrders = holdOrders;
    this.holdLocations = holdLocations;
    this.holdQuantities = holdQuantities;
  }

  public static SkuStock empty(String sku) {
    return new SkuStock(sku, new String[0], new long[0], new long[0], new long[0], new long[0], new long[0]);
  }

  /** A pool entry holding only available-to-sell per location (on-hand = available, nothing reserved); for tests. */
  public static SkuStock ofAvailable(String sku, Map<String, Long> availableByLocation) {
    TreeMap<String, Long> sorted = new TreeMap<>(availableByLocation);
    int n = sorted.size();
    long[] onHand = sorted.values().stream().mapToLong(Long::longValue).toArray();
    return new SkuStock(sku, sorted.keySet().toArray(new String[0]), onHand, new long[n], new long[n], new long[n],
        new long[n]);
  }

  public String sku() {
    return sku;
  }

  public int size() {
    return locations.length;
  }

  /** Index of a location's position, or a negative number when this SKU has none there. */
  public int indexOf(String locationId) {
    return Arrays.binarySearch(locations, locationId);
  }

  public String locationAt(int i) {
    return locations[i];
  }

  /** Available to sell at position {@code i}: on-hand − reserved − safety stock, never below zero. */
  public long availableAt(int i) {
    return Math.max(0, onHand[i] - reserved[i] - safety[i]);
  }

  /** The bin of the SKU at a location, null when none is set or the SKU has no position there. */
  public String binAt(String locationId) {
    int i = indexOf(locationId);
    return i >= 0 ? bins[i] : null;
  }

  public StockPosition position(int i) {
    return new StockPosition(sku, locations[i], onHand[i], safety[i], reserved[i], availableAt(i), feedSeq[i],
        version[i]);
  }

  /** The position at a location; all zeros when the SKU is not stocked there. */
  public StockPosition positionAt(String locationId) {
    int i = indexOf(locationId);
    return i >= 0 ? position(i) : new StockPosition(sku, locationId, 0, 0, 0, 0, 0, 0);
  }

  public List<StockPosition> positions() {
    List<StockPosition> list = new ArrayList<>(locations.length);
    for (int i = 0; i < locations.length; i++) {
      list.add(position(i));
    }
    return list;
  }

  public InventoryView view() {
    return view(positions());
  }

  /** A view over a subset of positions (e.g. only a store role's own location), with totals over that subset. */
  public InventoryView view(List<StockPosition> shown) {
    long on = 0;
    long safe = 0;
    long res = 0;
    long ats = 0;
    int withStock = 0;
    for (StockPosition p : shown) {
      on += p.onHand();
      safe += p.safetyStock();
      res += p.reserved();
      ats += p.availableToSell();
      if (p.availableToSell() > 0) {
        withStock++;
      }
    }
    return new InventoryView(sku, shown, new InventoryView.Totals(on, safe, res, ats, shown.size(), withStock));
  }

  /**
   * Applies durable rows: a row replaces on-hand, safety, feed sequence and bin of its position only when its version
   * is newer than the one held, so rows applied late or twice never undo a newer change. Reserved is kept.
   */
  SkuStock apply(List<StockRow> rows) {
    String[] locs = locations.clone();
    long[] on = onHand.clone();
    long[] safe = safety.clone();
    long[] res = reserved.clone();
    long[] seq = feedSeq.clone();
    long[] ver = version.clone();
    String[] bin = bins.clone();
    List<StockRow> added = new ArrayList<>();
    for (StockRow row : rows) {
      int i = Arrays.binarySearch(locs, row.locationId());
      if (i >= 0) {
        if (row.version() > ver[i]) {
          on[i] = row.onHand();
          safe[i] = row.safetyStock();
          seq[i] = row.feedSeq();
          ver[i] = row.version();
          bin[i] = row.bin();
        }
      } else {
        added.add(row);
      }
    }
    if (added.isEmpty()) {
      return new SkuStock(sku, locs, on, safe, res, seq, ver, bin, holdOrders, holdLocations, holdQuantities);
    }
    return merge(locs, on, safe, res, seq, ver, bin, added);
  }

  private SkuStock merge(String[] locs, long[] on, long[] safe, long[] res, long[] seq, long[] ver, String[] bin,
                         List<StockRow> added) {
    added.sort((a, b) -> a.locationId().compareTo(b.locationId()));
    // The same new location may appear twice in one batch: keep the newest version.
    List<StockRow> unique = new ArrayList<>(added.size());
    for (StockRow r : added) {
      StockRow last = unique.isEmpty() ? null : unique.get(unique.size() - 1);
      if (last != null && last.locationId().equals(r.locationId())) {
        if (r.version() > last.version()) {
          unique.set(unique.size() - 1, r);
        }
      } else {
        unique.add(r);
      }
    }
    int n = locs.length + unique.size();
    String[] l2 = new String[n];
    long[] on2 = new long[n];
    long[] safe2 = new long[n];
    long[] res2 = new long[n];
    long[] seq2 = new long[n];
    long[] ver2 = new long[n];
    String[] bin2 = new String[n];
    int i = 0;
    int j = 0;
    for (int k = 0; k < n; k++) {
      boolean takeOld = j >= unique.size() || (i < locs.length && locs[i].compareTo(unique.get(j).locationId()) < 0);
      if (takeOld) {
        l2[k] = locs[i];
        on2[k] = on[i];
        safe2[k] = safe[i];
        res2[k] = res[i];
        seq2[k] = seq[i];
        ver2[k] = ver[i];
        bin2[k] = bin[i];
        i++;
      } else {
        StockRow r = unique.get(j++);
        l2[k] = r.locationId();
        on2[k] = r.onHand();
        safe2[k] = r.safetyStock();
        seq2[k] = r.feedSeq();
        ver2[k] = r.version();
        bin2[k] = r.bin();
      }
    }
    return new SkuStock(sku, l2, on2, safe2, res2, seq2, ver2, bin2, holdOrders, holdLocations, holdQuantities);
  }

  /**
   * Reserves (positive quantity) or releases (negative) stock at several locations, all or nothing. Answers the new
   * entry, or null when a reservation exceeds available-to-sell or names a location without a position (nothing
   * changes). A release never takes reserved below zero.
   */
  SkuStock reserve(String[] locationIds, long[] quantities) {
    long[] res = reserved.clone();
    for (int k = 0; k < locationIds.length; k++) {
      int i = indexOf(locationIds[k]);
      long q = quantities[k];
      if (i < 0) {
        if (q > 0) {
          return null;
        }
        continue;
      }
      if (q > 0 && onHand[i] - res[i] - safety[i] < q) {
        return null;
      }
      res[i] = Math.max(0, res[i] + q);
    }
    return new SkuStock(sku, locations, onHand, safety, res, feedSeq, version, bins, holdOrders, holdLocations,
        holdQuantities);
  }

  /**
   * Reserves for an order being captured, as {@link #reserve}, and remembers what {@code orderId} took here until
   * {@link #settleHold} releases or keeps it (also for a plain change under an operation id of its own, a release
   * when the quantities are negative, which is only ever kept). Null when a quantity exceeds available-to-sell (nothing changes). This
   * same instance when the order already holds stock here: Hazelcast runs an entry processor again when the member
   * that ran it left before answering, and its backup may already have the first run (found by the node-kill drill).
   */
  SkuStock reserveFor(String orderId, String[] locationIds, long[] quantities) {
    for (String o : holdOrders) {
      if (o.equals(orderId)) {
        return this;
      }
    }
    SkuStock next = reserve(locationIds, quantities);
    if (next == null) {
      return null;
    }
    int n = holdOrders.length;
    String[] orders = Arrays.copyOf(holdOrders, n + locationIds.length);
    String[] locs = Arrays.copyOf(holdLocations, n + locationIds.length);
    long[] qty = Arrays.copyOf(holdQuantities, n + locationIds.length);
    for (int k = 0; k < locationIds.length; k++) {
      orders[n + k] = orderId;
      locs[n + k] = locationIds[k];
      qty[n + k] = quantities[k];
    }
    return new SkuStock(sku, locations, onHand, safety, next.reserved, feedSeq, version, bins, orders, locs, qty);
  }

  /**
   * Ends the hold of {@code orderId} here: {@code release} gives its reserved quantities back (the order will not
   * be written), else they stay reserved (the order is durable, its allocations hold the stock now). Answers this
   * same instance when the order holds nothing here, so a second call, or one for an order that never reserved
   * here, changes nothing.
   */
  SkuStock settleHold(String orderId, boolean release) {
    return withoutHolds(new String[] {orderId}, release);
  }

  /**
   * Forgets the holds of durable orders, keeping their reservations ({@link #settleHold} with keep, for several
   * orders at once). This same instance when none of them holds anything here.
   */
  SkuStock confirmHolds(String[] orderIds) {
    return orderIds == null ? this : withoutHolds(orderIds, false);
  }

  /** Drops the holds of {@code orderIds}, giving their reservations back when {@code release}; this when none. */
  private SkuStock withoutHolds(String[] orderIds, boolean release) {
    if (orderIds.length == 0 || holdOrders.length == 0) {
      return this;
    }
    List<String> drop = Arrays.asList(orderIds);
    long[] res = release ? reserved.clone() : reserved;
    String[] orders = new String[holdOrders.length];
    String[] locs = new String[holdOrders.length];
    long[] qty = new long[holdOrders.length];
    int kept = 0;
    for (int k = 0; k < holdOrders.length; k++) {
      if (!drop.contains(holdOrders[k])) {
        orders[kept] = holdOrders[k];
        locs[kept] = holdLocations[k];
        qty[kept++] = holdQuantities[k];
      } else if (release) {
        int i = indexOf(holdLocations[k]);
        if (i >= 0) {
          res[i] = Math.max(0, res[i] - holdQuantities[k]);
        }
      }
    }
    if (kept == holdOrders.length) {
      return this;
    }
    return new SkuStock(sku, locations, onHand, safety, res, feedSeq, version, bins, Arrays.copyOf(orders, kept),
        Arrays.copyOf(locs, kept), Arrays.copyOf(qty, kept));
  }

  /**
   * What an operation on this entry answers when it went through: reserved per position, then the sum of the
   * positions' versions (it grows with every stock change), so that a node can bring its own copy up to date
   * ({@link #withReservations}) without the whole entry travelling back.
   */
  long[] reservations() {
    long[] r = Arrays.copyOf(reserved, reserved.length + 1);
    r[reserved.length] = versionSum();
    return r;
  }

  /**
   * This entry with the reserved quantities of {@code reservations} (see {@link #reservations()}), or null when
   * they belong to another state of the stock (positions added or changed since this copy was made).
   */
  SkuStock withReservations(long[] reservations) {
    if (reservations.length != reserved.length + 1 || reservations[reserved.length] != versionSum()) {
      return null;
    }
    return new SkuStock(sku, locations, onHand, safety, Arrays.copyOf(reservations, reserved.length), feedSeq,
        version, bins, holdOrders, holdLocations, holdQuantities);
  }

  private long versionSum() {
    long sum = 0;
    for (long v : version) {
      sum += v;
    }
    return sum;
  }

  /** This entry with reserved quantities set from durable open allocations (cold start). */
  SkuStock withReserved(java.util.Map<String, Long> reservedByLocation) {
    long[] res = reserved.clone();
    reservedByLocation.forEach((location, quantity) -> {
      int i = indexOf(location);
      if (i >= 0) {
        res[i] = quantity;
      }
    });
    return new SkuStock(sku, locations, onHand, safety, res, feedSeq, version, bins, holdOrders, holdLocations,
        holdQuantities);
  }
}
