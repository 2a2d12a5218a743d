package dev.aisle.server.orders;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import dev.aisle.server.platform.HzFutures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Idempotency keys of order capture, cluster-wide in a Hazelcast map ({@value #MAP}): the first request with a key
 * claims it; a retry gets the order it created back. A claim in flight is taken over once stale (a node that died
 * mid-request does not block the key for a day); a completed key is kept for the configured time, as the order id
 * only, and the map evicts the least recently used keys beyond its size limit (config/hazelcast.xml). PostgreSQL's
 * unique (channel, idempotency key) is the durable backstop: an evicted or pre-restart key still finds its order.
 */
final class IdempotencyKeys {

  static final String MAP = "aisle.idempotency-keys";

  /**
   * {@code status} 0 while the first request is in flight (since {@code at}, epoch millis). A plain record: Hazelcast
   * serializes it as compact (zero-config), several times cheaper than Java serialization for the stored answer.
   */
  record Entry(String bodyHash, int status, String orderId, long at) {
    boolean inFlight() {
      return status == 0;
    }
  }

  private final Vertx vertx;
  private final IMap<String, Entry> map;
  private final long ttlSeconds;
  private final long inFlightSeconds;

  IdempotencyKeys(Vertx vertx, HazelcastInstance hazelcast, long ttlSeconds, long inFlightSeconds) {
    this.vertx = vertx;
    this.map = hazelcast.getMap(MAP);
    this.ttlSeconds = ttlSeconds;
    this.inFlightSeconds = inFlightSeconds;
  }

  static String key(String channel, String idempotencyKey) {
    return channel + '\u0000' + idempotencyKey;
  }

  static String hash(Buffer body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims the key; answers null when this request is the first, else what the key holds. */
  Future<Entry> claim(String key, String bodyHash) {
    long now = System.currentTimeMillis();
    return HzFutures.bridge(vertx, map.submitToKey(key,
        new Claim(bodyHash, now, now - inFlightSeconds * 1_000, ttlSeconds)));
  }

  /** Remembers the order the key created (not the answer itself: entries stay small however many there are). */
  Future<Void> complete(String key, String bodyHash, int status, String orderId) {
    return HzFutures.bridge(vertx, map.setAsync(key, new Entry(bodyHash, status, orderId, System.currentTimeMillis()),
        ttlSeconds, TimeUnit.SECONDS));
  }

  /** Forgets a claim whose request failed in a way worth retrying (5xx). */
  Future<Void> forget(String key) {
    return HzFutures.bridge(vertx, map.removeAsync(key)).mapEmpty();
  }

  /**
   * Sets the in-flight entry unless the key holds one already; a claim in flight since before {@code staleBefore}
   * (its node died mid-request) is taken over. Answers null when claimed, else the entry found.
   */
  static final class Claim implements EntryProcessor<String, Entry, Entry> {
    private final String bodyHash;
    private final long at;
    private final long staleBefore;
    private final long ttlSeconds;

    Claim(String bodyHash, long at, long staleBefore, long ttlSeconds) {
      this.bodyHash = bodyHash;
      this.at = at;
      this.staleBefore = staleBefore;
      this.ttlSeconds = ttlSeconds;
    }

    @Override
    public Entry process(Map.Entry<String, Entry> entry) {
      Entry current = entry.getValue();
      if (current != null && !(current.inFlight() && current.at() < staleBefore)) {
        return current;
      }
      ((ExtendedMapEntry<String, Entry>) entry).setValue(new Entry(bodyHash, 0, null, at), ttlSeconds,
          TimeUnit.SECONDS);
      return null;
    }
  }
}
