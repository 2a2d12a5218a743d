package dev.aisle.api.client;

import io.vertx.core.Future;

/**
 * A followed store feed (see {@link StoreAppClient#follow}). It delivers each event once, in seq order, and keeps
 * doing so across dropped sockets, server restarts and missed heartbeats by reconnecting with the last delivered seq,
 * until {@link #close()}. Methods may be called from any thread.
 */
public interface FeedSubscription {

  /** The seq of the last event delivered to the consumer (the {@code afterSeq} given until one is). */
  long lastSeq();

  /** True once the server said {@code ready} on the current socket: the replay is over, events are live. */
  boolean live();

  /**
   * Completes when the feed is {@link #live()}: at once if it is, else at the next {@code ready}. Fails if the
   * subscription is closed first.
   */
  Future<Void> awaitLive();

  /** Closes the current socket at once, as a lost connection would; the subscription reconnects and resumes. */
  void dropConnection();

  /** Stops following: closes the socket and stops reconnecting. Nothing is delivered after this completes. */
  Future<Void> close();
}
