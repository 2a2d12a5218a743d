package dev.aisle.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who a caller is. People sign in with a password; storefronts and integrations use API keys. */
public enum Role {
  ADMIN("admin"),
  CSR("csr"),
  STORE_MANAGER("store-manager"),
  ASSOCIATE("associate"),
  STOREFRONT("storefront"),
  INTEGRATION("integration");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** True for roles bound to one location; they only ever see that location. */
  public boolean storeBound() {
    return this == STORE_MANAGER || this == ASSOCIATE;
  }

  /** True for roles held by a person (signed in with a password) rather than a system. */
  public boolean person() {
    return this != STOREFRONT && this != INTEGRATION;
  }

  @JsonCreator
  public static Role fromWire(String value) {
    for (Role r : values()) {
      if (r.wire.equals(value)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role '" + value + "'");
  }
}
