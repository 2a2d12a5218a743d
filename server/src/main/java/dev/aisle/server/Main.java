package dev.aisle.server;

import dev.aisle.server.platform.AisleConfig;
import dev.aisle.server.platform.AisleNode;
import dev.aisle.server.platform.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Starts one Aisle node: configuration, embedded or external PostgreSQL, migrations, the clustered Vert.x and its
 * verticles. {@code --demo} loads the demo network into an empty database, {@code --reload-demo} replaces it;
 * {@code --database-only} runs only the embedded PostgreSQL, for nodes started with {@code AISLE_PG_URL}.
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
    boolean databaseOnly = false;
    for (String arg : args) {
      switch (arg) {
        case "--database-only" -> databaseOnly = true;
        case "--demo" -> env.put("AISLE_DEMO", "true");
        case "--reload-demo" -> {
          env.put("AISLE_DEMO", "true");
          env.put("AISLE_DEMO_RELOAD", "true");
        }
        default -> {
          System.err.println("unknown argument " + arg + "; known: --demo, --reload-demo, --database-only (configuration: README)");
          System.exit(2);
        }
      }
    }
    try {
      if (databaseOnly) {
        // Only the embedded PostgreSQL, on AISLE_PG_PORT, for nodes of a cluster on this machine (bench/cluster.sh).
        int port = Integer.parseInt(env.getOrDefault("AISLE_PG_PORT", "0"));
        EmbeddedPostgres.serve(AisleConfig.load(env).dataDir(), port);
        return;
      }
      AisleNode node = AisleNode.start(AisleConfig.load(env));
      Runtime.getRuntime().addShutdownHook(new Thread(node::close, "aisle-shutdown"));
    } catch (Exception e) {
      log.error("Aisle failed to start", e);
      System.exit(1);
    }
  }
}
