package dev.aisle.api;

/** {@code POST /api/v1/auth/token}: a person signs in. */
public record TokenRequest(String username, String password) {

  /** Never prints the password. */
  @Override
  public String toString() {
    return "TokenRequest[" + username + "]";
  }
}
