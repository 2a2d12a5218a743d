package dev.aisle.server.sourcing;

import dev.aisle.api.Capability;
import dev.aisle.api.Location;
import dev.aisle.api.LocationType;
import dev.aisle.server.inventory.SkuStock;
import dev.aisle.server.network.GeoPoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans where each line of an order comes from, from a snapshot of stock and the network: pure, in memory, no I/O,
 * deterministic (every tie is broken by location id), and safe to call from any thread.
 *
 * <h2>Shipped lines</h2>
 * Every known location is a candidate. A candidate must be able to ship and have some stock; then the rule set's
 * filters apply ({@link Filter}): {@code minAts} asks for all the line needs, or only for some stock when no location
 * has it all (the line is then split); {@code storeCapacity} is asked only of candidates that pass the others.
 * Candidates that pass are scored ({@link Score}; each component min–max normalised over them, lowest total wins).
 * Two order-level plans are compared by total points: the best single location that can take every shipped line,
 * and line by line in order (a location not yet used costs the {@code splitPenalty} weight on top of its score,
 * and at most {@code maxSplits + 1} locations may be used). The single location wins ties. A line no single location
 * can fill is split over as few locations as it can: each step takes the best-ranked candidate that can cover what
 * is left, or failing that the one with the most.
 *
 * <h2>Pickup lines</h2>
 * The customer's store gives what it has first (it must be active and do pickup; its capacity is not checked, the
 * customer chose it). When it is short, {@code pickupTransfers} is on and the store can receive ship-to-store, the
 * rest is shipped in from other locations chosen like a shipped line, with distances from the store. Transfers do
 * not count against {@code maxSplits}. Pickup stock is taken before shipped lines are planned, transfers after.
 *
 * <h2>Shortage</h2>
 * What cannot be placed becomes a {@link Shortfall} as the rule set's {@link Shortage} says; see {@link Plan}.
 */
public final class Sourcer {

  /** At most this many candidates per line are listed in the explanation. */
  public static final int LISTED = 10;
  /** Of which at most this many that passed, best first (the rest of the room goes to the nearest that failed). */
  static final int LISTED_PASSING = 6;

  private static final int F_CAPABILITY = 1;
  private static final int F_STOCK = 2;
  private static final int F_DISTANCE = 4;
  private static final int F_CAPACITY = 8;
  private static final int F_EXCLUDED = 16;
  private static final int F_COUNT = 5;
  private static final String STOCK = "stock";
  private static final int S_OTHER = 0;
  private static final int S_SHIPPING_COST = 1;
  private static final int S_DISTANCE = 2;
  private static final int S_OVERSTOCK = 3;
  private static final int S_LOCATION_PRIORITY = 4;
  private static final double EPSILON = 1e-9;

  private final RuleSet rules;
  private final SourcingRequest request;
  private final Map<String, SkuStock> stock;
  private final Network network;
  private final Location[] locs;
  private final Map<String, Integer> index;
  private final Indexed net;
  private final long[] capacityLeft;
  private final boolean[] asked;
  private final boolean hasMinAts;
  private final boolean hasCapacity;
  private final double maxKm;
  /** Per location index: excluded by the rule set; null when nothing is excluded. */
  private final boolean[] excluded;
  private final List<Score> components;
  /** {@link #components}' types as {@code S_*} codes, so the scoring loop does not switch on strings. */
  private final int[] componentKinds;
  private final double splitWeight;
  private final List<String> filterOrder;
  private final int[] filterBits;
  /** Units of a SKU already planned per location index (two lines may ask for the same SKU). */
  private final Map<String, long[]> taken = new HashMap<>();
  /** Distances from each pickup store that needed a transfer, by store index (two lines may use the same store). */
  private final Map<Integer, double[]> kmFromStore = new HashMap<>();
  private final List<Allocation> allocations = new ArrayList<>();

  private Sourcer(RuleSet rules, SourcingRequest request, Map<String, SkuStock> stock, Network network) {
    this.rules = rules;
    this.request = request;
    this.stock = stock;
    this.network = network;
    Indexed net = indexed(network.locations());
    this.net = net;
    this.locs = net.locs();
    this.index = net.index();
    this.capacityLeft = new long[locs.length];
    this.asked = new boolean[locs.length];
    this.hasMinAts = rules.filter(Filter.MIN_ATS) != null;
    this.hasCapacity = rules.filter(Filter.STORE_CAPACITY) != null;
    Filter distance = rules.filter(Filter.MAX_DISTANCE_KM);
    this.maxKm = distance == null ? Double.POSITIVE_INFINITY : distance.value();
    Filter exclude = rules.filter(Filter.EXCLUDE_LOCATIONS);
    this.excluded = exclude == null || exclude.locations().isEmpty() ? null : new boolean[locs.length];
    if (excluded != null) {
      for (String id : exclude.locations()) {
        Integer li = index.get(id);
        if (li != null) {
          excluded[li] = true;
        }
      }
    }
    List<Score> parts = new ArrayList<>(rules.scores().size());
    for (Score score : rules.scores()) {
      if (!score.type().equals(Score.SPLIT_PENALTY)) {
        parts.add(score);
      }
    }
    this.components = parts;
    this.componentKinds = new int[parts.size()];
    for (int j = 0; j < componentKinds.length; j++) {
      componentKinds[j] = switch (parts.get(j).type()) {
        case Score.SHIPPING_COST -> S_SHIPPING_COST;
        case Score.DISTANCE -> S_DISTANCE;
        case Score.OVERSTOCK -> S_OVERSTOCK;
        case Score.LOCATION_PRIORITY -> S_LOCATION_PRIORITY;
        default -> S_OTHER;
      };
    }
    this.splitWeight = rules.weight(Score.SPLIT_PENALTY);
    List<String> order = new ArrayList<>();
    order.add(Filter.CAPABILITY);
    if (!hasMinAts) {
      order.add(STOCK);
    }
    for (Filter f : rules.filters()) {
      if (!order.contains(f.type())) {
        order.add(f.type());
      }
    }
    this.filterOrder = order;
    this.filterBits = order.stream().mapToInt(Sourcer::bit).toArray();
  }

