package dev.aisle.server.platform;

import java.util.regex.Pattern;

/** The shape of identifiers that appear in paths and feeds: SKUs and location ids. */
public final class Ids {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Ids() {}

  public static boolean valid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** Fails with a 400 naming {@code field} unless {@code id} is a valid identifier. */
  public static String require(String field, String id) {
    if (!valid(id)) {
      throw ApiProblem.invalidField(field, "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return id;
  }
}
