package dev.aisle.server.auth;

import dev.aisle.api.Role;

/** A request to create a user, already checked for shape (the service checks the rules). */
public record NewUser(String username, String password, Role role, String locationId) {

  /** Never prints the password. */
  @Override
  public String toString() {
    return "NewUser[" + username + ", " + role.wire() + ", " + locationId + "]";
  }
}