  /**
   * The network's locations and their index, rebuilt only when the directory hands out a new list, with what every
   * plan needs of each location precomputed (locations are immutable records): whether it can ship, and its
   * latitude in radians and that latitude's cosine for the distance formula.
   */
  private record Indexed(Collection<Location> source, Location[] locs, Map<String, Integer> index, boolean[] canShip,
                         double[] latRad, double[] cosLat, Map<String, StockOrder> stockOrders) {}

  /**
   * The network index of each position of one SKU's {@link SkuStock} (-1: a location the network does not know).
   * A SkuStock is rebuilt on every change but keeps its location id strings, so the mapping is reused while the
   * entry holds the very same strings in the same order (checked by reference: cheap, and never wrong).
   */
  private static final class StockOrder {
    final String[] ids;
    final int[] at;
    /**
     * The last entry found to hold exactly {@link #ids}, so asking again for the same entry skips the check. A racy
     * hint: another thread may see an older value, which only costs it the check.
     */
    SkuStock checked;

    StockOrder(String[] ids, int[] at) {
      this.ids = ids;
      this.at = at;
    }
  }

  /** Bounds {@link Indexed#stockOrders} (one entry per SKU planned) should the catalogue be huge. */
  private static final int MAX_STOCK_ORDERS = 50_000;

  private static volatile Indexed indexed;

  private static Indexed indexed(Collection<Location> all) {
    Indexed current = indexed;
    if (current != null && current.source == all) {
      return current;
    }
    Location[] locs = all.toArray(new Location[0]);
    Map<String, Integer> index = new HashMap<>(locs.length * 2);
    for (int i = 0; i < locs.length; i++) {
      index.put(locs[i].id(), i);
    }
    boolean[] canShip = new boolean[locs.length];
    double[] latRad = new double[locs.length];
    double[] cosLat = new double[locs.length];
    for (int i = 0; i < locs.length; i++) {
      canShip[i] = locs[i].can(Capability.SHIP);
      latRad[i] = Math.toRadians(locs[i].lat());
      cosLat[i] = Math.cos(latRad[i]);
    }
    current = new Indexed(all, locs, index, canShip, latRad, cosLat, new ConcurrentHashMap<>());
    indexed = current;
    return current;
  }

  /**
   * Plans the order. Never fails for lack of stock (that is a shortfall); lines whose quantity is ≤ 0 are ignored.
   * The capture code validates SKUs, quantities and pickup store ids first; an unknown pickup store here is a
   * shortfall like a store that cannot do pickup.
   */
  public static Plan plan(RuleSet rules, SourcingRequest request, Map<String, SkuStock> stock, Network network) {
    return new Sourcer(rules, request, stock, network).plan();
  }

  // ------------------------------------------------------------------------------------------------ planning

  /** A location considered for one line. */
  private static final class Cand {
    final int li;
    final Location loc;
    final double km;
    final long avail;
    int fails;
    double total;
    int rank;
    long allocated;

    Cand(int li, Location loc, double km, long avail) {
      this.li = li;
      this.loc = loc;
      this.km = km;
      this.avail = avail;
    }
  }

  /**
   * The candidates of one line (or of the transfer part of a pickup line) for {@code need} units. Every location
   * but {@code skip} is a candidate, held in arrays by location index; only those that pass get a {@link Cand}
   * (most fail, and only the few listed in the explanation need one).
   */
  private static final class LineEval {
    final LineRequest line;
    final long need;
    final int skip;
    final double[] km;
    final long[] avail;
    /** The {@code F_*} bits each location failed. */
    final int[] fails;
    /** How many candidates failed with each combination of {@code F_*} bits (indexed by the bits). */
    final int[] failCounts = new int[1 << F_COUNT];
    /** The {@link #LISTED} nearest failing candidates (location indexes), nearest first: the ones listed. */
    final int[] nearestFailing = new int[LISTED];
    int nearestCount;
    final List<Cand> passing = new ArrayList<>();
    long threshold;
    boolean split;
    /** The line's weight (shipping cost) and each score component's badness range over the passing candidates. */
    double kg;
    double[] min;
    double[] max;

    LineEval(LineRequest line, long need, int skip, double[] km, long[] avail, int[] fails) {
      this.line = line;
      this.need = need;
      this.skip = skip;
      this.km = km;
      this.avail = avail;
      this.fails = fails;
    }

    int candidates() {
      return skip < 0 ? fails.length : fails.length - 1;
    }
  }

  /** What happened to one line, for the allocations and the explanation. */
  private static final class LineState {
    final LineRequest line;
    LineEval eval;
    final List<Allocation> placed = new ArrayList<>();
    final List<String> placedWhy = new ArrayList<>();
    long remaining;
    String shortReason;
    Location store;
    long storeAvail;

    LineState(LineRequest line) {
      this.line = line;
      this.remaining = Math.max(0, line.quantity());
    }
  }

  /** A pick of {@code qty} units at a candidate. */
  private record Pick(LineState state, Cand cand, long qty) {}

  /** An order-level plan for the shipped lines. */
  private record Option(String strategy, List<Pick> picks, List<Integer> locations, double points, long placed) {}

  private Plan plan() {
    List<LineState> states = new ArrayList<>();
    for (LineRequest line : request.lines()) {
      states.add(new LineState(line));
    }
    for (LineState s : states) {
      if (s.line.method() == Method.PICKUP && s.remaining > 0) {
        pickupAtStore(s);
      }
    }
    List<Option> options = shipLines(states);
    for (LineState s : states) {
      if (s.line.method() == Method.PICKUP && s.remaining > 0 && s.store != null && s.shortReason == null) {
        transfer(s);
      }
    }
    return finish(states, options);
  }

