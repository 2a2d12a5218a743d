package dev.aisle.server.auth;

import dev.aisle.api.Role;

import java.time.Instant;

/** A person who signs in with a password. Never carries the password hash. */
public record User(String id, String username, Role role, String locationId, boolean active, Instant createdAt) {}
