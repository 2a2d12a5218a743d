package dev.aisle.server.inventory;

import dev.aisle.server.platform.Validation;
import io.vertx.core.json.JsonObject;

import java.util.regex.Pattern;

/** The bin of a stock position in a feed: where its units sit in the location (aisle and bay, e.g. A07-03). */
final class Bins {

  private static final Pattern BIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,31}");

  private Bins() {}

  /** The optional {@code bin} of a feed body or line: null keeps the stored one, "" clears it; else checked. */
  static String parse(Validation v, JsonObject o) {
    Object bin = o.getValue("bin");
    if (bin == null || "".equals(bin)) {
      return (String) bin;
    }
    if (!(bin instanceof String s) || !BIN.matcher(s).matches()) {
      v.fail("bin", "must be up to 32 letters, digits and . _ / - (e.g. A07-03), or \"\" to clear it");
      return null;
    }
    return s;
  }
}
