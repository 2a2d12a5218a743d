package dev.aisle.server.inventory;

import dev.aisle.api.FeedResult;
import dev.aisle.api.FeedResult.LineReject;
import dev.aisle.server.platform.Validation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Streams one NDJSON snapshot: lines are parsed as they arrive and written in batches of {@value #BATCH} positions
 * (one statement each), at most {@value #IN_FLIGHT} batches at a time; the request is paused while they are busy,
 * so memory stays flat whatever the size of the snapshot. Order between batches does not matter: the stored feed
 * sequence decides, so re-sending a snapshot, or part of it, is safe.
 */
final class SnapshotIngest {

  static final int BATCH = 5_000;
  static final int IN_FLIGHT = 4;
  static final int MAX_LINE_BYTES = 16 * 1024;

  private final InventoryService service;
  private final HttpServerRequest request;
  private final Promise<FeedResult> result = Promise.promise();
  private final List<Future<Void>> writes = new ArrayList<>();
  private final List<LineReject> rejects = new ArrayList<>();
  private Buffer partial = Buffer.buffer();
  private boolean skipping;
  private int lineNo;
  private int lines;
  private int applied;
  private int stale;
  private int rejected;
  private int inFlight;
  private boolean ended;
  private List<SnapshotLine> batch = new ArrayList<>();
  private Set<String> batchKeys = new HashSet<>();

  SnapshotIngest(InventoryService service, HttpServerRequest request) {
    this.service = service;
    this.request = request;
  }

  Future<FeedResult> run() {
    request.handler(this::chunk);
    request.exceptionHandler(result::tryFail);
    request.endHandler(v -> end());
    return result.future();
  }

  private void chunk(Buffer buffer) {
    int start = 0;
    for (int i = 0; i < buffer.length(); i++) {
      if (buffer.getByte(i) == '\n') {
        appendPartial(buffer, start, i);
        completeLine();
        start = i + 1;
      }
    }
    appendPartial(buffer, start, buffer.length());
  }

  private void appendPartial(Buffer buffer, int from, int to) {
    if (skipping || from == to) {
      return;
    }
    if (partial.length() + (to - from) > MAX_LINE_BYTES) {
      skipping = true;
      partial = Buffer.buffer();
      return;
    }
    partial.appendBuffer(buffer, from, to - from);
  }

  private void completeLine() {
    lineNo++;
    if (skipping) {
      skipping = false;
      lines++;
      reject(lineNo, "line is longer than " + MAX_LINE_BYTES + " bytes");
      return;
    }
    Buffer line = partial;
    partial = Buffer.buffer();
    if (line.toString().isBlank()) {
      return;
    }
    lines++;
    SnapshotLine parsed = parse(lineNo, line);
    if (parsed != null) {
      add(parsed);
    }
  }

  private SnapshotLine parse(int n, Buffer raw) {
    JsonObject json;
    try {
      json = new JsonObject(raw);
    } catch (DecodeException | ClassCastException e) {
      reject(n, "not a JSON object");
      return null;
    }
    Validation v = new Validation();
    String sku = v.string(json, "sku", 64);
    String location = v.string(json, "locationId", 64);
    long onHand = v.integer(json, "onHand", 0, 1_000_000_000L);
    Long safety = json.getValue("safetyStock") == null ? null : v.integer(json, "safetyStock", 0, 1_000_000_000L);
    long seq = feedSeq(v, json);
    String bin = Bins.parse(v, json);
    if (!v.ok()) {
      reject(n, v.errors().stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
      return null;
    }
    String unknown = service.unknown(sku, location);
    if (unknown != null) {
      reject(n, unknown);
      return null;
    }
    return new SnapshotLine(n, sku, location, onHand, safety, seq, bin);
  }

  /** {@code feedSeq} (a number), or {@code asOf} (an ISO-8601 instant, taken as epoch microseconds). */
  private static long feedSeq(Validation v, JsonObject json) {
    if (json.getValue("feedSeq") != null || json.getValue("asOf") == null) {
      return v.integer(json, "feedSeq", 0, Long.MAX_VALUE);
    }
    Object asOf = json.getValue("asOf");
    try {
      Instant at = Instant.parse(String.valueOf(asOf));
      return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    } catch (DateTimeParseException e) {
      v.fail("asOf", "must be an ISO-8601 instant such as 2026-11-27T06:00:00Z");
      return 0;
    }
  }

  private void reject(int n, String reason) {
    rejected++;
    if (rejects.size() < InventoryService.MAX_REJECTS_LISTED) {
      rejects.add(new LineReject(n, reason));
    }
  }

  private void add(SnapshotLine line) {
    // A position twice in one statement is not allowed: close the batch, the stored sequence orders the two.
    if (!batchKeys.add(line.sku() + '\u0000' + line.locationId())) {
      flush();
      batchKeys.add(line.sku() + '\u0000' + line.locationId());
    }
    batch.add(line);
    if (batch.size() >= BATCH) {
      flush();
    }
  }

  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    List<SnapshotLine> out = batch;
    batch = new ArrayList<>(BATCH);
    batchKeys = new HashSet<>();
    inFlight++;
    if (inFlight >= IN_FLIGHT && !ended) {
      request.pause();
    }
    Future<Void> write = write(out, 1).compose(rows -> {
      applied += rows.size();
      stale += out.size() - rows.size();
      return service.pool().apply(rows);
    }).andThen(ar -> {
      inFlight--;
      if (ar.failed()) {
        result.tryFail(ar.cause());
      } else if (!ended) {
        request.resume();
      }
    });
    writes.add(write);
  }

  /** Concurrent snapshots may lock the same rows in another order: a deadlock victim is simply retried. */
  private Future<List<StockRow>> write(List<SnapshotLine> lines, int attempt) {
    return service.store().snapshot(lines).recover(e -> {
      boolean retry = e instanceof PgException pg
          && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
      return retry && attempt < 5 ? write(lines, attempt + 1) : Future.failedFuture(e);
    });
  }

  private void end() {
    if (partial.length() > 0 || skipping) {
      completeLine();
    }
    ended = true;
    flush();
    Future.all(writes).onComplete(ar -> {
      if (ar.succeeded()) {
        rejects.sort((a, b) -> Integer.compare(a.line(), b.line()));
        result.tryComplete(new FeedResult(lines, applied, stale, rejected, rejects));
      } else {
        result.tryFail(ar.cause());
      }
    });
  }
}
