package dev.aisle.server.testing;

/**
 * A small, hand-placed network for HTTP tests, around Boston: stores at known distances from Boston Common
 * (42.3550, -71.0656), one DC far away, a few products and positions.
 *
 * <pre>
 *   B-DOWNTOWN  ~0.5 km   pickup, ship        B-CAMBRIDGE ~4 km    pickup, ship
 *   B-QUINCY    ~12 km    pickup              B-WORCESTER ~60 km   pickup, ship
 *   NYC-1       ~306 km   pickup, ship        DC-1 (Columbus OH)   ship only
 *   B-CLOSED    ~2 km     pickup but inactive
 * </pre>
 */
public final class TestNetwork {

  private TestNetwork() {}

  public static final double BOSTON_LAT = 42.3550;
  public static final double BOSTON_LON = -71.0656;

  private static final String HOURS = """
      '{"mon":"09:00-21:00","tue":"09:00-21:00","wed":"09:00-21:00","thu":"09:00-21:00","fri":"09:00-21:00","sat":"09:00-21:00","sun":"10:00-18:00"}'""";

  private static String location(String id, String type, String name, double lat, double lon, String city,
                                 String zip, String caps, boolean active) {
    return "('" + id + "','" + type + "','" + name + "'," + lat + "," + lon + ",'{\"line1\":\"1 Main St\",\"city\":\""
        + city + "\",\"region\":\"MA\",\"postalCode\":\"" + zip + "\",\"country\":\"US\"}'," + caps + "," + HOURS
        + ",'America/New_York',200,1," + active + ")";
  }

  public static final String SQL = "INSERT INTO locations (id, type, name, lat, lon, address, capabilities, "
      + "opening_hours, timezone, capacity_per_day, priority, active) VALUES "
      + String.join(",",
          location("B-DOWNTOWN", "store", "Aisle Downtown Crossing", 42.3555, -71.0605, "Boston", "02108",
              "'{pickup,ship}'", true),
          location("B-CAMBRIDGE", "store", "Aisle Cambridge", 42.3736, -71.1097, "Cambridge", "02139",
              "'{pickup,ship}'", true),
          location("B-QUINCY", "store", "Aisle Quincy", 42.2529, -71.0023, "Quincy", "02169", "'{pickup}'", true),
          location("B-WORCESTER", "store", "Aisle Worcester", 42.2626, -71.8023, "Worcester", "01608",
              "'{pickup,ship}'", true),
          location("NYC-1", "store", "Aisle Herald Square", 40.7505, -73.9934, "New York", "10001",
              "'{pickup,ship}'", true),
          location("B-CLOSED", "store", "Aisle Back Bay (closed)", 42.3497, -71.0785, "Boston", "02116",
              "'{pickup}'", false),
          location("DC-1", "dc", "Aisle DC East", 39.9612, -82.9988, "Columbus", "43215", "'{ship}'", true))
      + ";\n"
      + "INSERT INTO products (sku, name, upc, price_cents, weight_grams, category) VALUES "
      + "('TEE-1','Cotton Tee','036000291452',1299,180,'apparel'),"
      + "('MUG-1','Stoneware Mug','012345678905',899,350,'kitchen'),"
      + "('LAMP-1','Desk Lamp','042100005264',3999,1200,'home'),"
      + "('HOT-1','Doorbuster TV','885909950805',19999,9000,'electronics');\n"
      + "INSERT INTO stock (sku, location_id, on_hand, safety_stock) VALUES "
      + "('TEE-1','B-DOWNTOWN',10,1),('TEE-1','B-CAMBRIDGE',3,0),('TEE-1','B-QUINCY',0,0),"
      + "('TEE-1','B-WORCESTER',50,2),('TEE-1','NYC-1',7,0),('TEE-1','DC-1',500,0),('TEE-1','B-CLOSED',99,0),"
      + "('MUG-1','B-CAMBRIDGE',4,0),('MUG-1','DC-1',100,0),"
      + "('HOT-1','B-DOWNTOWN',100,0);\n";
}