  private void pickupAtStore(LineState s) {
    LineRequest line = s.line;
    Integer li = line.pickupLocationId() == null ? null : index.get(line.pickupLocationId());
    if (li == null) {
      s.shortReason = "the pickup store " + line.pickupLocationId() + " is not known";
      return;
    }
    Location store = locs[li];
    s.store = store;
    if (!store.active()) {
      s.shortReason = store.name() + " is inactive, so it cannot hand over pickups";
      return;
    }
    if (!store.can(Capability.PICKUP)) {
      s.shortReason = store.name() + " does not do pickup";
      return;
    }
    long have = availableAt(line.sku(), li);
    s.storeAvail = have;
    long take = Math.min(have, s.remaining);
    if (take > 0) {
      commit(s, new Allocation(line.lineNo(), line.sku(), store.id(), take, AllocationKind.PICKUP, null, 0),
          take == line.quantity()
              ? "picked up at the customer's store, which has " + have + " available"
              : "all " + have + " that " + store.name() + " has; the rest must come from elsewhere");
    }
  }

  private void transfer(LineState s) {
    Location store = s.store;
    if (!rules.pickupTransfers()) {
      s.shortReason = store.name() + " has only " + s.storeAvail + " and the rule set does not allow transfers";
      return;
    }
    if (!store.can(Capability.SHIP_TO_STORE)) {
      s.shortReason = store.name() + " has only " + s.storeAvail + " and cannot receive ship-to-store transfers";
      return;
    }
    int storeIdx = index.get(store.id());
    double[] km = kmFromStore.computeIfAbsent(storeIdx, k -> distancesFrom(store.lat(), store.lon()));
    LineEval ev = evaluate(s.line, s.remaining, km, storeIdx);
    s.eval = ev;
    List<Pick> picks = new ArrayList<>();
    Map<String, long[]> sim = new HashMap<>();
    fill(s, ev, s.remaining, new ArrayList<>(), rules.maxSplits() + 1, sim, picks);
    for (Pick p : picks) {
      commit(s, new Allocation(s.line.lineNo(), s.line.sku(), p.cand.loc.id(), p.qty, AllocationKind.TRANSFER,
          store.id(), round1(p.cand.km)), transferWhy(s, ev, p));
      p.cand.allocated += p.qty;
    }
    if (s.remaining > 0) {
      s.shortReason = ev.passing.isEmpty()
          ? "no other location can ship it to " + store.name() + " (" + filteredSummary(ev) + ")"
          : "the other locations that could ship to " + store.name() + " do not have enough (at most "
              + (rules.maxSplits() + 1) + " may be used)";
    }
  }

  private String transferWhy(LineState s, LineEval ev, Pick p) {
    return s.store.name() + " has " + (s.storeAvail == 0 ? "none" : "only " + s.storeAvail) + " of "
        + s.line.quantity() + ", so " + p.qty + " " + (p.qty == 1 ? "is" : "are") + " shipped to it from here ("
        + fmt(round1(p.cand.km)) + " km away): " + winReason(ev, p.cand, List.of(), " to the store");
  }

  /** Plans every shipped line together; returns the order-level options compared (empty when no line ships). */
  private List<Option> shipLines(List<LineState> states) {
    List<LineState> ship = new ArrayList<>();
    for (LineState s : states) {
      if (s.line.method() == Method.SHIP && s.remaining > 0) {
        ship.add(s);
      }
    }
    if (ship.isEmpty()) {
      return List.of();
    }
    GeoPoint to = request.shipTo();
    if (to == null) {
      for (LineState s : ship) {
        s.shortReason = "the order has no ship-to address";
      }
      return List.of();
    }
    double[] km = distancesFrom(to.lat(), to.lon());
    for (LineState s : ship) {
      s.eval = evaluate(s.line, s.remaining, km, -1);
    }
    Option single = singleLocation(ship);
    Option perLine = perLine(ship);
    Option chosen = single != null && (single.placed >= perLine.placed && single.points <= perLine.points + EPSILON)
        ? single : perLine;
    for (Pick p : chosen.picks) {
      LineState s = p.state;
      p.cand.allocated += p.qty;
      List<Integer> others = new ArrayList<>(); // the other lines leaving from the same location, in pick order
      for (Pick q : chosen.picks) {
        int lineNo = q.state.line.lineNo();
        if (q.cand.li == p.cand.li && lineNo != s.line.lineNo() && !others.contains(lineNo)) {
          others.add(lineNo);
        }
      }
      commit(s, new Allocation(s.line.lineNo(), s.line.sku(), p.cand.loc.id(), p.qty, AllocationKind.SHIP, null,
          round1(p.cand.km)), shipWhy(s.eval, p, others));
    }
    for (LineState s : ship) {
      if (s.remaining > 0) {
        s.shortReason = s.eval.passing.isEmpty()
            ? "no location can ship it (" + filteredSummary(s.eval) + ")"
            : s.placed.isEmpty() && chosen.locations.size() >= rules.maxSplits() + 1
                ? "the locations that have it would be more than the order may ship from ("
                    + (rules.maxSplits() + 1) + ", maxSplits " + rules.maxSplits() + ")"
                : "not enough stock in the " + (rules.maxSplits() + 1) + " location"
                    + (rules.maxSplits() == 0 ? "" : "s") + " the order may ship from (maxSplits "
                    + rules.maxSplits() + ")";
      }
    }
    List<Option> compared = new ArrayList<>();
    if (ship.size() > 1) {
      if (single != null) {
        compared.add(single);
      }
      compared.add(perLine);
    }
    compared.add(0, chosen); // the chosen one first, marked in the decision by identity
    return compared;
  }

