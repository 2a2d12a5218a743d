package dev.aisle.server.availability;

import dev.aisle.api.Availability;
import dev.aisle.api.Availability.ItemAvailability;
import dev.aisle.api.Availability.StoreAvailability;
import dev.aisle.api.Capability;
import dev.aisle.api.Location;
import dev.aisle.server.inventory.InventoryPool;
import dev.aisle.server.inventory.SkuStock;
import dev.aisle.server.network.LocationDirectory;
import dev.aisle.server.platform.AisleConfig;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Public stock lookups, answered from memory: the location directory for the nearest pickup stores and the inventory
 * pool's near cache for the quantities. No database round trip.
 */
public final class AvailabilityService {

  private final LocationDirectory directory;
  private final InventoryPool pool;
  private final AisleConfig.Availability config;

  public AvailabilityService(LocationDirectory directory, InventoryPool pool, AisleConfig.Availability config) {
    this.directory = directory;
    this.pool = pool;
    this.config = config;
  }

  /** SKUs must exist (the routes check); the point and radius are already valid. */
  public Future<Availability> lookup(List<String> skus, Availability.Origin origin, double radiusKm, int limit) {
    List<LocationDirectory.Nearby> nearby = directory.nearestPickup(origin.lat(), origin.lon(), radiusKm, limit);
    return pool.getAll(skus).map(stock -> {
      List<StoreAvailability> stores = new ArrayList<>(nearby.size());
      for (LocationDirectory.Nearby n : nearby) {
        Location l = n.location();
        List<ItemAvailability> items = new ArrayList<>(skus.size());
        for (String sku : skus) {
          SkuStock s = stock.get(sku);
          int i = s == null ? -1 : s.indexOf(l.id());
          items.add(item(sku, i >= 0 ? s.availableAt(i) : 0));
        }
        stores.add(new StoreAvailability(l.id(), l.name(), l.address(), l.lat(), l.lon(),
            Math.round(n.distanceKm() * 10) / 10.0, l.openingHours(), l.timezone(), items));
      }
      return new Availability(origin, radiusKm, skus, stores, shipToHome(skus, stock));
    });
  }

  /** What every active ship-capable location has together. */
  private List<ItemAvailability> shipToHome(List<String> skus, Map<String, SkuStock> stock) {
    List<ItemAvailability> items = new ArrayList<>(skus.size());
    for (String sku : skus) {
      SkuStock s = stock.get(sku);
      long total = 0;
      if (s != null) {
        for (int i = 0; i < s.size(); i++) {
          Location l = directory.get(s.locationAt(i));
          if (l != null && l.can(Capability.SHIP)) {
            total += s.availableAt(i);
          }
        }
      }
      items.add(item(sku, total));
    }
    return items;
  }

  private ItemAvailability item(String sku, long available) {
    String band = available <= 0 ? "out-of-stock" : available < config.lowStockBelow() ? "low-stock" : "in-stock";
    return new ItemAvailability(sku, config.exactCounts() ? available : null, band);
  }
}
