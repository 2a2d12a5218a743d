package dev.aisle.server.network;

/** A point on the earth in decimal degrees (WGS 84). */
public record GeoPoint(double lat, double lon) {

  /** Mean earth radius (IUGG), in km. */
  public static final double EARTH_RADIUS_KM = 6371.0088;

  public GeoPoint {
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("not a point on earth: " + lat + "," + lon);
    }
  }

  /** Great-circle distance to {@code other}, in km. */
  public double distanceKm(GeoPoint other) {
    return distanceKm(lat, lon, other.lat, other.lon);
  }

  /** Great-circle distance (haversine) between two points given in decimal degrees, in km. */
  public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(lon2 - lon1);
    double sinPhi = Math.sin(dPhi / 2);
    double sinLambda = Math.sin(dLambda / 2);
    double h = sinPhi * sinPhi + Math.cos(phi1) * Math.cos(phi2) * sinLambda * sinLambda;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(h)));
  }
}
