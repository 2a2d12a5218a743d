package dev.aisle.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * The store task feed: a WebSocket of JSON text frames whose {@code type} field says what each one is.
 *
 * <p>A device opens {@link #PATH} with {@code after=<last seq it processed>} (0 from the start) and its token, as
 * the {@code Authorization: Bearer <token>} header or, where headers cannot be set (browsers), as
 * {@code access_token=<token>}. The server then sends:
 * <ol>
 *   <li>every {@link Event} with {@code seq > after}, in order (the replay);</li>
 *   <li>one {@link Ready}: the replay is over, {@code replayedUpTo} is the last seq replayed (or {@code after});</li>
 *   <li>live {@link Event}s as they happen, in order, and a {@link Ping} every {@link #HEARTBEAT_SECONDS};</li>
 *   <li>an {@link Error} just before it closes the socket, with one of the close codes below.</li>
 * </ol>
 * The device answers each ping with a {@link Pong} and sends an {@link Ack} with the highest seq it has processed.
 * A device whose unacknowledged backlog exceeds {@link #MAX_UNACKED} may be closed with {@link #CLOSE_TOO_SLOW}.
 * A device that hears nothing for {@link #MISSED_HEARTBEATS} heartbeats considers the socket dead and reconnects
 * with {@code after=<last seq>}; it may see an event twice across a reconnect and ignores any seq it already has.
 */
public final class FeedProtocol {

  /** The WebSocket endpoint; see {@link #path(String)}. */
  public static final String PATH = "/api/v1/stores/{storeId}/feed";
  /** Query parameter: the last seq the device processed, 0 for everything. */
  public static final String QUERY_AFTER = "after";
  /** Query parameter carrying the bearer token when the header cannot be set. */
  public static final String QUERY_ACCESS_TOKEN = "access_token";

  public static final int HEARTBEAT_SECONDS = 15;
  public static final int MISSED_HEARTBEATS = 2;
  public static final int MAX_UNACKED = 1000;

  /** Server stopping: reconnect (another node will answer). */
  public static final short CLOSE_GOING_AWAY = 1001;
  /** No token, or an invalid or expired one. */
  public static final short CLOSE_UNAUTHORIZED = 4401;
  /** The token is valid but not for this store. */
  public static final short CLOSE_FORBIDDEN = 4403;
  /** The device fell more than {@link #MAX_UNACKED} events behind. */
  public static final short CLOSE_TOO_SLOW = 4408;
  /** Replaced by a newer connection, or another reason. */
  public static final short CLOSE_OTHER = 4409;

  public static final String TYPE_EVENT = "event";
  public static final String TYPE_READY = "ready";
  public static final String TYPE_PING = "ping";
  public static final String TYPE_ERROR = "error";
  public static final String TYPE_ACK = "ack";
  public static final String TYPE_PONG = "pong";

  private FeedProtocol() {}

  /** The feed path of one store. */
  public static String path(String storeId) {
    return PATH.replace("{storeId}", storeId);
  }

  /** Server → device: one feed event; {@code seq} repeats {@code event.seq()} so it can be read without the rest. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Event(String type, long seq, FeedEvent event) {
    public static Event of(FeedEvent event) {
      return new Event(TYPE_EVENT, event.seq(), event);
    }
  }

  /** Server → device, once per socket: the replay is over, live events follow. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Ready(String type, String storeId, long replayedUpTo) {
    public static Ready of(String storeId, long replayedUpTo) {
      return new Ready(TYPE_READY, storeId, replayedUpTo);
    }
  }

  /** Server → device every {@link #HEARTBEAT_SECONDS}; answer with {@link Pong}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Ping(String type, Instant at) {
    public static Ping of(Instant at) {
      return new Ping(TYPE_PING, at);
    }
  }

  /** Server → device just before the server closes the socket; {@code code} is machine-readable. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Error(String type, String code, String message) {
    public static Error of(String code, String message) {
      return new Error(TYPE_ERROR, code, message);
    }
  }

  /** Device → server: every event up to {@code seq} is processed. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Ack(String type, long seq) {
    public static Ack of(long seq) {
      return new Ack(TYPE_ACK, seq);
    }
  }

  /** Device → server: the answer to a {@link Ping}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Pong(String type) {
    public static Pong of() {
      return new Pong(TYPE_PONG);
    }
  }
}
