package dev.aisle.server.inventory;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serialization of pool entries (near-cache fills, backups, migrations), as one packed byte array: Hazelcast's
 * compact arrays of strings decode byte by byte, which made reading an entry of ~80 positions the largest single
 * cost of order capture. Location ids are ASCII and few, so they are decoded once and shared. A bin is a string
 * after the numbers, length -1 when there is none.
 */
public final class SkuStockSerializer implements CompactSerializer<SkuStock> {

  private static final ConcurrentHashMap<String, String> LOCATION_IDS = new ConcurrentHashMap<>();
  /** Bins repeat across SKUs and locations (a store has a few hundred): decoded once and shared too, up to a bound. */
  private static final ConcurrentHashMap<String, String> BINS = new ConcurrentHashMap<>();
  private static final int SHARED_MAX = 100_000;

  @Override
  public SkuStock read(CompactReader in) {
    ByteBuffer b = ByteBuffer.wrap(in.readArrayOfInt8("data"));
    String sku = string(b);
    int n = b.getInt();
    String[] locations = new String[n];
    for (int i = 0; i < n; i++) {
      String id = string(b);
      locations[i] = shared(LOCATION_IDS, id);
    }
    long[] onHand = longs(b, n);
    long[] safety = longs(b, n);
    long[] reserved = longs(b, n);
    long[] feedSeq = longs(b, n);
    long[] version = longs(b, n);
    String[] bins = new String[n];
    for (int i = 0; i < n; i++) {
      String bin = string(b);
      bins[i] = bin == null ? null : shared(BINS, bin);
    }
    int h = b.getInt();
    String[] holdOrders = new String[h];
    String[] holdLocations = new String[h];
    for (int i = 0; i < h; i++) {
      holdOrders[i] = string(b);
      holdLocations[i] = string(b);
    }
    return new SkuStock(sku, locations, onHand, safety, reserved, feedSeq, version, bins, holdOrders, holdLocations,
        longs(b, h));
  }

  @Override
  public void write(CompactWriter out, SkuStock s) {
    byte[] sku = s.sku.getBytes(StandardCharsets.UTF_8);
    byte[][] ids = new byte[s.locations.length][];
    int size = 2 + sku.length + 4;
    for (int i = 0; i < ids.length; i++) {
      ids[i] = s.locations[i].getBytes(StandardCharsets.UTF_8);
      size += 2 + ids[i].length + 5 * 8;
    }
    byte[][] bins = new byte[ids.length][];
    for (int i = 0; i < bins.length; i++) {
      bins[i] = s.bins[i] == null ? null : s.bins[i].getBytes(StandardCharsets.UTF_8);
      size += 2 + (bins[i] == null ? 0 : bins[i].length);
    }
    int h = s.holdOrders.length;
    byte[][] holds = new byte[2 * h][];
    size += 4;
    for (int i = 0; i < h; i++) {
      holds[2 * i] = s.holdOrders[i].getBytes(StandardCharsets.UTF_8);
      holds[2 * i + 1] = s.holdLocations[i].getBytes(StandardCharsets.UTF_8);
      size += 4 + holds[2 * i].length + holds[2 * i + 1].length + 8;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putShort((short) sku.length).put(sku).putInt(ids.length);
    for (byte[] id : ids) {
      b.putShort((short) id.length).put(id);
    }
    for (long[] column : new long[][] {s.onHand, s.safety, s.reserved, s.feedSeq, s.version}) {
      for (long v : column) {
        b.putLong(v);
      }
    }
    for (byte[] bin : bins) {
      if (bin == null) {
        b.putShort((short) -1);
      } else {
        b.putShort((short) bin.length).put(bin);
      }
    }
    b.putInt(h);
    for (byte[] part : holds) {
      b.putShort((short) part.length).put(part);
    }
    for (long q : s.holdQuantities) {
      b.putLong(q);
    }
    out.writeArrayOfInt8("data", b.array());
  }

  /** A string, or null when written as absent (length -1). */
  private static String string(ByteBuffer b) {
    int len = b.getShort();
    if (len < 0) {
      return null;
    }
    String s = new String(b.array(), b.position(), len, StandardCharsets.UTF_8);
    b.position(b.position() + len);
    return s;
  }

  private static String shared(ConcurrentHashMap<String, String> known, String s) {
    String k = known.get(s);
    if (k != null) {
      return k;
    }
    return known.size() < SHARED_MAX ? known.computeIfAbsent(s, x -> x) : s;
  }

  private static long[] longs(ByteBuffer b, int n) {
    long[] out = new long[n];
    b.asLongBuffer().get(out);
    b.position(b.position() + n * 8);
    return out;
  }

  @Override
  public String getTypeName() {
    return "aisle.SkuStock";
  }

  @Override
  public Class<SkuStock> getCompactClass() {
    return SkuStock.class;
  }
}
