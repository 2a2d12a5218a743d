package dev.aisle.server.platform;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where the database is: the embedded one, or an external one named by a {@code postgresql://} URL. */
public record DbTarget(String host, int port, String database, String user, String password) {

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** Parses {@code postgresql://user:password@host:port/database} (also accepts a {@code jdbc:} prefix). */
  public static DbTarget parse(String url) {
    String u = url.startsWith("jdbc:") ? url.substring(5) : url;
    URI uri = URI.create(u);
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException("AISLE_PG_URL must look like postgresql://user:password@host:5432/db");
    }
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
    }
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    return new DbTarget(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, db, user, password);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
