package dev.aisle.server.platform;

import dev.aisle.api.Role;

/**
 * Who is calling, as established by the authenticator. {@code locationId} is set for store-bound roles,
 * {@code channel} for storefront keys.
 */
public record Caller(String subject, Role role, String locationId, String channel) {

  /** The name written to audit logs and movement records. */
  public String actor() {
    return role.wire() + ":" + subject;
  }

  /** Whether this caller may see or act on the given location. */
  public boolean mayAccessLocation(String location) {
    return !role.storeBound() || location.equals(locationId);
  }
}
