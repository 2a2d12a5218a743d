package dev.aisle.server;

import dev.aisle.server.platform.AisleConfig;
import dev.aisle.server.platform.AisleNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Starts one Aisle node: configuration, embedded or external PostgreSQL, migrations, the clustered Vert.x and its
 * verticles. {@code --demo} loads the demo network into an empty database, {@code --reload-demo} replaces it.
 */
public final class Main {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private Main() {}

  public static void main(String[] args) {
    // With one common-pool thread (2 cores), CompletableFuture and Hazelcast run every async callback on a new thread.
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      System.setProperty(COMMON_POOL_PARALLELISM, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    for (String arg : args) {
      switch (arg) {
        case "--demo" -> env.put("AISLE_DEMO", "true");
        case "--reload-demo" -> {
          env.put("AISLE_DEMO", "true");
          env.put("AISLE_DEMO_RELOAD", "true");
        }
        default -> {
          System.err.println("unknown argument " + arg + "; known: --demo, --reload-demo (configuration: README)");
          System.exit(2);
        }
      }
    }
    try {
      AisleNode node = AisleNode.start(AisleConfig.load(env));
      Runtime.getRuntime().addShutdownHook(new Thread(node::close, "aisle-shutdown"));
    } catch (Exception e) {
      log.error("Aisle failed to start", e);
      System.exit(1);
    }
  }
}
