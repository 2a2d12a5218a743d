package dev.aisle.server.platform;

import io.vertx.core.Vertx;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How late the HTTP event loops run what they were given: each loop runs a {@value #EVERY_MS} ms timer and records
 * by how much it fired late. Under CPU overload that delay is how long a request now waits before any handler sees
 * it, which no in-flight count can show; capture sheds load on it (503 at once) so that the wait stays bounded.
 * Each loop's value is smoothed over about ten samples, so one garbage-collection pause does not shed anything.
 */
public final class LoopLag {

  static final long EVERY_MS = 20;

  private final Map<Object, Long> lagByLoop = new ConcurrentHashMap<>();

  /** Starts measuring the loop of the calling verticle's context ({@code owner} names it). */
  void measure(Vertx vertx, Object owner) {
    long[] last = {System.nanoTime()};
    vertx.setPeriodic(EVERY_MS, id -> {
      long now = System.nanoTime();
      long sample = Math.max(0, (now - last[0]) / 1_000_000 - EVERY_MS);
      lagByLoop.merge(owner, sample, (old, fresh) -> (old * 4 + fresh) / 5);
      last[0] = now;
    });
  }

  /** The largest smoothed lag of the loops, in milliseconds. */
  public long millis() {
    long max = 0;
    for (long lag : lagByLoop.values()) {
      max = Math.max(max, lag);
    }
    return max;
  }
}
