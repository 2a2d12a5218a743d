package dev.aisle.server.platform;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole default path: embedded PostgreSQL in a data folder, stop, start again on the same folder. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RestartTest {

  private static final String PASSWORD = "restart-admin-secret";

  private static AisleConfig config(Path dataDir) {
    return AisleConfig.from(new JsonObject()
        .put("dataDir", dataDir.toString())
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 1))
        .put("cluster", new JsonObject().put("name", "restart-" + ThreadLocalRandom.current().nextInt(1 << 30))
            .put("port", 21000 + ThreadLocalRandom.current().nextInt(20_000)))
        .put("security", new JsonObject().put("adminPassword", PASSWORD)), Map.of());
  }

  private static HttpResponse<Buffer> send(WebClient web, String method, String uri, String token, JsonObject body)
      throws Exception {
    var req = web.request(io.vertx.core.http.HttpMethod.valueOf(method), uri);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    return (body == null ? req.send() : req.sendJsonObject(body)).await(30, TimeUnit.SECONDS);
  }

  private static String login(WebClient web) throws Exception {
    HttpResponse<Buffer> r = send(web, "POST", "/api/v1/auth/token", null,
        new JsonObject().put("username", "admin").put("password", PASSWORD));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("token");
  }

  @Test
  @DisplayName("products, locations, stock and users survive a stop and start on the same data folder")
  void dataSurvivesRestart() throws Exception {
    Path dataDir = Files.createDirectories(Path.of("server/target/restart-test-" + System.nanoTime()));
    AisleConfig config = config(dataDir);

    try (AisleNode first = AisleNode.start(config)) {
      WebClient web = WebClient.create(first.vertx(), new WebClientOptions().setDefaultPort(first.httpPort()));
      String token = login(web);
      assertEquals(201, send(web, "PUT", "/api/v1/products/KETTLE-1", token, new JsonObject()
          .put("name", "Electric Kettle").put("upc", "036000291452").put("priceCents", 2999)
          .put("weightGrams", 1100).put("category", "kitchen")).statusCode());
      HttpResponse<Buffer> loc = send(web, "PUT", "/api/v1/locations/S-42", token, new JsonObject()
          .put("type", "store").put("name", "Aisle Somerville").put("lat", 42.3876).put("lon", -71.0995)
          .put("address", new JsonObject().put("line1", "1 Elm St").put("city", "Somerville").put("region", "MA")
              .put("postalCode", "02144"))
          .put("capabilities", new io.vertx.core.json.JsonArray().add("pickup").add("ship"))
          .put("openingHours", new JsonObject().put("mon", "09:00-21:00").put("tue", "09:00-21:00")
              .put("wed", "09:00-21:00").put("thu", "09:00-21:00").put("fri", "09:00-21:00")
              .put("sat", "09:00-21:00").put("sun", "closed"))
          .put("timezone", "America/New_York").put("capacityPerDay", 150));
      assertEquals(201, loc.statusCode(), loc.bodyAsString());
      HttpResponse<Buffer> set = send(web, "PUT", "/api/v1/inventory/S-42/KETTLE-1", token,
          new JsonObject().put("onHand", 17).put("safetyStock", 2).put("feedSeq", 5));
      assertEquals(200, set.statusCode(), set.bodyAsString());
      web.close();
    }

    try (AisleNode second = AisleNode.start(config)) {
      WebClient web = WebClient.create(second.vertx(), new WebClientOptions().setDefaultPort(second.httpPort()));
      String token = login(web);
      HttpResponse<Buffer> product = send(web, "GET", "/api/v1/products/KETTLE-1", null, null);
      assertEquals(200, product.statusCode());
      assertEquals("Electric Kettle", product.bodyAsJsonObject().getString("name"));
      assertEquals(200, send(web, "GET", "/api/v1/locations/S-42", null, null).statusCode());
      HttpResponse<Buffer> position = send(web, "GET", "/api/v1/inventory/S-42/KETTLE-1", token, null);
      assertEquals(200, position.statusCode(), position.bodyAsString());
      JsonObject p = position.bodyAsJsonObject();
      assertEquals(17, p.getLong("onHand"), "the cold-started pool was rebuilt from PostgreSQL");
      assertEquals(15, p.getLong("availableToSell"));
      assertEquals(5, p.getLong("feedSeq"));
      HttpResponse<Buffer> ready = send(web, "GET", "/health/ready", null, null);
      assertEquals(200, ready.statusCode(), ready.bodyAsString());
      web.close();
    }
    assertTrue(Files.exists(dataDir.resolve("postgres")), "the database lives in the data folder");
  }
}
