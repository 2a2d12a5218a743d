package dev.aisle.server.network;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * US postal code → centroid, from {@code <configDir>/geo/us-zcta-2021.csv} (Census 2021 ZCTA gazetteer, see
 * {@code config/geo/ATTRIBUTION.md}). Accepts {@code "02139"} and ZIP+4 {@code "02139-4307"}.
 *
 * <p>About 34k entries held in three parallel arrays sorted by zip (≈680 KB); immutable after construction, so
 * safe to share between verticles. A missing file gives an empty table and a warning: every lookup is then
 * empty and callers fall back to whatever they do without a customer position.
 */
public final class PostalCodes {

  private static final Logger LOG = LoggerFactory.getLogger(PostalCodes.class);
  public static final String FILE = "geo/us-zcta-2021.csv";

  private final int[] zips;
  private final double[] lats;
  private final double[] lons;

  private PostalCodes(int[] zips, double[] lats, double[] lons) {
    this.zips = zips;
    this.lats = lats;
    this.lons = lons;
  }

  public static PostalCodes empty() {
    return new PostalCodes(new int[0], new double[0], new double[0]);
  }

  /** Reads {@code <configDir>/geo/us-zcta-2021.csv}; empty table (with a warning) when the file is missing. */
  public static PostalCodes load(Path configDir) throws IOException {
    Path file = configDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      LOG.warn("postal code table {} not found: postal code lookups will find nothing", file.toAbsolutePath());
      return empty();
    }
    int n = 0;
    int[] zips = new int[40_000];
    double[] lats = new double[zips.length];
    double[] lons = new double[zips.length];
    boolean sorted = true;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = in.readLine(); // header zip,lat,lon
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        int c1 = line.indexOf(',');
        int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
        int zip = c1 == 5 ? parseZip(line, 0) : -1;
        if (zip < 0 || c2 < 0) {
          throw new IOException(file + ":" + lineNo + ": expected zip,lat,lon but got '" + line + "'");
        }
        if (n == zips.length) {
          zips = Arrays.copyOf(zips, n * 2);
          lats = Arrays.copyOf(lats, n * 2);
          lons = Arrays.copyOf(lons, n * 2);
        }
        try {
          lats[n] = Double.parseDouble(line.substring(c1 + 1, c2));
          lons[n] = Double.parseDouble(line.substring(c2 + 1).trim());
        } catch (NumberFormatException e) {
          throw new IOException(file + ":" + lineNo + ": bad coordinate in '" + line + "'", e);
        }
        if (n > 0 && zips[n - 1] >= zip) {
          sorted = false;
        }
        zips[n++] = zip;
      }
    }
    zips = Arrays.copyOf(zips, n);
    lats = Arrays.copyOf(lats, n);
    lons = Arrays.copyOf(lons, n);
    if (!sorted) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      final int[] z = zips;
      Arrays.sort(order, (a, b) -> Integer.compare(z[a], z[b]));
      int[] sz = new int[n];
      double[] sla = new double[n];
      double[] slo = new double[n];
      for (int i = 0; i < n; i++) {
        sz[i] = zips[order[i]];
        sla[i] = lats[order[i]];
        slo[i] = lons[order[i]];
      }
      zips = sz;
      lats = sla;
      lons = slo;
    }
    LOG.info("loaded {} postal codes from {}", n, file);
    return new PostalCodes(zips, lats, lons);
  }

  /** The centroid of a 5-digit ZIP or ZIP+4 ({@code "02139"}, {@code "02139-4307"}, {@code "021394307"}). */
  public Optional<GeoPoint> find(String postalCode) {
    int zip = normalize(postalCode);
    if (zip < 0) {
      return Optional.empty();
    }
    int i = Arrays.binarySearch(zips, zip);
    return i < 0 ? Optional.empty() : Optional.of(new GeoPoint(lats[i], lons[i]));
  }

  public boolean contains(String postalCode) {
    int zip = normalize(postalCode);
    return zip >= 0 && Arrays.binarySearch(zips, zip) >= 0;
  }

  public int size() {
    return zips.length;
  }

  /** The 5-digit zip as an int, or -1 when {@code postalCode} is not a US ZIP / ZIP+4. */
  static int normalize(String postalCode) {
    if (postalCode == null) {
      return -1;
    }
    String s = postalCode.trim();
    if (s.length() == 10 && s.charAt(5) == '-' && parseZip(s, 6, 4) >= 0
        || s.length() == 9 && parseZip(s, 5, 4) >= 0
        || s.length() == 5) {
      return parseZip(s, 0);
    }
    return -1;
  }

  private static int parseZip(String s, int from) {
    return parseZip(s, from, 5);
  }

  private static int parseZip(String s, int from, int digits) {
    if (s.length() < from + digits) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < from + digits; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
