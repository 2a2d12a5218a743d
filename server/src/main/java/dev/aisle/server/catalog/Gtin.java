package dev.aisle.server.catalog;

/** GTIN barcodes (UPC-A is GTIN-12): digits with a mod-10 check digit. */
public final class Gtin {

  private Gtin() {}

  public static boolean valid(String code) {
    int n = code.length();
    if (n != 8 && n != 12 && n != 13 && n != 14 || !code.chars().allMatch(Character::isDigit)) {
      return false;
    }
    return code.charAt(n - 1) - '0' == checkDigit(code.substring(0, n - 1));
  }

  /** The check digit for the given digits (all but the last of a code). */
  public static int checkDigit(String digits) {
    int sum = 0;
    for (int i = digits.length() - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
      sum += (digits.charAt(i) - '0') * weight;
    }
    return (10 - sum % 10) % 10;
  }
}
