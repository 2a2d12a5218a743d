package dev.aisle.server.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on 127.0.0.1 in front of a server (the test PostgreSQL), to act out that server going away without
 * stopping it for the other tests: {@link #cut()} breaks every relayed connection and turns new ones away until
 * {@link #restore()}.
 */
public final class TcpProxy implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final NetClient client = vertx.createNetClient();
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private final NetServer server;
  private volatile boolean cut;

  public TcpProxy(String host, int port) throws Exception {
    server = vertx.createNetServer().connectHandler(in -> {
      if (cut) {
        in.close();
        return;
      }
      in.pause();
      client.connect(port, host).onComplete(ar -> {
        if (ar.failed() || cut) {
          in.close();
          return;
        }
        NetSocket out = ar.result();
        open.add(in);
        open.add(out);
        in.closeHandler(v -> {
          open.remove(in);
          out.close();
        });
        out.closeHandler(v -> {
          open.remove(out);
          in.close();
        });
        in.handler(out::write);
        out.handler(in::write);
        in.resume();
      });
    }).listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
  }

  public int port() {
    return server.actualPort();
  }

  /** Closes every relayed connection; new ones are closed as soon as they are accepted. */
  public void cut() {
    cut = true;
    open.forEach(NetSocket::close);
  }

  public void restore() {
    cut = false;
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
