package dev.aisle.server.auth;

import dev.aisle.api.Role;

/** The answer to creating a key: the only time the full {@code key} is ever shown. */
public record NewApiKey(String id, String name, Role role, String channel, String key) {}
