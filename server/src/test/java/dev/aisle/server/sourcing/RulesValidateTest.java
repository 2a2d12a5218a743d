package dev.aisle.server.sourcing;

import dev.aisle.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rules editor checks a draft before activating it; checking never changes what is active. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RulesValidateTest {

  static TestNode node;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("rules_validate");
    admin = node.adminToken();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  @DisplayName("a valid draft comes back normalised and stays inactive; an invalid one is a 422 naming each field;"
      + " only admins may check")
  void validateDraft() throws Exception {
    JsonObject active = node.call(HttpMethod.GET, "/api/v1/sourcing/rules", admin, null).bodyAsJsonObject();
    JsonObject draft = active.getJsonObject("document").copy().put("name", "no-downtown").put("version", 1);
    draft.remove("rates");
    draft.getJsonArray("filters").add(new JsonObject().put("type", "excludeLocations")
        .put("locations", new JsonArray().add("B-DOWNTOWN")));

    HttpResponse<Buffer> ok = node.call(HttpMethod.POST, "/api/v1/sourcing/rules/validate", admin, draft);
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    JsonObject document = ok.bodyAsJsonObject().getJsonObject("document");
    assertEquals("no-downtown", ok.bodyAsJsonObject().getString("name"));
    JsonArray filters = document.getJsonArray("filters");
    assertEquals(List.of("B-DOWNTOWN"), filters.getJsonObject(filters.size() - 1).getJsonArray("locations").getList());
    assertTrue(document.containsKey("rates"), "defaults filled in: " + document);
    assertTrue(!document.containsKey("version"), "metadata dropped: " + document);
    JsonObject after = node.call(HttpMethod.GET, "/api/v1/sourcing/rules", admin, null).bodyAsJsonObject();
    assertEquals(active.getInteger("version"), after.getInteger("version"), "checking activates nothing");
    assertEquals(1, node.call(HttpMethod.GET, "/api/v1/sourcing/rules/versions", admin, null).bodyAsJsonArray()
        .size(), "checking stores nothing");

    HttpResponse<Buffer> bad = node.call(HttpMethod.POST, "/api/v1/sourcing/rules/validate", admin,
        draft.copy().put("maxSplits", -1).put("scores", new JsonArray().add(new JsonObject().put("type", "luck"))));
    assertEquals(422, bad.statusCode(), bad.bodyAsString());
    List<String> fields = bad.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).toList();
    assertTrue(fields.contains("maxSplits") && fields.contains("scores[0].type"), fields.toString());

    String csr = node.userToken(admin, "cleo", "csr", null);
    assertEquals(403, node.call(HttpMethod.POST, "/api/v1/sourcing/rules/validate", csr, draft).statusCode());
  }
}
