package dev.aisle.server.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aisle.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps {@code openapi.yaml} true to the routes a real node mounts. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OpenApiTest {

  /** Routes without {@code Access.require}: the ones the document must declare with {@code security: []}. */
  private static final Set<String> PUBLIC = Set.of(
      "GET /health/live",
      "GET /health/ready",
      "GET /metrics",
      "GET /api/v1/openapi.yaml",
      "POST /api/v1/auth/token",
      "GET /api/v1/products/{sku}",
      "GET /api/v1/products",
      "GET /api/v1/locations/{id}",
      "GET /api/v1/locations",
      "GET /api/v1/availability");

  /** Catch-alls that are not operations: the authenticator in front of the API and the web apps. */
  private static final Set<String> CATCH_ALLS = Set.of("/api/*", "/api/", "/*", "/");

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
      "trace");
  private static final Set<String> ROLES = Set.of("public", "admin", "csr", "store-manager", "associate",
      "storefront", "integration");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static TestNode node;
  static JsonNode doc;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("openapi");
    try (InputStream in = OpenApiTest.class.getResourceAsStream(ApiRouter.OPENAPI_RESOURCE)) {
      assertNotNull(in, "openapi.yaml is not on the class path");
      doc = YAML.readTree(in);
    }
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** "METHOD /path/{param}" of every operation in the document, with the operation. */
  private static Map<String, JsonNode> documented() {
    Map<String, JsonNode> ops = new TreeMap<>();
    doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (METHODS.contains(op.getKey())) {
        ops.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
      }
    }));
    return ops;
  }

  /** "METHOD /path/{param}" of every route the node's router serves. */
  private static Set<String> mounted() {
    Set<String> routes = new TreeSet<>();
    for (Route route : node.node().router().getRoutes()) {
      String path = route.getPath();
      Set<HttpMethod> methods = route.methods();
      if (path == null || methods == null || methods.isEmpty() || CATCH_ALLS.contains(path)) {
        continue;
      }
      String templated = path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      methods.forEach(m -> routes.add(m.name() + " " + templated));
    }
    return routes;
  }

  private static String differences(Set<String> code, Set<String> documented) {
    Set<String> missing = new TreeSet<>(code);
    missing.removeAll(documented);
    Set<String> extra = new TreeSet<>(documented);
    extra.removeAll(code);
    return "mounted but not documented: " + missing + "; documented but not mounted: " + extra;
  }

  @Test
  @DisplayName("the document declares exactly the routes the node mounts")
  void documentMatchesRoutes() {
    Set<String> code = mounted();
    Set<String> documented = documented().keySet();
    assertTrue(code.size() > 10, "the router lists too few routes: " + code);
    assertEquals(code, documented, differences(code, documented));
  }

  @Test
  @DisplayName("the document is served at /api/v1/openapi.yaml as OpenAPI 3.0")
  void documentIsServed() throws Exception {
    HttpResponse<Buffer> r = node.call(HttpMethod.GET, "/api/v1/openapi.yaml", null, null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonNode served = YAML.readTree(r.bodyAsString());
    assertTrue(served.path("openapi").asText().matches("3\\.0\\.\\d+"), "openapi: " + served.path("openapi"));
    assertEquals(doc, served, "the served document differs from the resource");
    assertTrue(served.path("components").path("schemas").has("Problem"), "no Problem schema");
    assertTrue(served.path("components").path("securitySchemes").has("bearer"), "no bearer scheme");
    assertTrue(served.path("components").path("securitySchemes").has("apiKey"), "no apiKey scheme");
  }

  @Test
  @DisplayName("every operation states its responses, security and roles, and only public routes are open")
  void everyOperationStatesAccess() {
    List<String> problems = new ArrayList<>();
    documented().forEach((op, o) -> {
      if (!o.path("responses").isObject() || o.path("responses").isEmpty()) {
        problems.add(op + ": no responses");
      }
      JsonNode security = o.get("security");
      JsonNode roles = o.get("x-roles");
      if (security == null || !security.isArray()) {
        problems.add(op + ": no security");
      }
      if (roles == null || !roles.isArray() || roles.isEmpty()) {
        problems.add(op + ": no x-roles");
        return;
      }
      Set<String> named = new TreeSet<>();
      roles.forEach(r -> named.add(r.asText()));
      if (!ROLES.containsAll(named)) {
        problems.add(op + ": unknown role in x-roles " + named);
      }
      boolean open = security != null && security.isArray() && security.isEmpty();
      boolean shouldBeOpen = PUBLIC.contains(op);
      if (open != shouldBeOpen) {
        problems.add(op + (shouldBeOpen ? ": is public but has security " + security
            : ": needs credentials but has security: []"));
      }
      if (shouldBeOpen != named.equals(Set.of("public"))) {
        problems.add(op + ": x-roles " + named + (shouldBeOpen ? " should be [public]" : " must not say public"));
      }
    });
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  @DisplayName("every path parameter of a templated path is declared under the same name")
  void pathParametersAreDeclared() {
    List<String> problems = new ArrayList<>();
    documented().forEach((op, o) -> {
      String path = op.substring(op.indexOf(' ') + 1);
      Set<String> inPath = new TreeSet<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
      while (m.find()) {
        inPath.add(m.group(1));
      }
      Set<String> declared = new TreeSet<>();
      o.path("parameters").forEach(p -> {
        JsonNode param = resolve(p);
        if ("path".equals(param.path("in").asText())) {
          declared.add(param.path("name").asText());
        }
      });
      if (!inPath.equals(declared)) {
        problems.add(op + ": path has " + inPath + ", parameters declare " + declared);
      }
    });
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** Follows a local {@code $ref} such as {@code #/components/parameters/Cursor}. */
  private static JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : doc.at(ref.asText().substring(1));
  }
}
