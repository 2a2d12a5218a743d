package dev.aisle.server.orders;

import dev.aisle.server.sourcing.Decision;
import dev.aisle.server.sourcing.GoldenCases;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stored form of routing decisions gives back exactly what was decided. */
class StoredDecisionTest {

  @BeforeAll
  static void load() throws Exception {
    GoldenCases.load();
  }

  @Test
  @DisplayName("every golden decision comes back from its stored form as the same JSON, in a fraction of its size")
  void roundTrip() {
    long jsonBytes = 0;
    long storedBytes = 0;
    for (GoldenCases.Case c : GoldenCases.cases()) {
      Decision d = c.plan().decision();
      Buffer stored = StoredDecision.encode(d);
      String json = Json.encode(d);
      assertEquals(json, StoredDecision.decode(stored).encode());
      jsonBytes += json.length();
      storedBytes += stored.length();
    }
    assertTrue(storedBytes * 3 < jsonBytes, storedBytes + " bytes stored for " + jsonBytes + " of JSON");
  }

  @Test
  @DisplayName("decisions stored before V13 (plain JSON behind a 0) still read")
  void plainJsonStillReads() {
    JsonObject json = new JsonObject(Json.encode(GoldenCases.cases().get(7).plan().decision()));
    byte[] text = json.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(json, StoredDecision.decode(Buffer.buffer().appendByte((byte) 0).appendBytes(text)));
  }
}
