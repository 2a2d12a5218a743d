package dev.aisle.server.platform;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Identifiers of things Aisle creates (orders, tasks). */
public final class Uuids {

  private Uuids() {}

  /** A time-ordered UUID (version 7): ids sort by creation, which list cursors rely on. */
  public static UUID v7() {
    long millis = System.currentTimeMillis();
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (millis << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** The lowest version-7 id of the given millisecond: every such id made earlier sorts below it. */
  public static UUID v7Floor(long millis) {
    return new UUID((millis << 16) | 0x7000L, 0x8000000000000000L);
  }
}
