package dev.aisle.server.inventory;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/** Compact serialization of pool entries (backups, migrations, near caches on other members). */
public final class SkuStockSerializer implements CompactSerializer<SkuStock> {

  @Override
  public SkuStock read(CompactReader in) {
    return new SkuStock(in.readString("sku"), in.readArrayOfString("locations"), in.readArrayOfInt64("onHand"),
        in.readArrayOfInt64("safety"), in.readArrayOfInt64("reserved"), in.readArrayOfInt64("feedSeq"),
        in.readArrayOfInt64("version"));
  }

  @Override
  public void write(CompactWriter out, SkuStock s) {
    out.writeString("sku", s.sku);
    out.writeArrayOfString("locations", s.locations);
    out.writeArrayOfInt64("onHand", s.onHand);
    out.writeArrayOfInt64("safety", s.safety);
    out.writeArrayOfInt64("reserved", s.reserved);
    out.writeArrayOfInt64("feedSeq", s.feedSeq);
    out.writeArrayOfInt64("version", s.version);
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
