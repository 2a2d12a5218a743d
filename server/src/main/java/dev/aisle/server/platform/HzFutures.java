package dev.aisle.server.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Hazelcast async results as Vert.x futures on the caller's context. */
public final class HzFutures {

  private HzFutures() {}

  /**
   * A near-cache hit is already complete and is answered without any thread hop. Otherwise the relay completes on the
   * Hazelcast thread that finishes the call: Hazelcast's own {@code whenComplete} goes through its default async
   * executor, which on a machine whose common pool has one thread (2 cores) starts a new thread per callback.
   */
  public static <T> Future<T> bridge(Vertx vertx, CompletionStage<T> stage) {
    CompletableFuture<T> cf = stage.toCompletableFuture();
    if (cf.isDone() && !cf.isCompletedExceptionally()) {
      return Future.succeededFuture(cf.getNow(null));
    }
    CompletableFuture<T> relay = new CompletableFuture<>();
    stage.whenCompleteAsync((value, error) -> {
      if (error != null) {
        relay.completeExceptionally(error);
      } else {
        relay.complete(value);
      }
    }, Runnable::run);
    Context context = vertx.getOrCreateContext();
    return Future.fromCompletionStage(relay, context);
  }
}
