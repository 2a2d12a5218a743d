package dev.aisle.server.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aisle.server.sourcing.Decision;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/**
 * How a routing decision is kept in {@code order_routing.decision} (V13): its JSON compressed with LZ4 by the node,
 * so PostgreSQL stores a few kilobytes as they come instead of parsing and compressing ~12 KB per order itself
 * (docs/benchmarks.md). The first byte says the format: {@value #LZ4} = LZ4 block after the JSON's length (4 bytes,
 * big-endian); {@value #PLAIN} = UTF-8 JSON (decisions written before V13).
 */
final class StoredDecision {

  private static final byte PLAIN = 0;
  private static final byte LZ4 = 1;
  private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
  private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
  private static final LZ4FastDecompressor DECOMPRESSOR = FACTORY.fastDecompressor();

  private StoredDecision() {}

  static Buffer encode(Decision decision) {
    byte[] json;
    try {
      json = DatabindCodec.mapper().writeValueAsBytes(decision);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a decision that cannot be written as JSON", e);
    }
    byte[] out = new byte[5 + COMPRESSOR.maxCompressedLength(json.length)];
    out[0] = LZ4;
    out[1] = (byte) (json.length >>> 24);
    out[2] = (byte) (json.length >>> 16);
    out[3] = (byte) (json.length >>> 8);
    out[4] = (byte) json.length;
    int n = COMPRESSOR.compress(json, 0, json.length, out, 5, out.length - 5);
    return Buffer.buffer(java.util.Arrays.copyOf(out, 5 + n));
  }

  static JsonObject decode(Buffer stored) {
    byte[] b = stored.getBytes();
    if (b[0] == PLAIN) {
      return new JsonObject(Buffer.buffer(b).slice(1, b.length));
    }
    if (b[0] != LZ4) {
      throw new IllegalStateException("a stored decision in an unknown format " + b[0]);
    }
    int length = stored.getInt(1);
    byte[] json = new byte[length];
    DECOMPRESSOR.decompress(b, 5, json, 0, length);
    return new JsonObject(Buffer.buffer(json));
  }
}
