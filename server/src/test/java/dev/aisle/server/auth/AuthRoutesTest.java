package dev.aisle.server.auth;

import dev.aisle.api.Role;
import dev.aisle.server.platform.Access;
import dev.aisle.server.platform.AisleConfig;
import dev.aisle.server.platform.DbTarget;
import dev.aisle.server.platform.FailureHandler;
import dev.aisle.server.platform.Responses;
import dev.aisle.server.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class AuthRoutesTest {

  static final String ADMIN_PASSWORD = "admin-pw-for-tests-0001";
  static final String LOCATION_SQL = """
      INSERT INTO locations (id, type, name, lat, lon, address, capabilities, opening_hours, timezone, capacity_per_day)
      VALUES ($1, 'store', $1, 42.35, -71.06, '{}'::jsonb, ARRAY['pickup'], '{}'::jsonb, 'America/New_York', 100)
      """;

  static Pool pool;
  static AuthService auth;
  static HttpServer server;
  static WebClient client;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    DbTarget db = TestPostgres.freshDatabase("auth_routes");
    pool = pool(vertx, db);
    AisleConfig config = config(ADMIN_PASSWORD);
    pool.preparedQuery(LOCATION_SQL).executeBatch(java.util.List.of(Tuple.of("STORE-A"), Tuple.of("STORE-B")))
        .compose(r -> AuthService.create(vertx, pool, config))
        .compose(a -> {
          auth = a;
          return a.bootstrapAdmin();
        })
        .compose(v -> vertx.createHttpServer().requestHandler(router(vertx, auth)).listen(0, "127.0.0.1"))
        .onComplete(ctx.succeeding(s -> {
          server = s;
          client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
              .setDefaultPort(s.actualPort()));
          ctx.completeNow();
        }));
  }

  @AfterAll
  static void stop(VertxTestContext ctx) {
    client.close();
    auth.close().compose(v -> server.close()).compose(v -> pool.close()).onComplete(ctx.succeedingThenComplete());
  }

  static Pool pool(Vertx vertx, DbTarget db) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(new PgConnectOptions().setHost(db.host()).setPort(db.port()).setDatabase(db.database())
            .setUser(db.user()).setPassword(db.password()))
        .using(vertx).build();
  }

  static AisleConfig config(String adminPassword) {
    return AisleConfig.from(new JsonObject().put("security", new JsonObject().put("adminPassword", adminPassword)
        .put("tokenTtlMinutes", 15)), Map.of());
  }

  /** The server of the brief: authenticator on /api/*, the auth routes, a store-bound test route, the failure handler. */
  static Router router(Vertx vertx, AuthService auth) {
    Router router = Router.router(vertx);
    router.route("/api/*").handler(new Authenticator(auth));
    new AuthRoutes(auth).mount(router);
    router.get("/api/v1/test/store/:id").handler(Access.require(Role.ASSOCIATE, Role.ADMIN)).handler(c -> {
      Access.checkLocation(Access.caller(c), c.pathParam("id"));
      Responses.json(c, 200, new JsonObject().put("location", c.pathParam("id")).put("actor", Access.caller(c).actor()));
    });
    // reads its body itself, without a BodyHandler, like the NDJSON feeds: the body must survive authentication
    router.post("/api/v1/test/stream").handler(Access.require(Role.INTEGRATION, Role.ADMIN)).handler(c ->
        c.request().body().onSuccess(b -> Responses.json(c, 200, new JsonObject().put("bytes", b.length())))
            .onFailure(c::fail));
    router.route().failureHandler(new FailureHandler());
    return router;
  }

  // ---------------------------------------------------------------- helpers (each returns a Future, no blocking)

  static Future<HttpResponse<Buffer>> call(HttpMethod method, String uri, String credential, Object body) {
    var req = client.request(method, uri);
    if (credential != null) {
      if (credential.startsWith("ak_")) {
        req.putHeader("X-Api-Key", credential);
      } else {
        req.bearerTokenAuthentication(credential);
      }
    }
    return body == null ? req.send()
        : body instanceof JsonObject j ? req.sendJsonObject(j)
        : req.putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body.toString()));
  }

  static Future<String> login(String username, String password) {
    return call(HttpMethod.POST, "/api/v1/auth/token", null,
        new JsonObject().put("username", username).put("password", password)).map(r -> {
          assertEquals(200, r.statusCode(), r.bodyAsString());
          return r.bodyAsJsonObject().getString("token");
        });
  }

  static Future<String> adminToken() {
    return login("admin", ADMIN_PASSWORD);
  }

  static Future<String> createUser(String admin, String username, String role, String location) {
    JsonObject body = new JsonObject().put("username", username).put("password", "pw-" + username + "-123")
        .put("role", role).put("locationId", location);
    return call(HttpMethod.POST, "/api/v1/users", admin, body).compose(r -> {
      assertEquals(201, r.statusCode(), r.bodyAsString());
      assertFalse(r.bodyAsString().contains("pbkdf2"), "the user answer must not hold the hash");
      return login(username, "pw-" + username + "-123");
    });
  }

  static Future<JsonObject> createKey(String admin, String name, String role, String channel) {
    return call(HttpMethod.POST, "/api/v1/api-keys", admin,
        new JsonObject().put("name", name).put("role", role).put("channel", channel)).map(r -> {
          assertEquals(201, r.statusCode(), r.bodyAsString());
          return r.bodyAsJsonObject();
        });
  }

  static void assertProblem(HttpResponse<Buffer> r, int status) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals("application/problem+json", r.getHeader("content-type"));
    assertEquals(status, r.bodyAsJsonObject().getInteger("status"));
  }

  static void assertProblemNaming(HttpResponse<Buffer> r, int status, String field) {
    assertProblem(r, status);
    assertTrue(r.bodyAsJsonObject().getJsonArray("errors").stream()
        .anyMatch(e -> field.equals(((JsonObject) e).getString("field"))), r.bodyAsString());
  }

  // ---------------------------------------------------------------- tests

  @Test
  @DisplayName("the bootstrapped admin signs in with the configured password and its token works")
  void adminSignsIn(VertxTestContext ctx) {
    call(HttpMethod.POST, "/api/v1/auth/token", null,
        new JsonObject().put("username", "admin").put("password", ADMIN_PASSWORD))
        .compose(r -> {
          ctx.verify(() -> {
            assertEquals(200, r.statusCode(), r.bodyAsString());
            JsonObject t = r.bodyAsJsonObject();
            assertEquals("Bearer", t.getString("tokenType"));
            assertEquals(15 * 60, t.getLong("expiresIn"));
            assertEquals("admin", t.getString("role"));
            assertNull(t.getString("locationId"));
          });
          String token = r.bodyAsJsonObject().getString("token");
          return call(HttpMethod.GET, "/api/v1/users", token, null)
              .compose(users -> call(HttpMethod.GET, "/api/v1/test/store/STORE-B", token, null).map(store -> {
                ctx.verify(() -> {
                  assertEquals(200, users.statusCode(), users.bodyAsString());
                  assertTrue(users.bodyAsString().contains("\"username\":\"admin\""));
                  assertFalse(users.bodyAsString().contains("pbkdf2"));
                  assertEquals(200, store.statusCode(), store.bodyAsString());
                });
                return null;
              }));
        })
        // a second bootstrap finds the admin and does nothing
        .compose(v -> auth.bootstrapAdmin())
        .compose(v -> pool.query("SELECT count(*) FROM users WHERE role = 'admin'").execute())
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertEquals(1L, rows.iterator().next().getLong(0));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a wrong password and an unknown user both get 401 problem+json")
  void wrongPassword(VertxTestContext ctx) {
    call(HttpMethod.POST, "/api/v1/auth/token", null, new JsonObject().put("username", "admin").put("password", "nope"))
        .compose(wrong -> call(HttpMethod.POST, "/api/v1/auth/token", null,
            new JsonObject().put("username", "nobody").put("password", "nope")).map(unknown -> {
              ctx.verify(() -> {
                assertProblem(wrong, 401);
                assertProblem(unknown, 401);
                assertEquals(wrong.bodyAsJsonObject().getString("detail"), unknown.bodyAsJsonObject().getString("detail"));
              });
              return null;
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a protected route without credentials is 401, with a garbage or tampered token also 401")
  void noCredentials(VertxTestContext ctx) {
    call(HttpMethod.GET, "/api/v1/users", null, null)
        .compose(none -> {
          ctx.verify(() -> {
            assertProblem(none, 401);
            assertTrue(none.getHeader("www-authenticate").startsWith("Bearer"));
          });
          return call(HttpMethod.GET, "/api/v1/users", "not-a-jwt", null);
        })
        .compose(garbage -> {
          ctx.verify(() -> assertProblem(garbage, 401));
          return adminToken();
        })
        .compose(token -> {
          // flip one character of the signature
          char last = token.charAt(token.length() - 2);
          String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
          return call(HttpMethod.GET, "/api/v1/users", tampered, null);
        })
        .compose(tampered -> {
          ctx.verify(() -> assertProblem(tampered, 401));
          return client.get("/api/v1/users").putHeader("Authorization", "Basic YWRtaW46eA==").send();
        })
        .onComplete(ctx.succeeding(basic -> ctx.verify(() -> {
          assertProblem(basic, 401);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an associate of store A reads store A and gets 403 for store B and for admin routes")
  void associateSeesOnlyItsStore(VertxTestContext ctx) {
    adminToken()
        .compose(admin -> createUser(admin, "ann.associate", "associate", "STORE-A"))
        .compose(ann -> call(HttpMethod.GET, "/api/v1/test/store/STORE-A", ann, null)
            .compose(own -> call(HttpMethod.GET, "/api/v1/test/store/STORE-B", ann, null)
                .compose(other -> call(HttpMethod.GET, "/api/v1/users", ann, null).map(users -> {
                  ctx.verify(() -> {
                    assertEquals(200, own.statusCode(), own.bodyAsString());
                    assertEquals("associate:ann.associate", own.bodyAsJsonObject().getString("actor"));
                    assertProblem(other, 403);
                    assertProblem(users, 403);
                  });
                  return null;
                }))))
        .compose(v -> pool.query("SELECT count(*) FROM audit_log WHERE action = 'user.create' AND target = 'ann.associate'"
            + " AND actor = 'admin'").execute())
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertEquals(1L, rows.iterator().next().getLong(0));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("store roles need an existing location, other roles must not have one; duplicates are 409")
  void userRules(VertxTestContext ctx) {
    adminToken().compose(admin -> call(HttpMethod.POST, "/api/v1/users", admin,
            new JsonObject().put("username", "nolocation").put("password", "pw-12345678").put("role", "store-manager"))
        .compose(missing -> call(HttpMethod.POST, "/api/v1/users", admin, new JsonObject().put("username", "ghost")
            .put("password", "pw-12345678").put("role", "associate").put("locationId", "NOWHERE"))
            .compose(unknown -> call(HttpMethod.POST, "/api/v1/users", admin, new JsonObject().put("username", "csr1")
                .put("password", "pw-12345678").put("role", "csr").put("locationId", "STORE-A"))
                .compose(csrWithStore -> call(HttpMethod.POST, "/api/v1/users", admin, new JsonObject()
                    .put("username", "admin").put("password", "pw-12345678").put("role", "csr"))
                    .map(duplicate -> {
                      ctx.verify(() -> {
                        assertProblemNaming(missing, 400, "locationId");
                        assertProblemNaming(unknown, 422, "locationId");
                        assertProblemNaming(csrWithStore, 400, "locationId");
                        assertProblem(duplicate, 409);
                      });
                      return null;
                    })))))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a storefront key works on its routes but gets 403 on an admin route")
  void storefrontKeyOnAdminRoute(VertxTestContext ctx) {
    adminToken()
        .compose(admin -> createKey(admin, "web shop", "storefront", "web"))
        .compose(key -> {
          ctx.verify(() -> {
            assertTrue(key.getString("key").startsWith("ak_" + key.getString("id") + "_"));
            assertEquals("storefront", key.getString("role"));
            assertEquals("web", key.getString("channel"));
          });
          return call(HttpMethod.GET, "/api/v1/users", key.getString("key"), null)
              .compose(byHeader -> client.post("/api/v1/api-keys")
                  .putHeader("Authorization", "ApiKey " + key.getString("key"))
                  .sendJsonObject(new JsonObject().put("name", "x").put("role", "integration")).map(byScheme -> {
                    ctx.verify(() -> {
                      assertProblem(byHeader, 403);
                      assertProblem(byScheme, 403);
                    });
                    return null;
                  }));
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a revoked key is refused (401) on its very next use, though it was cached a moment before")
  void revokedKey(VertxTestContext ctx) {
    adminToken().compose(admin -> createKey(admin, "feeds", "integration", null)
        .compose(key -> call(HttpMethod.POST, "/api/v1/test/stream", key.getString("key"), "{\"a\":1}\n{\"a\":2}\n")
            .compose(before -> {
              ctx.verify(() -> {
                assertEquals(200, before.statusCode(), before.bodyAsString());
                assertEquals(16, before.bodyAsJsonObject().getInteger("bytes"));
              });
              return call(HttpMethod.DELETE, "/api/v1/api-keys/" + key.getString("id"), admin, null);
            })
            .compose(revoke -> {
              ctx.verify(() -> assertEquals(204, revoke.statusCode(), revoke.bodyAsString()));
              return call(HttpMethod.POST, "/api/v1/test/stream", key.getString("key"), "{}");
            })
            .compose(after -> {
              ctx.verify(() -> assertProblem(after, 401));
              return call(HttpMethod.GET, "/api/v1/api-keys", admin, null);
            })
            .compose(list -> {
              ctx.verify(() -> {
                assertEquals(200, list.statusCode());
                assertTrue(list.bodyAsString().contains(key.getString("id")));
                assertFalse(list.bodyAsString().contains(key.getString("key").substring(16)));
                assertFalse(list.bodyAsString().contains("secret"));
              });
              return call(HttpMethod.DELETE, "/api/v1/api-keys/zzzzzzzzzzzz", admin, null);
            })))
        .onComplete(ctx.succeeding(unknown -> ctx.verify(() -> {
          assertProblem(unknown, 404);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("only the SHA-256 of a key's secret is stored, never the key or the secret")
  void keyStoredHashed(VertxTestContext ctx) {
    adminToken().compose(admin -> createKey(admin, "hashed", "storefront", "app"))
        .compose(key -> pool.preparedQuery("SELECT row_to_json(k)::text AS row, secret_hash FROM api_keys k WHERE id = $1")
            .execute(Tuple.of(key.getString("id"))).map(rows -> {
              String secret = ApiKeys.parse(key.getString("key")).secret();
              String row = rows.iterator().next().getString("row");
              ctx.verify(() -> {
                assertFalse(row.contains(secret), row);
                assertFalse(row.contains(key.getString("key")), row);
                assertEquals(ApiKeys.hash(secret), rows.iterator().next().getString("secret_hash"));
              });
              return null;
            }))
        .compose(v -> pool.query("SELECT string_agg(coalesce(detail::text, ''), ' ') FROM audit_log").execute())
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          String audit = String.valueOf(rows.iterator().next().getString(0));
          assertFalse(audit.contains("ak_"), audit);
          assertFalse(audit.contains(ADMIN_PASSWORD), audit);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a malformed JSON body is a 400 problem, never a 500; a missing username is a 400 naming it")
  void badBodies(VertxTestContext ctx) {
    call(HttpMethod.POST, "/api/v1/auth/token", null, "{\"username\": \"admin\", ")
        .compose(malformed -> call(HttpMethod.POST, "/api/v1/auth/token", null, "[1,2]")
            .compose(array -> call(HttpMethod.POST, "/api/v1/auth/token", null, new JsonObject().put("password", "x"))
                .compose(noUsername -> adminToken().compose(admin -> call(HttpMethod.POST, "/api/v1/users", admin, "{oops")
                    .compose(badUser -> call(HttpMethod.POST, "/api/v1/api-keys", admin,
                        new JsonObject().put("name", "k").put("role", "csr"))
                        .map(personKey -> {
                          ctx.verify(() -> {
                            assertProblemNaming(malformed, 400, "body");
                            assertProblemNaming(array, 400, "body");
                            assertProblemNaming(noUsername, 400, "username");
                            assertProblemNaming(badUser, 400, "body");
                            assertProblemNaming(personKey, 400, "role");
                          });
                          return null;
                        }))))))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a deactivated user can no longer sign in and its existing token stops working")
  void deactivatedUser(VertxTestContext ctx) {
    adminToken().compose(admin -> createUser(admin, "carl.csr", "csr", null)
        .compose(carl -> call(HttpMethod.GET, "/api/v1/test/store/STORE-A", carl, null)
            .compose(before -> {
              // a csr is not allowed on the test route: 403 proves the token was accepted
              ctx.verify(() -> assertProblem(before, 403));
              return call(HttpMethod.POST, "/api/v1/users/carl.csr/deactivate", admin, null);
            })
            .compose(deactivated -> {
              ctx.verify(() -> {
                assertEquals(200, deactivated.statusCode(), deactivated.bodyAsString());
                assertFalse(deactivated.bodyAsJsonObject().getBoolean("active"));
              });
              return call(HttpMethod.GET, "/api/v1/test/store/STORE-A", carl, null);
            })
            .compose(after -> {
              ctx.verify(() -> assertProblem(after, 401));
              return call(HttpMethod.POST, "/api/v1/auth/token", null,
                  new JsonObject().put("username", "carl.csr").put("password", "pw-carl.csr-123"));
            })
            .compose(signIn -> {
              ctx.verify(() -> assertProblem(signIn, 401));
              return call(HttpMethod.POST, "/api/v1/users/admin/deactivate", admin, null);
            })))
        .onComplete(ctx.succeeding(lastAdmin -> ctx.verify(() -> {
          assertProblem(lastAdmin, 409);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("without a configured password the first admin gets a generated one, printed once on stdout")
  void generatedAdminPassword(Vertx vertx, VertxTestContext ctx) {
    DbTarget db = TestPostgres.freshDatabase("auth_generated_admin");
    Pool other = pool(vertx, db);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    AuthService.create(vertx, other, config(""))
        .compose(a -> a.bootstrapAdmin().compose(v -> a.bootstrapAdmin()).compose(v -> {
          System.setOut(stdout);
          String out = captured.toString(StandardCharsets.UTF_8);
          Matcher m = Pattern.compile("Aisle admin password \\(shown once\\): (\\S+)").matcher(out);
          ctx.verify(() -> {
            assertTrue(m.find(), out);
            assertFalse(m.find(), "printed twice: " + out);
          });
          m.reset().find();
          return a.issueToken("admin", m.group(1))
              .compose(token -> a.issueToken("admin", "wrong").transform(wrong -> {
                ctx.verify(() -> assertTrue(wrong.failed() && wrong.cause() instanceof dev.aisle.server.platform.ApiProblem p
                    && p.status() == 401));
                return other.query("SELECT value FROM settings WHERE name = 'jwt.secret'").execute();
              }))
              .compose(rows -> {
                ctx.verify(() -> assertEquals(1, rows.size(), "the generated JWT secret is shared through settings"));
                return a.close();
              });
        }))
        .onComplete(ar -> {
          System.setOut(stdout);
          other.close();
          ctx.<Void>succeedingThenComplete().handle(ar);
        });
  }
}
