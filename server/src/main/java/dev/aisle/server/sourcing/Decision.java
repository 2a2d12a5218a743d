package dev.aisle.server.sourcing;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * Why an order was sourced the way it was, for people (customer service, ops) and for tools: every sentence has
 * the numbers behind it next to it. Plain records of strings, numbers, lists and maps, so it is stored as JSON as
 * is and returned by the routing and simulate endpoints. Distances are km rounded to 0.1, points to 0.001.
 *
 * @param ruleSet  the rule set's name
 * @param accepted whether the order goes ahead (see {@link Plan#accepted()})
 * @param summary  one paragraph: where each line goes and why, and what happened to anything missing
 * @param strategy {@code "one location"} when every shipped line leaves from the same place, {@code "per line"}
 *                 when lines were sourced one by one, null when no line ships
 * @param shipments how many locations ship to the customer (transfers to a pickup store not counted)
 * @param options  the order-level plans compared (best single location vs. line by line), the chosen one marked
 * @param lines    one entry per order line, in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(String ruleSet, boolean accepted, String summary, String strategy, int shipments,
                       List<Option> options, List<Line> lines) {

  /**
   * An order-level plan that was compared: {@code locations} it ships from, its total {@code points} (line scores
   * plus split penalties; lower is better), how many units it {@code places}, and whether it was {@code chosen}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Option(String strategy, List<String> locations, double points, long places, boolean chosen,
                       String note) {}

  /**
   * One order line. {@code candidates} are the locations considered for shipping it (pickup lines: the locations
   * considered for a transfer to the store, empty when none was needed); at most {@value Sourcer#LISTED}, the
   * passing ones first by rank, then the nearest that failed; {@code notListed} counts the others. {@code placed}
   * is what was allocated, {@code shortfall} what was not.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Line(int lineNo, String sku, long quantity, String method, String pickupLocationId,
                     String why, List<Placement> placed, Missing shortfall, String candidatesFor,
                     List<Candidate> candidates, NotListed notListed) {}

  /** An allocation and the reason that location won it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Placement(String locationId, String name, String kind, long quantity, String transferTo,
                          Double distanceKm, String why) {}

  /** Quantity not placed: {@code outcome} is {@code backorder} or {@code reject}. */
  public record Missing(long quantity, String outcome, String why) {}

  /**
   * A location considered for a line: its {@code available} to sell at planning time and {@code distanceKm} from the
   * customer (transfers: from the pickup store). {@code failed} lists each filter it failed with the reason; when it
   * passed, {@code scores} has each component, {@code points} the total and {@code rank} its place (1 = best);
   * {@code allocated} is what it got (on a rejected order: what it would have got).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Candidate(String locationId, String name, String type, Double distanceKm, long available,
                         boolean passed, List<FailedFilter> failed, List<ScorePart> scores, Double points,
                         Integer rank, Long allocated) {}

  /** A filter a candidate failed, and why in words, e.g. {@code "more than 80 km away (412.3 km)"}. */
  public record FailedFilter(String filter, String reason) {}

  /**
   * One score component of a candidate: the {@code raw} value in {@code unit} (shipping cost in currency, km, units
   * left after the line, priority), and the {@code points} it added ({@code weight} × 0..1, 0 for the best).
   */
  public record ScorePart(String score, double raw, String unit, double weight, double points) {}

  /**
   * Candidates left out of {@code candidates}: how many, how many of them passed every filter, and per filter how
   * many failed it (one candidate may fail several).
   */
  public record NotListed(int count, int passed, Map<String, Integer> failed) {}
}
