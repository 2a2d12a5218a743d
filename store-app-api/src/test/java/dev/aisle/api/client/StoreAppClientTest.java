package dev.aisle.api.client;

import dev.aisle.api.FeedEvent;
import dev.aisle.api.Task;
import dev.aisle.api.TaskStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import static dev.aisle.api.client.FakeStoreAppServer.STORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@Timeout(value = 15, timeUnit = TimeUnit.SECONDS)
class StoreAppClientTest {

  private FakeStoreAppServer server;
  private StoreAppClient client;
  private FeedSubscription subscription;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    server = new FakeStoreAppServer();
    vertx.deployVerticle(server).onComplete(ctx.succeeding(id -> {
      client = new StoreAppClient(vertx, "localhost", server.port());
      ctx.completeNow();
    }));
  }

  @AfterEach
  void close(VertxTestContext ctx) {
    Future<Void> closed = subscription == null ? Future.succeededFuture() : subscription.close();
    closed.compose(v -> client.close()).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("the client logs in, keeps the token and lists the store's tasks with it")
  void loginAndTasks(VertxTestContext ctx) {
    client.login(FakeStoreAppServer.USER, FakeStoreAppServer.PASSWORD)
        .compose(token -> {
          ctx.verify(() -> assertEquals(FakeStoreAppServer.TOKEN, token));
          return client.tasks(STORE);
        })
        .onComplete(ctx.succeeding(tasks -> ctx.verify(() -> {
          assertEquals(List.of("T-1", "T-2"), tasks.stream().map(Task::id).toList());
          assertEquals(TaskStatus.PICKED, tasks.get(1).status());
          assertEquals(FakeStoreAppServer.T0.plusSeconds(3600), tasks.get(0).dueAt());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a wrong password fails with a 401 StoreAppException and keeps no token")
  void wrongPassword(VertxTestContext ctx) {
    client.login(FakeStoreAppServer.USER, "guess")
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          StoreAppException e = assertInstanceOf(StoreAppException.class, err);
          assertEquals(401, e.status());
          assertEquals("Unauthorized", e.problem().title());
          assertEquals(null, client.token());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a command sends the caller's idempotency key, or a fresh random one, and answers the task")
  void idempotencyKeys(VertxTestContext ctx) {
    client.login(FakeStoreAppServer.USER, FakeStoreAppServer.PASSWORD)
        .compose(token -> client.claim("T-1", "retry-me"))
        .compose(first -> client.claim("T-1"))
        .onComplete(ctx.succeeding(task -> ctx.verify(() -> {
          assertEquals(TaskStatus.PICKING, task.status());
          assertEquals(FakeStoreAppServer.USER, task.claimedBy());
          assertEquals("retry-me", server.idempotencyKeys.get(0));
          UUID.fromString(server.idempotencyKeys.get(1));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an illegal command fails with StoreAppException carrying 409 and the problem's title")
  void illegalCommand(VertxTestContext ctx) {
    client.login(FakeStoreAppServer.USER, FakeStoreAppServer.PASSWORD)
        .compose(token -> client.claim(FakeStoreAppServer.ILLEGAL_TASK))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          StoreAppException e = assertInstanceOf(StoreAppException.class, err);
          assertEquals(409, e.status());
          assertEquals("Illegal transition", e.problem().title());
          assertEquals("task T-409 is shipped", e.problem().detail());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("following a feed replays what was missed, says ready, then delivers live events in order, acks them "
      + "and answers pings")
  void replayThenLive(Vertx vertx, VertxTestContext ctx) {
    Received received = new Received();
    server.append(5)
        .compose(v -> client.login(FakeStoreAppServer.USER, FakeStoreAppServer.PASSWORD))
        .compose(token -> {
          subscription = client.follow(STORE, 0, received);
          return subscription.awaitLive();
        })
        .compose(v -> {
          ctx.verify(() -> {
            assertEquals(seqs(1, 5), received.seqs(), "the replay, all of it before ready");
            assertTrue(subscription.live());
          });
          return server.append(5);
        })
        .compose(v -> received.until(10))
        .compose(v -> eventually(vertx, () -> server.highestAck.get() == 10 && server.pongs.get() == 1))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(seqs(1, 10), received.seqs());
          assertEquals(10, subscription.lastSeq());
          assertEquals(List.of(0L), server.feedAfters);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("after a dropped connection the feed resumes after the last delivered seq and delivers each missed "
      + "event once, in order, even when the server replays some twice")
  void resumeAfterDrop(Vertx vertx, VertxTestContext ctx) {
    Received received = new Received();
    server.replayOverlap = 3;
    server.append(10)
        .compose(v -> client.login(FakeStoreAppServer.USER, FakeStoreAppServer.PASSWORD))
        .compose(token -> {
          subscription = client.follow(STORE, 0, received);
          return subscription.awaitLive();
        })
        .compose(v -> {
          subscription.dropConnection();
          ctx.verify(() -> assertFalse(subscription.live()));
          return server.append(50);
        })
        .compose(v -> received.until(60))
        .compose(v -> subscription.awaitLive())
        .compose(v -> eventually(vertx, () -> server.highestAck.get() == 60))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(seqs(1, 60), received.seqs());
          assertEquals(List.of(0L, 10L), server.feedAfters);
          assertEquals(60, subscription.lastSeq());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("following from a seq asks only for what comes after it")
  void followFromSeq(VertxTestContext ctx) {
    Received received = new Received();
    server.append(10)
        .compose(v -> client.login(FakeStoreAppServer.USER, FakeStoreAppServer.PASSWORD))
        .compose(token -> {
          subscription = client.follow(STORE, 7, received);
          return subscription.awaitLive();
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(seqs(8, 10), received.seqs());
          assertEquals(List.of(7L), server.feedAfters);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a feed refused with 4401 keeps retrying and goes live once the client has logged in")
  void unauthorizedThenLogin(Vertx vertx, VertxTestContext ctx) {
    Received received = new Received();
    subscription = client.follow(STORE, 0, received);
    server.append(3)
        .compose(v -> eventually(vertx, () -> server.unauthorized.get() >= 2))
        .compose(v -> client.login(FakeStoreAppServer.USER, FakeStoreAppServer.PASSWORD))
        .compose(token -> subscription.awaitLive())
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(seqs(1, 3), received.seqs());
          assertEquals(List.of(0L), server.feedAfters);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a socket silent for two heartbeats is given up and replaced by one resuming after the last seq")
  void silentSocket(Vertx vertx, VertxTestContext ctx) {
    Received received = new Received();
    StoreAppClient fastHeartbeats = new StoreAppClient(vertx, "localhost", server.port(), 100);
    server.ping(50);
    server.append(3)
        .compose(v -> fastHeartbeats.login(FakeStoreAppServer.USER, FakeStoreAppServer.PASSWORD))
        .compose(token -> {
          subscription = fastHeartbeats.follow(STORE, 0, received);
          return subscription.awaitLive();
        })
        .compose(v -> server.silence())
        .compose(v -> server.append(2))
        .compose(v -> received.until(5))
        .compose(v -> subscription.close())
        .compose(v -> fastHeartbeats.close())
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(seqs(1, 5), received.seqs());
          assertEquals(List.of(0L, 3L), server.feedAfters);
          ctx.completeNow();
        })));
  }

  private static List<Long> seqs(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  /** Completes once {@code condition} holds, checking every 20 ms. */
  private static Future<Void> eventually(Vertx vertx, BooleanSupplier condition) {
    Promise<Void> done = Promise.promise();
    vertx.setPeriodic(20, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        done.complete();
      }
    });
    return done.future();
  }

  /** The events delivered to the feed consumer, and a way to wait for a count of them. */
  private static final class Received implements Consumer<FeedEvent> {
    private final List<Long> seqs = new ArrayList<>();
    private Promise<Void> reached;
    private int target;

    @Override
    public void accept(FeedEvent event) {
      Promise<Void> toComplete = null;
      synchronized (this) {
        seqs.add(event.seq());
        if (reached != null && seqs.size() >= target) {
          toComplete = reached;
          reached = null;
        }
      }
      if (toComplete != null) {
        toComplete.complete();
      }
    }

    synchronized List<Long> seqs() {
      return List.copyOf(seqs);
    }

    synchronized Future<Void> until(int count) {
      if (seqs.size() >= count) {
        return Future.succeededFuture();
      }
      target = count;
      reached = Promise.promise();
      return reached.future();
    }
  }
}
