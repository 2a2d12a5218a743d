package dev.aisle.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * A piece of store work for one order at one store. {@code claimedBy} is the associate working on it (null when
 * nobody is); {@code late} is true once {@code dueAt} has passed and the task is not {@link TaskStatus#done() done}.
 * For a pickup filled by transfer, {@code transferFrom} is the store or DC the stock comes from; a ship-to-store task
 * names in {@code transferTo} the store it ships to. Unknown fields are ignored, so a device keeps working when the
 * server adds some.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Task(String id, String orderId, String storeId, TaskType type, TaskStatus status, Instant dueAt,
                   boolean late, String claimedBy, List<TaskLine> lines, String transferTo, String transferFrom,
                   Instant createdAt, Instant updatedAt) {

  /** One line to pick: {@code picked} counts up to {@code quantity} as units are scanned; {@code bin} is where. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TaskLine(int lineNo, String sku, String name, String upc, long quantity, long picked, String bin) {}
}
