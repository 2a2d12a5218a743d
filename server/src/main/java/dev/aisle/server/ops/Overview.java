package dev.aisle.server.ops;

import java.time.Instant;
import java.util.List;

/**
 * What the ops console's live overview shows, for the last {@code minutes} up to {@code at}.
 *
 * @param orders          orders captured in the window
 * @param ordersPerMinute one entry per minute of the window, oldest first, zeros included
 * @param byMethod        order lines captured in the window by fulfilment method ({@code ship}, {@code pickup})
 * @param byLocationType  the allocations made when those orders were captured, by where they are fulfilled
 *                        ({@code store}, {@code dc})
 * @param lateTasks       open store tasks past their due time, now (not limited to the window)
 * @param stockOuts       the positions of the window's most ordered SKUs that have nothing left to sell, now
 */
public record Overview(Instant at, int minutes, long orders, List<Minute> ordersPerMinute, List<Share> byMethod,
                       List<Share> byLocationType, LateTasks lateTasks, StockOuts stockOuts) {

  /** Orders captured in the minute starting at {@code minute}. */
  public record Minute(Instant minute, long orders) {}

  /** One slice of a share: how many lines or allocations ({@code count}) and how many units. */
  public record Share(String key, long count, long units) {}

  /** Late tasks in all ({@code total}, at {@code stores} stores) and the stores with the most, worst first. */
  public record LateTasks(long total, long stores, List<StoreLate> top) {}

  public record StoreLate(String locationId, String name, long late, Instant oldestDue) {}

  /**
   * Of the {@code skusChecked} most ordered SKUs of the window (at most {@value OverviewService#SKUS}; the most
   * ordered of each minute are merged),
   * {@code soldOut} have nothing to sell anywhere and {@code positionsOut} positions have nothing to sell;
   * {@code top} lists the worst SKUs, sold-out ones first.
   */
  public record StockOuts(int skusChecked, int soldOut, int positionsOut, List<SkuOut> top) {}

  /** A SKU's {@code positionsOut} of {@code positions} with nothing to sell, and what the network still has. */
  public record SkuOut(String sku, String name, int positions, int positionsOut, long availableToSell) {}
}
