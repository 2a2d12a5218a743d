package dev.aisle.server.platform;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.List;
import java.util.function.Consumer;

/**
 * Assembles the router every HTTP verticle serves: authentication in front of {@code /api}, each capability's routes,
 * the OpenAPI document, metrics, the web apps, and the one failure handler.
 */
public final class ApiRouter {

  public static final String OPENAPI_RESOURCE = "/openapi.yaml";
  /** Browsers reuse a web app file this long before asking again (304 when unchanged): a fix shows within a minute. */
  static final long WEB_MAX_AGE_SECONDS = 60;

  private final AisleConfig config;
  private final PrometheusMeterRegistry registry;
  private final Handler<RoutingContext> authenticator;
  private final List<Consumer<Router>> routes;

  public ApiRouter(AisleConfig config, PrometheusMeterRegistry registry, Handler<RoutingContext> authenticator,
                   List<Consumer<Router>> routes) {
    this.config = config;
    this.registry = registry;
    this.authenticator = authenticator;
    this.routes = routes;
  }

  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    FailureHandler failures = new FailureHandler();
    router.route("/api/*").handler(authenticator);
    routes.forEach(r -> r.accept(router));
    router.get("/api/v1/openapi.yaml").handler(this::openapi);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    router.route("/*").handler(StaticHandler.create(FileSystemAccess.ROOT, config.webroot().toAbsolutePath().toString())
        .setCachingEnabled(true).setMaxAgeSeconds(WEB_MAX_AGE_SECONDS).setIndexPage("index.html"));
    router.route().failureHandler(failures);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, failures);
    }
    return router;
  }

  private void openapi(RoutingContext ctx) {
    try (var in = ApiRouter.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      ctx.response().putHeader("content-type", "application/yaml").end(new String(in.readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException | NullPointerException e) {
      ctx.fail(e);
    }
  }
}
