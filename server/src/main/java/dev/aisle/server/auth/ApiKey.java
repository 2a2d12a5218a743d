package dev.aisle.server.auth;

import dev.aisle.api.Role;

import java.time.Instant;

/** An API key as listed: never the secret nor its hash. {@code revokedAt} is null while the key works. */
public record ApiKey(String id, String name, Role role, String channel, String createdBy, Instant createdAt,
                     Instant revokedAt) {}
