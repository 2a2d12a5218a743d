package dev.aisle.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * One entry of a store's task feed. {@code seq} increases strictly within a store (gaps are possible) and is what a
 * device resumes from; {@code type} is one of {@link FeedEventTypes}; {@code task} is the task as it is after the
 * event, so a device can replace its copy without another call.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedEvent(String storeId, long seq, Instant at, String type, String taskId, String orderId, Task task) {}