  private String shipWhy(LineEval ev, Pick p, List<Integer> otherLines) {
    if (ev.split) {
      return "no single location has all " + ev.need + "; " + p.qty + " from here (" + p.cand.avail
          + " available, rank " + p.cand.rank + ")";
    }
    return winReason(ev, p.cand, otherLines, "");
  }

  /** Why {@code w} won its line, in words, with the numbers. */
  private String winReason(LineEval ev, Cand w, List<Integer> otherLines, String toWhere) {
    Cand best = ev.passing.get(0);
    if (w != best) {
      String lines = otherLines.isEmpty() ? null
          : "kept in one shipment with line" + (otherLines.size() > 1 ? "s " : " ")
              + String.join(", ", otherLines.stream().map(String::valueOf).toList());
      if (lines != null) {
        return lines + " (" + best.loc.name() + " scored better for this line alone, " + fmt(round3(best.total))
            + " vs " + fmt(round3(w.total)) + " points, but another shipment costs " + fmt(splitWeight) + ")";
      }
      return "rank " + w.rank + ": the better-ranked locations could not be used (the order may ship from at most "
          + (rules.maxSplits() + 1) + ")";
    }
    Cand nearest = best;
    for (Cand c : ev.passing) {
      if (c.km < nearest.km || c.km == nearest.km && c.loc.id().compareTo(nearest.loc.id()) < 0) {
        nearest = c;
      }
    }
    String with = hasMinAts && !ev.split ? " with enough stock" : " with stock";
    String kind = w.loc.type() == LocationType.DC ? "DC" : "store";
    String suffix = otherLines.isEmpty() ? ""
        : "; also takes line" + (otherLines.size() > 1 ? "s " : " ")
            + String.join(", ", otherLines.stream().map(String::valueOf).toList());
    if (nearest == w) {
      String only = ev.passing.size() == 1 ? "only location" + with + " that passed the filters"
          : "nearest " + (sameTypeNearest(ev, w) ? kind : "location") + with;
      return only + toWhere + " (" + fmt(round1(w.km)) + " km)" + suffix;
    }
    String closer = nearest.loc.name() + ", which was " + fmt(round1(w.km - nearest.km)) + " km closer";
    int edge = -1;
    double bestGain = EPSILON;
    for (int k = 0; k < components.size(); k++) {
      double gain = points(ev, nearest, k) - points(ev, w, k);
      if (gain > bestGain) {
        bestGain = gain;
        edge = k;
      }
    }
    String type = edge < 0 ? "" : components.get(edge).type();
    String reason = switch (type) {
      case Score.OVERSTOCK -> "more stock than " + closer + " (" + w.avail + " vs " + nearest.avail + " available)";
      case Score.LOCATION_PRIORITY -> "higher priority than " + closer + " (" + w.loc.priority() + " vs "
          + nearest.loc.priority() + ")";
      default -> "lowest total points (" + fmt(round3(w.total)) + " vs " + fmt(round3(nearest.total)) + " for "
          + closer + ")";
    };
    return reason + suffix;
  }

  private static boolean sameTypeNearest(LineEval ev, Cand w) {
    for (Cand c : ev.passing) {
      if (c.loc.type() != w.loc.type() && c.km < w.km) {
        return false;
      }
    }
    return true;
  }

  /** The best location that can take every shipped line whole, or null when there is none. */
  private Option singleLocation(List<LineState> ship) {
    for (LineState s : ship) {
      if (s.eval.split) {
        return null;
      }
    }
    Cand[][] byLine = new Cand[ship.size()][];
    for (int l = 0; l < ship.size(); l++) {
      String sku = ship.get(l).line.sku();
      long needOfSku = 0; // every shipped line of the same SKU comes from that one location
      for (LineState s : ship) {
        if (s.line.sku().equals(sku)) {
          needOfSku += s.remaining;
        }
      }
      Cand[] at = new Cand[locs.length];
      for (Cand c : ship.get(l).eval.passing) {
        if (c.avail >= needOfSku) {
          at[c.li] = c;
        }
      }
      byLine[l] = at;
    }
    int bestLi = -1;
    double bestPoints = 0;
    for (int li = 0; li < locs.length; li++) {
      double points = 0;
      boolean all = true;
      for (int l = 0; l < ship.size() && all; l++) {
        Cand c = byLine[l][li];
        all = c != null;
        points += all ? c.total : 0;
      }
      if (all && (bestLi < 0 || points < bestPoints - EPSILON
          || Math.abs(points - bestPoints) <= EPSILON && locs[li].id().compareTo(locs[bestLi].id()) < 0)) {
        bestLi = li;
        bestPoints = points;
      }
    }
    if (bestLi < 0) {
      return null;
    }
    List<Pick> picks = new ArrayList<>();
    long placed = 0;
    for (int l = 0; l < ship.size(); l++) {
      LineState s = ship.get(l);
      picks.add(new Pick(s, byLine[l][bestLi], s.remaining));
      placed += s.remaining;
    }
    return new Option("one location", picks, List.of(bestLi), bestPoints, placed);
  }

  /** Line by line in order, each new location costing the split penalty, within the maxSplits budget. */
  private Option perLine(List<LineState> ship) {
    List<Integer> used = new ArrayList<>();
    Map<String, long[]> sim = new HashMap<>();
    List<Pick> picks = new ArrayList<>();
    double points = 0;
    long placed = 0;
    for (LineState s : ship) {
      int from = picks.size();
      long got = fill(s, s.eval, s.remaining, used, rules.maxSplits() + 1, sim, picks);
      for (int i = from; i < picks.size(); i++) {
        points += picks.get(i).cand.total * picks.get(i).qty / s.remaining;
      }
      placed += got;
    }
    points += splitWeight * Math.max(0, used.size() - 1);
    return new Option("per line", picks, used, points, placed);
  }

