package dev.aisle.server.sourcing;

import io.vertx.core.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Pins the planner's whole output (plan and decision, every string and number) on ~2,400 seeded random orders over
 * the demo network, so a change meant to make it faster cannot change what it answers. The expected SHA-256 of each
 * plan's JSON is in {@code sourcing-golden.txt}; after an intended change of behaviour, regenerate it with
 * {@code -Dsourcing.golden.write=true} (and say why in the commit).
 */
class SourcerGoldenTest {

  static final String RESOURCE = "sourcing-golden.txt";
  static final Path SOURCE_FILE = Path.of("server/src/test/resources", RESOURCE);

  @BeforeAll
  static void load() throws Exception {
    GoldenCases.load();
  }

  static String hash(Plan plan) throws Exception {
    byte[] json = Json.encode(plan).getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
  }

  @Test
  @DisplayName("Every plan and decision is exactly what it was when the golden file was written")
  void sameAsGolden() throws Exception {
    List<GoldenCases.Case> cases = GoldenCases.cases();
    List<String> actual = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      actual.add(i + " " + hash(cases.get(i).plan()));
    }
    if (Boolean.getBoolean("sourcing.golden.write")) {
      Files.write(SOURCE_FILE, actual, StandardCharsets.UTF_8);
      System.out.println("sourcing golden: wrote " + actual.size() + " hashes to " + SOURCE_FILE.toAbsolutePath());
      return;
    }
    List<String> expected;
    try (InputStream in = SourcerGoldenTest.class.getResourceAsStream("/" + RESOURCE)) {
      assertNotNull(in, RESOURCE + " is missing: run with -Dsourcing.golden.write=true to create it");
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertEquals(expected.size(), actual.size(), "number of cases");
    int differ = 0;
    String first = null;
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        differ++;
        if (first == null) {
          GoldenCases.Case c = cases.get(i);
          first = "case " + i + " (" + c.rules().name() + "): " + Json.encode(c.request()) + " -> "
              + Json.encode(c.plan());
        }
      }
    }
    assertEquals(0, differ, differ + " of " + expected.size() + " plans differ; first: " + first);
  }
}
