package dev.aisle.server.auth;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordsTest {

  @Test
  @DisplayName("a hash has the documented shape: scheme, at least 120,000 iterations, 16-byte salt, 32-byte hash")
  void encoding() {
    String[] parts = Passwords.hash("s3cret-passw0rd").split("\\$");
    assertEquals(4, parts.length);
    assertEquals("pbkdf2-sha256", parts[0]);
    assertTrue(Integer.parseInt(parts[1]) >= 120_000);
    assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
    assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
  }

  @Test
  @DisplayName("the right password verifies, a wrong one does not, and the same password hashes differently twice")
  void verify() {
    String hash = Passwords.hash("s3cret-passw0rd");
    assertTrue(Passwords.verify("s3cret-passw0rd", hash));
    assertFalse(Passwords.verify("s3cret-passw0rD", hash));
    assertFalse(Passwords.verify("", hash));
    assertNotEquals(hash, Passwords.hash("s3cret-passw0rd"));
    String unicode = Passwords.hash("pässwörd-ключ-🔑");
    assertTrue(Passwords.verify("pässwörd-ключ-🔑", unicode));
  }

  @Test
  @DisplayName("a hash written with other parameters still verifies (iterations are read from the encoding)")
  void otherIterations() throws Exception {
    byte[] salt = new byte[16];
    var spec = new javax.crypto.spec.PBEKeySpec("pw-123456".toCharArray(), salt, 1000, 256);
    byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    String encoded = Passwords.encode(1000, salt, hash);
    assertTrue(Passwords.verify("pw-123456", encoded));
    assertFalse(Passwords.verify("pw-1234567", encoded));
  }

  @Test
  @DisplayName("malformed or foreign encodings never match and never throw")
  void malformed() {
    for (String bad : new String[] {null, "", "plain", "pbkdf2-sha256$x$AAAA$AAAA", "bcrypt$10$AAAA$AAAA",
        "pbkdf2-sha256$1000$!!!$AAAA", "pbkdf2-sha256$0$AAAA$AAAA", "pbkdf2-sha256$999999999$AAAA$AAAA",
        "pbkdf2-sha256$1000$$", "pbkdf2-sha256$1000$AAAA"}) {
      assertFalse(Passwords.verify("anything", bad), String.valueOf(bad));
    }
    assertFalse(Passwords.verify(null, Passwords.hash("x-password")));
    assertFalse(Passwords.verifyDummy("anything"));
  }

  @Test
  @DisplayName("API keys are ak_<12 char id>_<43 char url-safe secret>, and only the exact shape parses")
  void apiKeyFormat() {
    String id = ApiKeys.newId();
    String secret = ApiKeys.newSecret();
    String key = ApiKeys.format(id, secret);
    assertEquals(12, id.length());
    assertEquals(43, secret.length());
    ApiKeys.Parsed parsed = ApiKeys.parse(key);
    assertNotNull(parsed);
    assertEquals(id, parsed.id());
    assertEquals(secret, parsed.secret());
    // '_' inside the secret is part of the secret
    assertEquals("a_b" + "c".repeat(40), ApiKeys.parse("ak_abcdefghijkl_a_b" + "c".repeat(40)).secret());
    assertNull(ApiKeys.parse("ak_short_" + secret));
    assertNull(ApiKeys.parse("ak_" + id + "_tooshort"));
    assertNull(ApiKeys.parse("xk_" + id + "_" + secret));
    assertNull(ApiKeys.parse("ak_" + id + "_" + secret + "="));
    assertNull(ApiKeys.parse("ak_ABCDEFGHIJKL_" + secret));
    assertNull(ApiKeys.parse(null));
    assertEquals(64, ApiKeys.hash(secret).length());
    assertTrue(ApiKeys.matches(secret, ApiKeys.hash(secret)));
    assertFalse(ApiKeys.matches(secret + "x", ApiKeys.hash(secret)));
    assertFalse(ApiKeys.matches(secret, null));
  }
}