  /**
   * Picks up to {@code need} units from the line's passing candidates: the best-ranked one that covers what is left
   * (a location not in {@code used} costs the split penalty), or failing that the one with the most; a new location
   * only while {@code used} has fewer than {@code maxLocations}. {@code sim} holds what earlier picks of this plan
   * took. Returns the units picked.
   */
  private long fill(LineState s, LineEval ev, long need, List<Integer> used, int maxLocations, Map<String, long[]> sim,
                    List<Pick> out) {
    long remaining = need;
    String sku = s.line.sku();
    long[] simTaken = sim.computeIfAbsent(sku, k -> new long[locs.length]);
    boolean[] picked = new boolean[locs.length];
    while (remaining > 0) {
      Cand cover = null;
      double coverPoints = 0;
      Cand most = null;
      long mostQty = 0;
      for (Cand c : ev.passing) {
        long left = c.avail - simTaken[c.li];
        if (left <= 0 || picked[c.li]) {
          continue;
        }
        boolean isNew = !has(used, c.li);
        if (isNew && used.size() >= maxLocations) {
          continue;
        }
        double points = c.total + (isNew && !used.isEmpty() ? splitWeight : 0);
        if (left >= remaining && (cover == null || points < coverPoints - EPSILON
            || Math.abs(points - coverPoints) <= EPSILON && c.loc.id().compareTo(cover.loc.id()) < 0)) {
          cover = c;
          coverPoints = points;
        }
        if (left > mostQty) { // passing is in rank order, so ties keep the better rank
          most = c;
          mostQty = left;
        }
      }
      Cand c = cover != null ? cover : most;
      if (c == null) {
        break;
      }
      long qty = Math.min(remaining, c.avail - simTaken[c.li]);
      simTaken[c.li] += qty;
      picked[c.li] = true;
      if (!has(used, c.li)) {
        used.add(c.li);
      }
      out.add(new Pick(s, c, qty));
      remaining -= qty;
    }
    return need - remaining;
  }

  /**
   * Great-circle km from a point to every location: {@link GeoPoint#distanceKm} term for term (so the very same
   * doubles), with the locations' side of it precomputed.
   */
  private double[] distancesFrom(double lat, double lon) {
    double[] latRad = net.latRad();
    double[] cosLat = net.cosLat();
    double phi1 = Math.toRadians(lat);
    double cosPhi1 = Math.cos(phi1);
    double[] km = new double[locs.length];
    for (int i = 0; i < locs.length; i++) {
      double sinPhi = Math.sin((latRad[i] - phi1) / 2);
      double sinLambda = Math.sin(Math.toRadians(locs[i].lon() - lon) / 2);
      double h = sinPhi * sinPhi + cosPhi1 * cosLat[i] * sinLambda * sinLambda;
      km[i] = 2 * GeoPoint.EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }
    return km;
  }

  /** {@code used.contains(li)} without boxing (a handful of locations, asked for every candidate). */
  private static boolean has(List<Integer> used, int li) {
    for (int i = 0; i < used.size(); i++) {
      if (used.get(i) == li) {
        return true;
      }
    }
    return false;
  }

  /** Filters and scores every location for {@code need} units of the line; {@code skip} is left out (or -1). */
  private LineEval evaluate(LineRequest line, long need, double[] km, int skip) {
    long[] avail = available(line.sku());
    boolean[] canShip = net.canShip();
    int[] fails = new int[locs.length];
    boolean anyFull = false;
    for (int li = 0; li < locs.length; li++) {
      if (li == skip) {
        continue;
      }
      int f = 0;
      if (!canShip[li]) {
        f |= F_CAPABILITY;
      }
      if (km[li] > maxKm) {
        f |= F_DISTANCE;
      }
      if (excluded != null && excluded[li]) {
        f |= F_EXCLUDED;
      }
      if (f == 0 && avail[li] >= 1 && hasCapacity && capacityLeft(li) <= 0) {
        f |= F_CAPACITY;
      }
      fails[li] = f;
      anyFull |= f == 0 && avail[li] >= need;
    }
    LineEval ev = new LineEval(line, need, skip, km, avail, fails);
    ev.split = !anyFull;
    ev.threshold = hasMinAts && anyFull ? need : 1;
    double farthestKept = Double.POSITIVE_INFINITY; // of the nearest failing kept, once there are enough
    for (int li = 0; li < locs.length; li++) {
      if (li == skip) {
        continue;
      }
      if (avail[li] < ev.threshold) {
        fails[li] |= F_STOCK;
      }
      int f = fails[li];
      if (f == 0) {
        ev.passing.add(cand(ev, li));
      } else {
        ev.failCounts[f]++;
        if (km[li] <= farthestKept) { // most are farther: skip them without the insertion
          keepIfNearest(ev, li);
          if (ev.nearestCount == LISTED) {
            farthestKept = km[ev.nearestFailing[LISTED - 1]];
          }
        }
      }
    }
    score(ev, line.unitWeightKg() * need);
    return ev;
  }

  /** Keeps {@code li} in the line's nearest failing ones, by insertion into the small sorted array. */
  private void keepIfNearest(LineEval ev, int li) {
    int[] nearest = ev.nearestFailing;
    int n = ev.nearestCount;
    if (n == nearest.length && !nearer(ev, li, nearest[n - 1])) {
      return;
    }
    int at = n < nearest.length ? n++ : n - 1;
    while (at > 0 && nearer(ev, li, nearest[at - 1])) {
      nearest[at] = nearest[at - 1];
      at--;
    }
    nearest[at] = li;
    ev.nearestCount = n;
  }

  private Cand cand(LineEval ev, int li) {
    Cand c = new Cand(li, locs[li], ev.km[li], ev.avail[li]);
    c.fails = ev.fails[li];
    return c;
  }

