package dev.aisle.server.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Password hashing: PBKDF2-HMAC-SHA256, a 16-byte random salt, {@value #ITERATIONS} iterations, encoded as
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}. Every method is CPU-heavy (tens to hundreds of
 * milliseconds): call it through {@code vertx.executeBlocking(..., false)}, never on an event loop.
 */
public final class Passwords {

  public static final int ITERATIONS = 210_000;
  static final String SCHEME = "pbkdf2-sha256";
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  // a stored hash with more iterations than this is refused rather than spending minutes on it
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Verified against when the user does not exist, so an unknown name costs as much as a wrong password. */
  private static volatile String dummy;

  private Passwords() {}

  /** A fresh salted hash of {@code password}, in the encoded form above. */
  public static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return encode(ITERATIONS, salt, pbkdf2(password, salt, ITERATIONS, HASH_BITS));
  }

  /**
   * Whether {@code password} matches {@code encoded}, compared in constant time. A malformed or unknown encoding
   * never matches (and never throws).
   */
  public static boolean verify(String password, String encoded) {
    if (password == null || encoded == null) {
      return false;
    }
    String[] parts = encoded.split("\\$");
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      return false;
    }
    int iterations;
    byte[] salt;
    byte[] expected;
    try {
      iterations = Integer.parseInt(parts[1]);
      salt = Base64.getDecoder().decode(parts[2]);
      expected = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length == 0 || expected.length == 0) {
      return false;
    }
    byte[] actual = pbkdf2(password, salt, iterations, expected.length * 8);
    return MessageDigest.isEqual(actual, expected);
  }

  /** Spends the time of one verification and fails: for unknown users. */
  public static boolean verifyDummy(String password) {
    String d = dummy;
    if (d == null) {
      d = hash("aisle-dummy-password");
      dummy = d;
    }
    verify(password == null ? "" : password, d);
    return false;
  }

  static String encode(int iterations, byte[] salt, byte[] hash) {
    Base64.Encoder b64 = Base64.getEncoder();
    return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations, int bits) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bits);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    } finally {
      spec.clearPassword();
    }
  }
}
