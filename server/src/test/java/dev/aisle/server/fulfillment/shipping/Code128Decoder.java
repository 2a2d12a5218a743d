package dev.aisle.server.fulfillment.shipping;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A test-only Code 128 set B reader, independent of the encoder: scans image rows, measures the runs of dark and
 * light pixels, maps each symbol's six widths to modules and then to a value, and checks the mod-103 checksum.
 */
public final class Code128Decoder {

  /** The symbology's patterns 0..105 (bar, space, ...), as published with the standard; the stop is 2331112. */
  private static final List<String> PATTERNS = Arrays.asList((""
      + "212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 "
      + "122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 "
      + "322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 "
      + "112133 112331 132131 113123 113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 "
      + "331121 312113 312311 332111 314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 "
      + "112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 111242 121142 121241 114212 "
      + "124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 114311 411113 "
      + "411311 113141 114131 311141 411131 211412 211214 211232").split(" "));
  private static final int START_B = 104;

  private Code128Decoder() {}

  /** Every distinct text decoded along the rows of {@code image} (every second row), in the order first found. */
  public static Set<String> decode(BufferedImage image) {
    Raster raster = image.getRaster();
    Set<String> found = new LinkedHashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      boolean[] dark = new boolean[image.getWidth()];
      for (int x = 0; x < dark.length; x++) {
        dark[x] = raster.getSample(x, y, 0) < 128;
      }
      String text = decodeRow(dark);
      if (text != null) {
        found.add(text);
      }
    }
    return found;
  }

  /** The text of the first valid Code 128 set B barcode in the row, or null. */
  static String decodeRow(boolean[] dark) {
    // runs[0] is the light run before the first bar (0 if the row starts dark); then bar, space, bar, ...
    List<Integer> runs = new ArrayList<>();
    int at = 0;
    boolean color = false;
    while (at < dark.length) {
      int start = at;
      while (at < dark.length && dark[at] == color) {
        at++;
      }
      runs.add(at - start);
      color = !color;
    }
    int[] r = runs.stream().mapToInt(Integer::intValue).toArray();
    for (int i = 1; i + 6 < r.length; i += 2) {
      String text = decodeAt(r, i);
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  private static String decodeAt(int[] r, int i) {
    String start = modules(r, i, 6, 11);
    if (start == null || PATTERNS.indexOf(start) != START_B) {
      return null;
    }
    int symbolWidth = Arrays.stream(r, i, i + 6).sum();
    if (r[i - 1] < symbolWidth * 10 / 11 / 2) {
      return null; // no quiet zone in front: this is inside something else
    }
    List<Integer> values = new ArrayList<>();
    for (int j = i + 6; j + 6 < r.length; j += 6) {
      String symbol = modules(r, j, 6, 11);
      if ("233111".equals(symbol)) {
        return "2331112".equals(modules(r, j, 7, 13)) ? text(values) : null;
      }
      int value = symbol == null ? -1 : PATTERNS.indexOf(symbol);
      if (value < 0 || value > 102) {
        return null; // not a symbol, or a start code in the middle
      }
      values.add(value);
    }
    return null;
  }

  /** Checks the last value as the checksum of the others and maps the others to characters. */
  private static String text(List<Integer> values) {
    if (values.size() < 2) {
      return null;
    }
    int sum = START_B;
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < values.size() - 1; k++) {
      if (values.get(k) > 95) {
        return null; // a function code, which our texts never hold
      }
      sum += (k + 1) * values.get(k);
      text.append((char) (values.get(k) + 32));
    }
    return sum % 103 == values.get(values.size() - 1) ? text.toString() : null;
  }

  /** The widths of {@code count} runs from {@code from}, in modules, if they add up to {@code total}; else null. */
  private static String modules(int[] r, int from, int count, int total) {
    if (from + count > r.length) {
      return null;
    }
    double pixels = Arrays.stream(r, from, from + count).sum();
    StringBuilder b = new StringBuilder();
    int sum = 0;
    for (int k = from; k < from + count; k++) {
      int m = (int) Math.round(r[k] * total / pixels);
      if (m < 1 || m > 4) {
        return null;
      }
      b.append(m);
      sum += m;
    }
    return sum == total ? b.toString() : null;
  }
}