  /** Min–max normalises each component over the passing candidates (0 best), weights it, ranks them. */
  private void score(LineEval ev, double kg) {
    int k = components.size();
    List<Cand> passing = ev.passing;
    ev.kg = kg;
    ev.min = new double[k];
    ev.max = new double[k];
    Arrays.fill(ev.min, Double.POSITIVE_INFINITY);
    Arrays.fill(ev.max, Double.NEGATIVE_INFINITY);
    for (Cand c : passing) {
      for (int j = 0; j < k; j++) {
        double bad = bad(ev, c, j);
        ev.min[j] = Math.min(ev.min[j], bad);
        ev.max[j] = Math.max(ev.max[j], bad);
      }
    }
    // Each component's points are worked out again when needed (explanation), not kept per candidate.
    for (Cand c : passing) {
      double total = 0;
      for (int j = 0; j < k; j++) {
        total += points(ev, c, j);
      }
      c.total = total;
    }
    passing.sort(BY_TOTAL);
    for (int i = 0; i < passing.size(); i++) {
      passing.get(i).rank = i + 1;
    }
  }

  /** Component {@code j} of a passing candidate in its unit (cost, km, units left, priority). */
  private double raw(LineEval ev, Cand c, int j) {
    return switch (componentKinds[j]) {
      case S_SHIPPING_COST -> rules.rates().cost(c.km, ev.kg);
      case S_DISTANCE -> c.km;
      case S_OVERSTOCK -> Math.max(0, c.avail - ev.need);
      case S_LOCATION_PRIORITY -> c.loc.priority();
      default -> 0;
    };
  }

  /** Component {@code j} as a badness (lower is better), before normalisation. */
  private double bad(LineEval ev, Cand c, int j) {
    return switch (componentKinds[j]) {
      case S_SHIPPING_COST -> rules.rates().cost(c.km, ev.kg);
      case S_DISTANCE -> c.km;
      case S_OVERSTOCK -> { // 0 → 10 left matters more than 500 → 510
        long left = Math.max(0, c.avail - ev.need);
        yield -(left < LOG1P.length ? LOG1P[(int) left] : Math.log1p(left));
      }
      case S_LOCATION_PRIORITY -> -(double) c.loc.priority();
      default -> 0;
    };
  }

  /** The points component {@code j} adds: its badness min–max normalised over the passing candidates, weighted. */
  private double points(LineEval ev, Cand c, int j) {
    double range = ev.max[j] - ev.min[j];
    return range > EPSILON ? components.get(j).weight() * (bad(ev, c, j) - ev.min[j]) / range : 0;
  }

  /** {@code Math.log1p(n)} for the small stock counts most locations have (the same doubles, looked up). */
  private static final double[] LOG1P = new double[1024];

  static {
    for (int n = 0; n < LOG1P.length; n++) {
      LOG1P[n] = Math.log1p(n);
    }
  }

  /** Best (lowest total) first; ties by location id. */
  private static final Comparator<Cand> BY_TOTAL = (a, b) -> {
    int c = Double.compare(a.total, b.total);
    return c != 0 ? c : a.loc.id().compareTo(b.loc.id());
  };

  /** Available-to-sell of the SKU per location index, less what this plan already took. */
  private long[] available(String sku) {
    long[] avail = new long[locs.length];
    SkuStock s = stock.get(sku);
    if (s != null) {
      int[] at = stockOrder(s);
      for (int i = 0; i < at.length; i++) {
        if (at[i] >= 0) {
          avail[at[i]] = s.availableAt(i);
        }
      }
    }
    long[] t = taken.get(sku);
    if (t != null) {
      for (int i = 0; i < avail.length; i++) {
        avail[i] = Math.max(0, avail[i] - t[i]);
      }
    }
    return avail;
  }

  /** {@link #available} at one location. */
  private long availableAt(String sku, int li) {
    SkuStock s = stock.get(sku);
    int i = s == null ? -1 : s.indexOf(locs[li].id());
    long have = i >= 0 ? s.availableAt(i) : 0;
    long[] t = taken.get(sku);
    return t == null ? have : Math.max(0, have - t[li]);
  }

