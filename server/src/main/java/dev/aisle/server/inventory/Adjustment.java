package dev.aisle.server.inventory;

/** One line of an adjustments feed: a delta to on-hand with its reason. {@code line} is 1-based. */
public record Adjustment(int line, String sku, String locationId, long delta, Reason reason, String reference) {

  /** Why on-hand changed; each reason allows only deltas of its sign. */
  public enum Reason {
    SALE("sale", -1), RECEIPT("receipt", 1), DAMAGE("damage", -1), COUNT("count", 0), RETURN("return", 1);

    private final String wire;
    private final int sign;

    Reason(String wire, int sign) {
      this.wire = wire;
      this.sign = sign;
    }

    public String wire() {
      return wire;
    }

    /** Whether a delta of this sign fits the reason (count corrections go either way). */
    public boolean allows(long delta) {
      return delta != 0 && (sign == 0 || Long.signum(delta) == sign);
    }

    public static Reason fromWire(String value) {
      for (Reason r : values()) {
        if (r.wire.equals(value)) {
          return r;
        }
      }
      return null;
    }
  }
}
