package dev.aisle.server.sourcing;

import dev.aisle.api.Capability;
import dev.aisle.api.Location;
import dev.aisle.server.inventory.SkuStock;
import dev.aisle.server.network.GeoPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** TEMPORARY stub: nearest location with enough stock. */
public final class Sourcer {
  public static Plan plan(RuleSet rules, SourcingRequest request, Map<String, SkuStock> stock, Network network) {
    List<Allocation> out = new ArrayList<>();
    List<Shortfall> short_ = new ArrayList<>();
    for (LineRequest l : request.lines()) {
      SkuStock s = stock.get(l.sku());
      Location best = null;
      double bestKm = Double.MAX_VALUE;
      if (l.method() == Method.PICKUP) {
        int i = s == null ? -1 : s.indexOf(l.pickupLocationId());
        if (i >= 0 && s.availableAt(i) >= l.quantity()) {
          out.add(new Allocation(l.lineNo(), l.sku(), l.pickupLocationId(), l.quantity(), AllocationKind.PICKUP, null, 0));
          continue;
        }
      } else if (s != null) {
        for (int i = 0; i < s.size(); i++) {
          Location loc = network.get(s.locationAt(i));
          if (loc == null || !loc.can(Capability.SHIP) || s.availableAt(i) < l.quantity()) {
            continue;
          }
          double km = request.shipTo().distanceKm(new GeoPoint(loc.lat(), loc.lon()));
          if (km < bestKm) {
            bestKm = km;
            best = loc;
          }
        }
      }
      if (best != null) {
        out.add(new Allocation(l.lineNo(), l.sku(), best.id(), l.quantity(), AllocationKind.SHIP, null, bestKm));
      } else {
        short_.add(new Shortfall(l.lineNo(), l.sku(), l.quantity(), rules.shortage() == Shortage.BACKORDER ? "backorder" : "reject"));
      }
    }
    boolean accepted = short_.isEmpty() || rules.shortage() != Shortage.REJECT;
    return new Plan(accepted, accepted ? out : List.of(), short_, new Decision(rules.name(), "stub"));
  }
}
