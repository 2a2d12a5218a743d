package dev.aisle.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The API key format: {@code ak_<id>_<secret>}, the id 12 lowercase letters and digits (public: it names the key in
 * lists and audit), the secret 32 random bytes in URL-safe base64 (43 characters). Only the SHA-256 of the secret
 * is stored: a fast hash is enough for a secret with 256 bits of entropy.
 */
final class ApiKeys {

  static final String PREFIX = "ak_";
  static final int ID_LENGTH = 12;
  private static final int SECRET_BYTES = 32;
  private static final int MIN_SECRET_LENGTH = 32;
  private static final int MAX_KEY_LENGTH = 200;
  private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A key split into its parts; {@code secret} never leaves this process except inside the full key. */
  record Parsed(String id, String secret) {}

  private ApiKeys() {}

  static String newId() {
    char[] id = new char[ID_LENGTH];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
    }
    return new String(id);
  }

  static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String format(String id, String secret) {
    return PREFIX + id + "_" + secret;
  }

  /** The parts of a well-formed key, or null. The id has a fixed length, so '_' inside the secret is fine. */
  static Parsed parse(String key) {
    if (key == null || key.length() > MAX_KEY_LENGTH || !key.startsWith(PREFIX)
        || key.length() < PREFIX.length() + ID_LENGTH + 1 + MIN_SECRET_LENGTH
        || key.charAt(PREFIX.length() + ID_LENGTH) != '_') {
      return null;
    }
    String id = key.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
    String secret = key.substring(PREFIX.length() + ID_LENGTH + 1);
    if (!validId(id) || !secret.chars().allMatch(ApiKeys::urlSafe)) {
      return null;
    }
    return new Parsed(id, secret);
  }

  static boolean validId(String id) {
    if (id == null || id.length() != ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** Lowercase hex SHA-256 of the secret, as stored in {@code api_keys.secret_hash}. */
  static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Constant-time comparison of the secret's hash with a stored hash. */
  static boolean matches(String secret, String storedHash) {
    return storedHash != null && MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean urlSafe(int c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
  }
}
