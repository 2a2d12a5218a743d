package dev.aisle.api;

/**
 * The answer to {@link TokenRequest}: a bearer token valid for {@code expiresIn} seconds, the caller's role and,
 * for store roles, the one location it may act on (null otherwise).
 */
public record TokenResponse(String token, String tokenType, long expiresIn, Role role, String locationId) {

  public static final String BEARER = "Bearer";

  /** Never prints the token. */
  @Override
  public String toString() {
    return "TokenResponse[" + tokenType + ", " + expiresIn + "s, " + role + ", " + locationId + "]";
  }
}
