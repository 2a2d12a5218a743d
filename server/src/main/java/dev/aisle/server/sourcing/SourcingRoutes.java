package dev.aisle.server.sourcing;

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

/** The sourcing rules over HTTP: admins read, validate, replace and roll back the active rule set. */
public final class SourcingRoutes {

  private final RulesService rules;

  public SourcingRoutes(RulesService rules) {
    this.rules = rules;
  }

  public void mount(Router router) {
    router.get("/api/v1/sourcing/rules").handler(Access.require(Role.ADMIN)).handler(this::current);
    router.put("/api/v1/sourcing/rules").handler(BodyHandler.create().setBodyLimit(64 * 1024))
        .handler(Access.require(Role.ADMIN)).handler(this::replace);
    router.post("/api/v1/sourcing/rules/validate").handler(BodyHandler.create().setBodyLimit(64 * 1024))
        .handler(Access.require(Role.ADMIN)).handler(this::validate);
    router.get("/api/v1/sourcing/rules/versions").handler(Access.require(Role.ADMIN)).handler(this::versions);
    router.post("/api/v1/sourcing/rules/versions/:version/activate").handler(Access.require(Role.ADMIN))
        .handler(this::activate);
  }

  private void current(RoutingContext ctx) {
    rules.current().onSuccess(v -> Responses.json(ctx, 200, v)).onFailure(ctx::fail);
  }

  private void replace(RoutingContext ctx) {
    rules.replace(Access.caller(ctx), Validation.body(ctx)).onSuccess(v -> Responses.json(ctx, 200, v))
        .onFailure(ctx::fail);
  }

  /** Checks a draft exactly as replacing would and answers it normalised, storing nothing. */
  private void validate(RoutingContext ctx) {
    RuleSet rules = RuleSet.parse(Validation.body(ctx));
    Responses.json(ctx, 200, new JsonObject().put("name", rules.name()).put("document", rules.toJson()));
  }

  private void versions(RoutingContext ctx) {
    rules.versions(PageParams.limit(ctx, 50, 500)).onSuccess(v -> Responses.json(ctx, 200, v)).onFailure(ctx::fail);
  }

  private void activate(RoutingContext ctx) {
    int version;
    try {
      version = Integer.parseInt(ctx.pathParam("version"));
    } catch (NumberFormatException e) {
      throw ApiProblem.invalidField("version", "must be a version number");
    }
    rules.activate(Access.caller(ctx), version).onSuccess(v -> Responses.json(ctx, 200, v)).onFailure(ctx::fail);
  }
}
