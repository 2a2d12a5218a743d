package dev.aisle.api;

import java.util.List;

/**
 * The answer to a bulk feed (snapshot or adjustments). Every line is counted once: {@code applied} (durable),
 * {@code stale} (older than what is stored, ignored), or {@code rejected} (named in {@code rejects} with the
 * reason; the list is capped, the count is not).
 */
public record FeedResult(int lines, int applied, int stale, int rejected, List<LineReject> rejects) {

  /** A line that was not applied: its 1-based line (or array index + 1) and why. */
  public record LineReject(int line, String reason) {}
}
