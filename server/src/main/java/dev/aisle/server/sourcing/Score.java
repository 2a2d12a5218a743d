package dev.aisle.server.sourcing;

import java.util.List;

/**
 * One score component of a rule set and its weight (≥ 0). Each component is normalised across a line's candidates
 * that passed every filter to 0 (best) .. 1 (worst) and multiplied by the weight; the lowest total wins.
 *
 * <ul>
 *   <li>{@value #SHIPPING_COST}: {@link Rates} applied to the distance and the line's weight.</li>
 *   <li>{@value #DISTANCE}: km from the ship-to address (transfers: from the pickup store).</li>
 *   <li>{@value #OVERSTOCK}: available-to-sell left at the location after this line, on a log scale; more is
 *       better, so a well-stocked location is preferred in a close call.</li>
 *   <li>{@value #LOCATION_PRIORITY}: the location's priority; higher is better.</li>
 *   <li>{@value #SPLIT_PENALTY}: not normalised: {@code weight} points for each location beyond the first that the
 *       order's shipped lines leave from.</li>
 * </ul>
 */
public record Score(String type, double weight) {

  public static final String SHIPPING_COST = "shippingCost";
  public static final String DISTANCE = "distance";
  public static final String OVERSTOCK = "overstock";
  public static final String LOCATION_PRIORITY = "locationPriority";
  public static final String SPLIT_PENALTY = "splitPenalty";

  public static final List<String> TYPES = List.of(SHIPPING_COST, DISTANCE, OVERSTOCK, LOCATION_PRIORITY,
      SPLIT_PENALTY);
}
