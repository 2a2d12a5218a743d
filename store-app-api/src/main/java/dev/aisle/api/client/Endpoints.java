package dev.aisle.api.client;

import io.vertx.core.net.SocketAddress;

import java.util.List;

/**
 * The Aisle nodes a client may talk to, and the one it talks to now. Every node serves every store, so when the
 * current one cannot be reached the client moves on to the next (round robin) and stays there while it answers.
 * Safe for use from any thread.
 */
final class Endpoints {

  private final List<SocketAddress> nodes;
  private volatile int current;

  Endpoints(List<SocketAddress> nodes) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("at least one node is needed");
    }
    this.nodes = List.copyOf(nodes);
  }

  SocketAddress current() {
    return nodes.get(current);
  }

  /** {@code failed} could not be reached: if it is still the current node, the next one becomes current. */
  synchronized void unreachable(SocketAddress failed) {
    if (nodes.get(current).equals(failed)) {
      current = (current + 1) % nodes.size();
    }
  }
}
