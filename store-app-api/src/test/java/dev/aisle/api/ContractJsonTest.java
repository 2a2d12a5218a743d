package dev.aisle.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The records as the Vert.x Jackson codec (DatabindCodec) writes and reads them: what goes over the wire. */
class ContractJsonTest {

  static final Instant AT = Instant.parse("2026-11-27T14:05:30.250Z");

  static Task task() {
    return new Task("T-1", "O-9", "S001", TaskType.PICKUP, TaskStatus.AWAITING_TRANSFER, AT.plusSeconds(7200), false,
        "ana", List.of(new Task.TaskLine(1, "SKU-1", "Kettle", "012345678905", 2, 0, "A-03-2")), null, "DC1", AT,
        AT);
  }

  @Test
  @DisplayName("a task round-trips, with wire names for its enums and ISO-8601 instants")
  void taskRoundTrip() {
    String json = Json.encode(task());
    JsonObject tree = new JsonObject(json);
    assertEquals("pickup", tree.getString("type"));
    assertEquals("awaiting-transfer", tree.getString("status"));
    assertEquals("2026-11-27T16:05:30.250Z", tree.getString("dueAt"));
    assertEquals("A-03-2", tree.getJsonArray("lines").getJsonObject(0).getString("bin"));
    assertEquals(task(), Json.decodeValue(json, Task.class));
  }

  @Test
  @DisplayName("a task with fields this client does not know still reads; an unknown status does not")
  void tolerantReader() {
    JsonObject tree = JsonObject.mapFrom(task()).put("priority", 3);
    tree.getJsonArray("lines").getJsonObject(0).put("imageUrl", "x");
    assertEquals(task(), Json.decodeValue(tree.encode(), Task.class));
    assertThrows(DecodeException.class, () -> Json.decodeValue(tree.put("status", "lost").encode(), Task.class));
  }

  @Test
  @DisplayName("a feed event round-trips with its task")
  void feedEventRoundTrip() {
    FeedEvent event = new FeedEvent("S001", 42, AT, FeedEventTypes.TASK_CREATED, "T-1", "O-9", task());
    String json = Json.encode(event);
    assertEquals("task-created", new JsonObject(json).getString("type"));
    assertEquals(event, Json.decodeValue(json, FeedEvent.class));
  }

  @Test
  @DisplayName("protocol messages have the documented shapes and round-trip")
  void protocolMessages() {
    FeedEvent event = new FeedEvent("S001", 42, AT, FeedEventTypes.TASK_READY, "T-1", "O-9", task());
    FeedProtocol.Event message = FeedProtocol.Event.of(event);
    JsonObject tree = new JsonObject(Json.encode(message));
    assertEquals("event", tree.getString("type"));
    assertEquals(42, tree.getLong("seq"));
    assertEquals("task-ready", tree.getJsonObject("event").getString("type"));
    assertEquals(message, Json.decodeValue(tree.encode(), FeedProtocol.Event.class));

    assertJson("{\"type\":\"ready\",\"storeId\":\"S001\",\"replayedUpTo\":12}", FeedProtocol.Ready.of("S001", 12));
    assertJson("{\"type\":\"ping\",\"at\":\"2026-11-27T14:05:30.250Z\"}", FeedProtocol.Ping.of(AT));
    assertJson("{\"type\":\"error\",\"code\":\"too-slow\",\"message\":\"1001 unacknowledged\"}",
        FeedProtocol.Error.of("too-slow", "1001 unacknowledged"));
    assertJson("{\"type\":\"ack\",\"seq\":42}", FeedProtocol.Ack.of(42));
    assertJson("{\"type\":\"pong\"}", FeedProtocol.Pong.of());
    assertEquals("/api/v1/stores/S001/feed", FeedProtocol.path("S001"));
  }

  @Test
  @DisplayName("command bodies round-trip; a pick scan without a quantity means one unit")
  void commands() {
    assertEquals(new PickScan("012345678905", 1), Json.decodeValue("{\"upc\":\"012345678905\"}", PickScan.class));
    assertEquals(new PickScan("012345678905", 3),
        Json.decodeValue("{\"upc\":\"012345678905\",\"quantity\":3}", PickScan.class));
    assertEquals("{\"upc\":\"012345678905\",\"quantity\":1}", Json.encode(new PickScan("012345678905")));
    Pack pack = new Pack(List.of(new Pack.Package(1.25, 30, 20, 10)));
    assertEquals(pack, Json.decodeValue(Json.encode(pack), Pack.class));
    ShortPick shortPick = new ShortPick(2, 1, "damaged");
    assertEquals(shortPick, Json.decodeValue(Json.encode(shortPick), ShortPick.class));
    Handover handover = new Handover("483920", "O-9", "Ana Lima");
    assertEquals(handover, Json.decodeValue(Json.encode(handover), Handover.class));
  }

  private static <T> void assertJson(String expected, T message) {
    assertEquals(expected, Json.encode(message));
    assertEquals(message, Json.decodeValue(expected, message.getClass()));
  }
}
