package dev.aisle.server.network;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostalCodesTest {

  static PostalCodes codes;

  @BeforeAll
  static void load() throws IOException {
    codes = PostalCodes.load(Path.of("config"));
  }

  @Test
  void loadsTheWholeCensusTable() {
    assertTrue(codes.size() > 33_000, "size " + codes.size());
  }

  @Test
  void findsCambridge() {
    GeoPoint p = codes.find("02139").orElseThrow();
    assertEquals(42.36, p.lat(), 0.02);
    assertEquals(-71.10, p.lon(), 0.02);
  }

  @Test
  void acceptsZipPlusFour() {
    GeoPoint p = codes.find("10001-1234").orElseThrow();
    assertEquals(40.75, p.lat(), 0.02);
    assertEquals(-74.00, p.lon(), 0.02);
    assertEquals(codes.find("10001"), codes.find(" 10001-1234 "));
    assertEquals(codes.find("10001"), codes.find("100011234"));
  }

  @Test
  void unknownOrMalformedIsEmpty() {
    assertTrue(codes.find("00000").isEmpty());
    assertTrue(codes.find("99999").isEmpty());
    assertTrue(codes.find("ABCDE").isEmpty());
    assertTrue(codes.find("0213").isEmpty());
    assertTrue(codes.find("02139-43").isEmpty());
    assertTrue(codes.find("").isEmpty());
    assertTrue(codes.find(null).isEmpty());
  }

  @Test
  void missingFileGivesAnEmptyTable() throws IOException {
    PostalCodes none = PostalCodes.load(Path.of("does-not-exist"));
    assertEquals(0, none.size());
    assertTrue(none.find("02139").isEmpty());
  }

  @Test
  void bostonToNewYorkIsAbout306Km() {
    GeoPoint boston = new GeoPoint(42.3601, -71.0589);
    GeoPoint nyc = new GeoPoint(40.7128, -74.0060);
    assertEquals(306, boston.distanceKm(nyc), 5);
    assertEquals(boston.distanceKm(nyc), GeoPoint.distanceKm(40.7128, -74.0060, 42.3601, -71.0589), 1e-9);
    assertEquals(0, boston.distanceKm(boston), 1e-9);
  }
}
