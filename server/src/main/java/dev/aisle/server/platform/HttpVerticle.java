package dev.aisle.server.platform;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.function.Function;

/** One HTTP server instance (one per event loop); every instance builds the same router over shared services. */
public final class HttpVerticle extends VerticleBase {

  private final AisleConfig.Http config;
  private final Function<io.vertx.core.Vertx, Router> routes;
  private final LoopLag lag;
  private HttpServer server;

  public HttpVerticle(AisleConfig.Http config, Function<io.vertx.core.Vertx, Router> routes, LoopLag lag) {
    this.config = config;
    this.routes = routes;
    this.lag = lag;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setCompressionSupported(true)
        .setTcpNoDelay(true);
    lag.measure(vertx, this);
    return vertx.createHttpServer(options)
        .requestHandler(routes.apply(vertx))
        .listen()
        .onSuccess(s -> server = s);
  }

  /** The port actually bound (differs from the configured one when that is 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
