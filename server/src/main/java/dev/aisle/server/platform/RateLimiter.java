package dev.aisle.server.platform;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address for the public endpoints (per node: a cluster of n nodes allows n times the
 * rate to a client that spreads its calls). Over the limit: 429 with {@code Retry-After}.
 */
public final class RateLimiter implements Handler<RoutingContext> {

  private final double perSecond;
  private final double burst;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(Vertx vertx, AisleConfig.RateLimit config) {
    this.perSecond = config.publicPerSecond();
    this.burst = Math.max(config.publicBurst(), config.publicPerSecond());
    if (perSecond > 0) {
      // Forget clients that have been quiet long enough to have a full bucket again.
      vertx.setPeriodic(60_000, id -> {
        long now = System.nanoTime();
        buckets.values().removeIf(b -> b.full(now));
      });
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (perSecond <= 0) {
      ctx.next();
      return;
    }
    String client = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    Bucket bucket = buckets.computeIfAbsent(client, k -> new Bucket());
    if (bucket.take(System.nanoTime())) {
      ctx.next();
    } else {
      ctx.fail(ApiProblem.tooManyRequests((int) Math.max(1, Math.ceil(1 / perSecond))));
    }
  }

  private final class Bucket {
    private double tokens = burst;
    private long last = System.nanoTime();

    synchronized boolean take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= burst;
    }

    private void refill(long now) {
      tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
      last = now;
    }
  }
}
