package dev.aisle.server.fulfillment.shipping;

import java.util.Arrays;

/** Code 128 in code set B (printable ASCII), for the bars on labels and packing slips. */
final class Code128 {

  /** Bar and space widths in modules of each symbol value 0..106; 104 is Start B, 106 Stop (with its final bar). */
  private static final String[] PATTERNS = (""
      + "212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 "
      + "122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 "
      + "322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 "
      + "112133 112331 132131 113123 113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 "
      + "331121 312113 312311 332111 314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 "
      + "112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 111242 121142 121241 114212 "
      + "124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 114311 411113 "
      + "411311 113141 114131 311141 411131 211412 211214 211232 2331112").split(" ");
  static final int START_B = 104;
  static final int STOP = 106;

  private Code128() {}

  /** The symbol values for {@code text}: Start B, one per character, the mod-103 check symbol, Stop. */
  static int[] values(String text) {
    int[] values = new int[text.length() + 3];
    values[0] = START_B;
    int sum = START_B;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 32 || c > 126) {
        throw new IllegalArgumentException("Code 128 set B cannot encode character " + (int) c + " in " + text);
      }
      values[i + 1] = c - 32;
      sum += (i + 1) * (c - 32);
    }
    values[text.length() + 1] = sum % 103;
    values[text.length() + 2] = STOP;
    return values;
  }

  /** The modules of {@code text} from its first bar to its last, {@code true} for a bar; no quiet zones. */
  static boolean[] modules(String text) {
    StringBuilder widths = new StringBuilder();
    for (int v : values(text)) {
      widths.append(PATTERNS[v]);
    }
    int length = widths.chars().map(c -> c - '0').sum();
    boolean[] modules = new boolean[length];
    int at = 0;
    for (int i = 0; i < widths.length(); i++) {
      int w = widths.charAt(i) - '0';
      // elements alternate bar, space, bar, ... and every symbol has an even number of them, the stop aside
      Arrays.fill(modules, at, at + w, i % 2 == 0);
      at += w;
    }
    return modules;
  }
}
