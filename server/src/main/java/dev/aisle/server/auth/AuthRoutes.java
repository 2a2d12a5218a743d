package dev.aisle.server.auth;

import dev.aisle.api.Role;
import dev.aisle.server.platform.Access;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.PageParams;
import dev.aisle.server.platform.Responses;
import dev.aisle.server.platform.Validation;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code /api/v1/auth/token} (public: sign-in), {@code /api/v1/users} and {@code /api/v1/api-keys} (admin only).
 */
public final class AuthRoutes {

  private static final int BODY_LIMIT = 64 * 1024;

  private final AuthService auth;

  public AuthRoutes(AuthService auth) {
    this.auth = auth;
  }

  /** Vert.x Web requires a route's BodyHandler before its other handlers, hence body() ahead of the guard. */
  public void mount(Router router) {
    // public: anyone may try to sign in
    router.post("/api/v1/auth/token").handler(body()).handler(this::token);
    // admin
    router.post("/api/v1/users").handler(body()).handler(Access.require(Role.ADMIN)).handler(this::createUser);
    router.get("/api/v1/users").handler(Access.require(Role.ADMIN)).handler(this::listUsers);
    router.post("/api/v1/users/:username/deactivate").handler(Access.require(Role.ADMIN)).handler(this::deactivate);
    router.post("/api/v1/api-keys").handler(body()).handler(Access.require(Role.ADMIN)).handler(this::createKey);
    router.get("/api/v1/api-keys").handler(Access.require(Role.ADMIN)).handler(this::listKeys);
    router.delete("/api/v1/api-keys/:id").handler(Access.require(Role.ADMIN)).handler(this::revokeKey);
  }

  private static BodyHandler body() {
    return BodyHandler.create().setBodyLimit(BODY_LIMIT);
  }

  private void token(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    Validation v = new Validation();
    String username = v.string(body, "username", 64);
    String password = v.string(body, "password", AuthService.MAX_PASSWORD);
    v.throwIfInvalid();
    auth.login(username, password)
        .onSuccess(t -> Responses.json(ctx, 200, t))
        .onFailure(ctx::fail);
  }

  private void createUser(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    Validation v = new Validation();
    String username = v.string(body, "username", 64);
    String password = v.string(body, "password", AuthService.MAX_PASSWORD);
    Role role = role(v, body);
    String locationId = v.optionalString(body, "locationId", 64, null);
    v.throwIfInvalid();
    NewUser user = new NewUser(username, password, role, locationId);
    AuthService.checkUser(user);
    auth.createUser(Access.caller(ctx), user)
        .onSuccess(u -> Responses.json(ctx, 201, u))
        .onFailure(ctx::fail);
  }

  private void listUsers(RoutingContext ctx) {
    auth.listUsers(ctx.queryParams().get("cursor"), PageParams.limit(ctx, 100, 1000))
        .onSuccess(page -> Responses.json(ctx, 200, page))
        .onFailure(ctx::fail);
  }

  private void deactivate(RoutingContext ctx) {
    auth.deactivate(Access.caller(ctx), ctx.pathParam("username"))
        .onSuccess(u -> Responses.json(ctx, 200, u))
        .onFailure(ctx::fail);
  }

  private void createKey(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    Validation v = new Validation();
    String name = v.string(body, "name", 100);
    Role role = role(v, body);
    String channel = v.optionalString(body, "channel", 64, null);
    if (role != null && role.person()) {
      v.fail("role", "must be storefront or integration");
    }
    if (role == Role.STOREFRONT && body.getValue("channel") == null) {
      v.fail("channel", "is required for a storefront key");
    }
    v.throwIfInvalid();
    auth.createApiKey(name, role, channel, Access.caller(ctx))
        .onSuccess(k -> Responses.json(ctx, 201, k))
        .onFailure(ctx::fail);
  }

  private void listKeys(RoutingContext ctx) {
    auth.listApiKeys(ctx.queryParams().get("cursor"), PageParams.limit(ctx, 100, 1000))
        .onSuccess(page -> Responses.json(ctx, 200, page))
        .onFailure(ctx::fail);
  }

  private void revokeKey(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!ApiKeys.validId(id)) {
      throw ApiProblem.notFound("no API key " + id);
    }
    auth.revokeApiKey(Access.caller(ctx), id)
        .onSuccess(k -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /** The body as a JSON object: 400 naming {@code body} when it is missing, not JSON or not an object. */
  private static JsonObject jsonBody(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() == 0) {
      throw ApiProblem.invalidField("body", "a JSON object is required");
    }
    Object parsed;
    try {
      parsed = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw ApiProblem.invalidField("body", "is not a valid JSON object");
    }
    if (parsed == null) {
      throw ApiProblem.invalidField("body", "a JSON object is required");
    }
    return (JsonObject) parsed;
  }

  private static Role role(Validation v, JsonObject body) {
    String wire = v.string(body, "role", 32);
    if (wire == null) {
      return null;
    }
    try {
      return Role.fromWire(wire);
    } catch (IllegalArgumentException e) {
      v.fail("role", "must be one of admin, csr, store-manager, associate, storefront, integration");
      return null;
    }
  }
}