  /** The network index of each position of {@code s}, memoised per SKU (see {@link StockOrder}). */
  private int[] stockOrder(SkuStock s) {
    StockOrder known = net.stockOrders().get(s.sku());
    if (known != null && known.checked == s) {
      return known.at;
    }
    int n = s.size();
    if (known != null && known.ids.length == n) {
      int i = 0;
      while (i < n && known.ids[i] == s.locationAt(i)) {
        i++;
      }
      if (i == n) {
        known.checked = s;
        return known.at;
      }
    }
    String[] ids = new String[n];
    int[] at = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = s.locationAt(i);
      Integer li = index.get(ids[i]);
      at[i] = li == null ? -1 : li;
    }
    if (known != null || net.stockOrders().size() < MAX_STOCK_ORDERS) {
      StockOrder order = new StockOrder(ids, at);
      order.checked = s;
      net.stockOrders().put(s.sku(), order);
    }
    return at;
  }

  private long capacityLeft(int li) {
    if (!asked[li]) {
      capacityLeft[li] = network.capacityLeftToday(locs[li]);
      asked[li] = true;
    }
    return capacityLeft[li];
  }

  private void commit(LineState s, Allocation a, String why) {
    s.placed.add(a);
    s.placedWhy.add(why);
    s.remaining -= a.quantity();
    taken.computeIfAbsent(a.sku(), k -> new long[locs.length])[index.get(a.locationId())] += a.quantity();
    allocations.add(a);
  }

  // ------------------------------------------------------------------------------------------------ outcome

  private Plan finish(List<LineState> states, List<Option> options) {
    Shortage shortage = rules.shortage();
    long placed = 0;
    long missing = 0;
    for (LineState s : states) {
      placed += s.line.quantity() - s.remaining;
      missing += s.remaining;
    }
    boolean accepted = switch (shortage) {
      case REJECT -> missing == 0;
      case BACKORDER -> true;
      case SHIP_AVAILABLE -> missing == 0 || placed > 0;
    };
    String outcome = shortage == Shortage.BACKORDER ? Shortfall.BACKORDER : Shortfall.REJECT;
    List<Shortfall> shortfalls = new ArrayList<>();
    for (LineState s : states) {
      if (s.remaining > 0) {
        shortfalls.add(new Shortfall(s.line.lineNo(), s.line.sku(), s.remaining, outcome));
      }
    }
    List<Allocation> planned = accepted ? List.copyOf(allocations) : List.of();
    Decision decision = decide(states, options, accepted, missing);
    return new Plan(accepted, planned, List.copyOf(shortfalls), decision);
  }

  private Decision decide(List<LineState> states, List<Option> options, boolean accepted, long missing) {
    Shortage shortage = rules.shortage();
    String shortWords = !accepted ? "the order is rejected"
        : shortage == Shortage.BACKORDER ? "backordered" : "cancelled; the rest of the order goes ahead";
    StringBuilder summary = new StringBuilder("Rule set \"").append(rules.name()).append("\". ");
    List<Decision.Line> lines = new ArrayList<>();
    for (LineState s : states) {
      LineRequest line = s.line;
      List<Decision.Placement> placed = new ArrayList<>();
      // A rejected order places nothing, so its decision lists no placements (matching Plan.allocations()).
      for (int i = 0; accepted && i < s.placed.size(); i++) {
        Allocation a = s.placed.get(i);
        placed.add(new Decision.Placement(a.locationId(), locs[index.get(a.locationId())].name(), a.kind().wire(),
            a.quantity(), a.transferTo(), a.kind() == AllocationKind.PICKUP ? null : a.distanceKm(),
            s.placedWhy.get(i)));
      }
      Decision.Missing shortfall = s.remaining <= 0 ? null
          : new Decision.Missing(s.remaining, shortage == Shortage.BACKORDER ? Shortfall.BACKORDER : Shortfall.REJECT,
              s.shortReason == null ? "could not be placed" : s.shortReason);
      String why = lineWhy(s, placed, shortfall, shortWords);
      summary.append(why).append(' ');
      LineEval ev = s.eval;
      String candidatesFor = ev == null ? null : line.method() == Method.SHIP ? "shipping to the customer"
          : "a transfer to " + s.store.name();
      List<Decision.Candidate> listed = new ArrayList<>();
      Decision.NotListed notListed = ev == null ? null : listCandidates(ev, listed);
      lines.add(new Decision.Line(line.lineNo(), line.sku(), line.quantity(), line.method().wire(),
          line.pickupLocationId(), why, placed, shortfall, candidatesFor, ev == null ? null : listed, notListed));
    }
    String strategy = null;
    int shipments = 0;
    List<Decision.Option> compared = null;
    if (!options.isEmpty()) {
      Option chosen = options.get(0);
      strategy = chosen.strategy;
      shipments = accepted ? chosen.locations.size() : 0;
      if (options.size() > 1) {
        compared = new ArrayList<>();
        for (Option o : options.subList(1, options.size())) {
          compared.add(new Decision.Option(o.strategy, o.locations.stream().map(li -> locs[li].id()).toList(),
              round3(o.points), o.placed, o == chosen, optionNote(o)));
        }
      }
      if (accepted && chosen.placed > 0) {
        summary.append(shipments == 1 ? "Every shipped unit leaves from one location (1 shipment)."
            : "The order ships from " + shipments + " locations (" + shipments + " shipments).");
      }
    }
    if (!accepted) {
      summary.append("The order is rejected: ").append(missing).append(missing == 1 ? " unit" : " units")
          .append(" cannot be placed and the rule set says ").append(shortage.wire()).append('.');
    }
    return new Decision(rules.name(), accepted, summary.toString().trim(), strategy, shipments, compared, lines);
  }

  private String optionNote(Option o) {
    String where = String.join(", ", o.locations.stream().map(li -> locs[li].name()).toList());
    return o.strategy.equals("one location")
        ? "everything from " + where + ": " + fmt(round3(o.points)) + " points"
        : "each line's best: " + where + ", " + fmt(round3(o.points)) + " points incl. "
            + fmt(round3(splitWeight * Math.max(0, o.locations.size() - 1))) + " for extra shipments";
  }

  private String lineWhy(LineState s, List<Decision.Placement> placed, Decision.Missing shortfall,
                         String shortWords) {
    LineRequest line = s.line;
    StringBuilder b = new StringBuilder("Line ").append(line.lineNo()).append(" (").append(line.quantity())
        .append(" × ").append(line.sku()).append(")");
    List<String> parts = new ArrayList<>();
    for (Decision.Placement p : placed) {
      String verb = switch (p.kind()) {
        case "pickup" -> " picked up at " + p.name();
        case "transfer" -> " transferred from " + p.name() + " (" + fmt(p.distanceKm()) + " km) to " + s.store.name();
        default -> " from " + p.name() + " (" + fmt(p.distanceKm()) + " km)";
      };
      parts.add(p.quantity() + verb + ": " + p.why());
    }
    if (line.method() == Method.SHIP && placed.size() == 1 && shortfall == null) {
      Decision.Placement p = placed.get(0);
      b.append(" ships from ").append(p.name()).append(" (").append(fmt(p.distanceKm())).append(" km): ")
          .append(p.why()).append('.');
    } else if (line.method() == Method.PICKUP && placed.size() == 1 && shortfall == null && "pickup".equals(
        placed.get(0).kind())) {
      b.append(" is picked up at ").append(placed.get(0).name()).append(": ").append(placed.get(0).why()).append('.');
    } else {
      if (!parts.isEmpty()) {
        b.append(": ").append(String.join("; ", parts));
      }
      if (shortfall != null) {
        b.append(parts.isEmpty() ? ": " : "; ").append(shortfall.quantity()).append(" cannot be placed (")
            .append(shortfall.why()).append("), ").append(shortWords);
      }
      b.append('.');
    }
    return b.toString();
  }

  /** Lists at most {@link #LISTED} candidates: the passing ones by rank, then the nearest failing; counts the rest. */
  private Decision.NotListed listCandidates(LineEval ev, List<Decision.Candidate> out) {
    List<Cand> shown = new ArrayList<>();
    for (Cand c : ev.passing) {
      if (shown.size() < LISTED_PASSING || c.allocated > 0) {
        shown.add(c);
      }
    }
    int shownPassing = shown.size();
    int room = Math.max(LISTED - shown.size(), 0);
    for (int i = 0; i < room && i < ev.nearestCount; i++) { // the room goes to the nearest failing
      shown.add(cand(ev, ev.nearestFailing[i]));
    }
    for (Cand c : shown) {
      out.add(candidate(ev, c));
    }
    // The rest: every candidate's failures, less those of the ones shown.
    int[] failedBy = failedBy(ev);
    for (int i = shownPassing; i < shown.size(); i++) {
      for (int k = 0; k < filterBits.length; k++) {
        if ((shown.get(i).fails & filterBits[k]) != 0) {
          failedBy[k]--;
        }
      }
    }
    Map<String, Integer> failed = new LinkedHashMap<>();
    for (int k = 0; k < failedBy.length; k++) {
      if (failedBy[k] > 0) {
        failed.put(filterOrder.get(k), failedBy[k]);
      }
    }
    return new Decision.NotListed(ev.candidates() - shown.size(), ev.passing.size() - shownPassing, failed);
  }

  /** Location {@code a} is nearer than {@code b} (ties by id). */
  private boolean nearer(LineEval ev, int a, int b) {
    double ka = ev.km[a];
    double kb = ev.km[b];
    return ka < kb || ka == kb && locs[a].id().compareTo(locs[b].id()) < 0;
  }

  /** How many candidates failed each filter of {@link #filterOrder} (one may fail several). */
  private int[] failedBy(LineEval ev) {
    int[] counts = new int[filterBits.length];
    for (int f = 1; f < ev.failCounts.length; f++) {
      if (ev.failCounts[f] > 0) {
        for (int k = 0; k < filterBits.length; k++) {
          if ((f & filterBits[k]) != 0) {
            counts[k] += ev.failCounts[f];
          }
        }
      }
    }
    return counts;
  }

  private Decision.Candidate candidate(LineEval ev, Cand c) {
    Location loc = c.loc;
    if (c.fails != 0) {
      List<Decision.FailedFilter> failed = new ArrayList<>();
      for (int k = 0; k < filterBits.length; k++) {
        if ((c.fails & filterBits[k]) != 0) {
          failed.add(new Decision.FailedFilter(filterOrder.get(k), reason(ev, c, filterOrder.get(k))));
        }
      }
      return new Decision.Candidate(loc.id(), loc.name(), loc.type().wire(), round1(c.km), c.avail, false, failed,
          null, null, null, null);
    }
    List<Decision.ScorePart> parts = new ArrayList<>();
    for (int j = 0; j < components.size(); j++) {
      Score score = components.get(j);
      String unit = switch (score.type()) {
        case Score.SHIPPING_COST -> "cost";
        case Score.DISTANCE -> "km";
        case Score.OVERSTOCK -> "units left";
        default -> "priority";
      };
      double raw = score.type().equals(Score.SHIPPING_COST) ? round2(raw(ev, c, j)) : round1(raw(ev, c, j));
      parts.add(new Decision.ScorePart(score.type(), raw, unit, score.weight(), round3(points(ev, c, j))));
    }
    return new Decision.Candidate(loc.id(), loc.name(), loc.type().wire(), round1(c.km), c.avail, true, null, parts,
        round3(c.total), c.rank, c.allocated > 0 ? c.allocated : null);
  }

  private String reason(LineEval ev, Cand c, String filter) {
    return switch (filter) {
      case Filter.CAPABILITY -> c.loc.active() ? "cannot ship" : "inactive";
      case Filter.MIN_ATS, STOCK -> c.avail == 0 ? "none available"
          : "only " + c.avail + " available, needs " + ev.threshold;
      case Filter.MAX_DISTANCE_KM -> "more than " + fmt(maxKm) + " km away (" + fmt(round1(c.km)) + " km)";
      case Filter.STORE_CAPACITY -> {
        long left = capacityLeft(c.li);
        yield "at capacity today (" + (c.loc.capacityPerDay() - left) + " of " + c.loc.capacityPerDay() + " orders)";
      }
      case Filter.EXCLUDE_LOCATIONS -> "excluded by the rule set";
      default -> filter;
    };
  }

  private static int bit(String filter) {
    return switch (filter) {
      case Filter.CAPABILITY -> F_CAPABILITY;
      case Filter.MIN_ATS, STOCK -> F_STOCK;
      case Filter.MAX_DISTANCE_KM -> F_DISTANCE;
      case Filter.STORE_CAPACITY -> F_CAPACITY;
      case Filter.EXCLUDE_LOCATIONS -> F_EXCLUDED;
      default -> 0;
    };
  }

  private String filteredSummary(LineEval ev) {
    int[] counts = failedBy(ev);
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] > 0) {
        parts.add(counts[k] + " failed " + filterOrder.get(k));
      }
    }
    return parts.isEmpty() ? "no locations" : String.join(", ", parts);
  }

  static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** A number for a sentence: no trailing ".0". */
  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
