package dev.aisle.server.inventory;

import com.hazelcast.map.EntryProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entry processor that applies durable stock rows of one SKU to its pool entry (see {@link SkuStock#apply}).
 * It runs on the partition owner and again on the backup, so both converge to the same value.
 */
final class ApplyStockRows implements EntryProcessor<String, SkuStock, Void> {

  private final String[] locations;
  private final long[] onHand;
  private final long[] safety;
  private final long[] feedSeq;
  private final long[] version;
  private final String[] bins;

  ApplyStockRows(List<StockRow> rows) {
    int n = rows.size();
    locations = new String[n];
    onHand = new long[n];
    safety = new long[n];
    feedSeq = new long[n];
    version = new long[n];
    bins = new String[n];
    for (int i = 0; i < n; i++) {
      StockRow r = rows.get(i);
      locations[i] = r.locationId();
      onHand[i] = r.onHand();
      safety[i] = r.safetyStock();
      feedSeq[i] = r.feedSeq();
      version[i] = r.version();
      bins[i] = r.bin();
    }
  }

  @Override
  public Void process(Map.Entry<String, SkuStock> entry) {
    String sku = entry.getKey();
    SkuStock current = entry.getValue() == null ? SkuStock.empty(sku) : entry.getValue();
    List<StockRow> rows = new ArrayList<>(locations.length);
    for (int i = 0; i < locations.length; i++) {
      rows.add(new StockRow(sku, locations[i], onHand[i], safety[i], feedSeq[i], version[i], bins[i]));
    }
    entry.setValue(current.apply(rows));
    return null;
  }
}
