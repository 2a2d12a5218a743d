package dev.aisle.server.auth;

import dev.aisle.api.Page;
import dev.aisle.api.Role;
import dev.aisle.api.TokenResponse;
import dev.aisle.server.platform.AisleConfig;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.AuditLog;
import dev.aisle.server.platform.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Who may call: password sign-in issuing HS256 JWTs, API keys for systems, users and keys administration.
 *
 * <p>One instance per node, shared by every HTTP verticle (thread-safe). The JWT secret is the configured one or,
 * when none is configured, one generated once and kept in {@code settings} so every node of a cluster signs and
 * verifies with the same key. Verified API keys and user states are cached per node for {@link #CACHE_TTL_MS}; a
 * revocation or deactivation is published on the event bus so every node forgets it at once.
 *
 * <p>Failures are {@link ApiProblem}s: 401 for bad credentials, 400/422 naming the field for bad input, 404 for an
 * unknown user or key, 409 for a duplicate or for removing the last admin. Passwords, keys and secrets are never
 * logged.
 */
public final class AuthService {

  /** Event bus address; body: the revoked key's id. Every node drops its cached copy. */
  public static final String API_KEY_REVOKED = "aisle.auth.api-key-revoked";
  /** Event bus address; body: the deactivated username. Every node stops accepting its tokens. */
  public static final String USER_DEACTIVATED = "aisle.auth.user-deactivated";
  public static final String JWT_SECRET_SETTING = "jwt.secret";
  public static final String BOOTSTRAP_ADMIN = "admin";

  static final long CACHE_TTL_MS = 60_000;
  // a revocation is remembered longer than a cache entry lives, to beat a DB read that was already in flight
  private static final long TOMBSTONE_TTL_MS = 2 * CACHE_TTL_MS;
  private static final int MAX_CACHE_ENTRIES = 10_000;
  private static final String ISSUER = "aisle";
  private static final String AUDIENCE = "aisle-api";
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  static final int MIN_PASSWORD = 8;
  static final int MAX_PASSWORD = 256;
  private static final Caller SYSTEM = new Caller("system", Role.ADMIN, null, null);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger log = LoggerFactory.getLogger(AuthService.class);

  /** A verified key ({@code caller} non-null) or a revoked one ({@code caller} null, a tombstone). */
  private record CachedKey(Caller caller, String secretHash, long expiresAt) {}

  private record CachedUser(boolean active, boolean tombstone, long expiresAt) {}

  private final Vertx vertx;
  private final Pool pool;
  private final AuditLog audit;
  private final AisleConfig.Security security;
  private final JWTAuth jwt;
  private final Map<String, CachedKey> keys = new ConcurrentHashMap<>();
  private final Map<String, CachedUser> users = new ConcurrentHashMap<>();
  private final List<MessageConsumer<String>> consumers = new ArrayList<>();

  private AuthService(Vertx vertx, Pool pool, AisleConfig.Security security, String jwtSecret) {
    this.vertx = vertx;
    this.pool = pool;
    this.audit = new AuditLog(pool);
    this.security = security;
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(jwtSecret))
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setAudience(List.of(AUDIENCE)).setLeeway(5)));
  }

  /** Loads (or generates and shares) the signing secret and subscribes to revocations. */
  public static Future<AuthService> create(Vertx vertx, Pool pool, AisleConfig config) {
    AisleConfig.Security security = config.security();
    Future<String> secret = security.jwtSecret() != null && !security.jwtSecret().isBlank()
        ? Future.succeededFuture(security.jwtSecret())
        : sharedSecret(pool);
    return secret.compose(s -> {
      if (s.length() < 32) {
        log.warn("the configured JWT secret is shorter than 32 characters; use a longer random one");
      }
      AuthService service = new AuthService(vertx, pool, security, s);
      return service.subscribe().map(service);
    });
  }

  private static Future<String> sharedSecret(Pool pool) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String generated = Base64.getEncoder().encodeToString(bytes);
    // the first node to start wins; every other node (and every restart) reads the winner's secret
    return pool.preparedQuery(AuthSql.INSERT_SETTING).execute(Tuple.of(JWT_SECRET_SETTING, generated))
        .compose(r -> pool.preparedQuery(AuthSql.SELECT_SETTING).execute(Tuple.of(JWT_SECRET_SETTING)))
        .map(rows -> rows.iterator().next().getString("value"));
  }

  private Future<Void> subscribe() {
    MessageConsumer<String> revoked = vertx.eventBus().consumer(API_KEY_REVOKED, msg -> forgetKey(msg.body()));
    MessageConsumer<String> deactivated = vertx.eventBus().consumer(USER_DEACTIVATED, msg -> forgetUser(msg.body()));
    consumers.add(revoked);
    consumers.add(deactivated);
    return Future.all(revoked.completion(), deactivated.completion()).mapEmpty();
  }

  /** Stops listening for revocations (node shutdown). */
  public Future<Void> close() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  // ---------------------------------------------------------------- sign-in and per-request authentication

  /** Signs a person in; fails with 401 for an unknown user, a wrong password or a deactivated user. */
  public Future<String> issueToken(String username, String password) {
    return login(username, password).map(TokenResponse::token);
  }

  /** {@link #issueToken} with what a client needs besides the token: lifetime, role and location. */
  public Future<TokenResponse> login(String username, String password) {
    return pool.preparedQuery(AuthSql.LOGIN).execute(Tuple.of(username))
        .compose(rows -> {
          Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
          String hash = row == null ? null : row.getString("password_hash");
          // an unknown user costs a full PBKDF2 run too, so timing does not tell which names exist
          return vertx.executeBlocking(() -> hash == null ? Passwords.verifyDummy(password)
                  : Passwords.verify(password, hash), false)
              .compose(ok -> {
                if (!ok || !row.getBoolean("active")) {
                  return Future.failedFuture(ApiProblem.unauthorized("wrong username or password"));
                }
                Role role = Role.fromWire(row.getString("role"));
                String location = row.getString("location_id");
                return Future.succeededFuture(new TokenResponse(sign(username, role, location), TokenResponse.BEARER,
                    ttlSeconds(), role, location));
              });
        });
  }

  private String sign(String username, Role role, String locationId) {
    JsonObject claims = new JsonObject().put("role", role.wire());
    if (locationId != null) {
      claims.put("loc", locationId);
    }
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setSubject(username)
        .setIssuer(ISSUER).setAudience(List.of(AUDIENCE)).setExpiresInMinutes(ttlMinutes()));
  }

  private int ttlMinutes() {
    return security.tokenTtlMinutes() > 0 ? security.tokenTtlMinutes() : 480;
  }

  public long ttlSeconds() {
    return ttlMinutes() * 60L;
  }

  /**
   * The caller a request authenticates as: {@code Authorization: Bearer <jwt>}, {@code Authorization: ApiKey <key>}
   * or {@code X-Api-Key: <key>}. Succeeds with null when the request carries no credentials; fails with 401 for
   * malformed, expired, revoked or unknown ones, or a deactivated user.
   */
  public Future<Caller> authenticate(HttpServerRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null) {
      String value = authorization.trim();
      int space = value.indexOf(' ');
      String scheme = space < 0 ? value : value.substring(0, space);
      String credential = space < 0 ? "" : value.substring(space + 1).trim();
      if (credential.isEmpty()) {
        return Future.failedFuture(ApiProblem.unauthorized("the Authorization header has no credentials"));
      }
      if ("Bearer".equalsIgnoreCase(scheme)) {
        return bearer(credential);
      }
      if ("ApiKey".equalsIgnoreCase(scheme)) {
        return apiKey(credential);
      }
      return Future.failedFuture(ApiProblem.unauthorized("unsupported authorization scheme; use Bearer or ApiKey"));
    }
    String key = request.getHeader("X-Api-Key");
    if (key != null) {
      return apiKey(key.trim());
    }
    // Browsers cannot set headers on a WebSocket: its upgrade (and only that) may carry the token in the query.
    String token = request.getParam("access_token");
    if (token != null && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      return bearer(token.trim());
    }
    return Future.succeededFuture();
  }

  private Future<Caller> bearer(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(ApiProblem.unauthorized("invalid or expired token")))
        .compose(u -> {
          JsonObject p = u.principal();
          String subject = p.getString("sub");
          Role role;
          try {
            role = Role.fromWire(p.getString("role"));
          } catch (IllegalArgumentException | ClassCastException e) {
            return Future.failedFuture(ApiProblem.unauthorized("invalid token"));
          }
          String location = p.getValue("loc") instanceof String s ? s : null;
          if (subject == null || !role.person() || role.storeBound() != (location != null)) {
            return Future.failedFuture(ApiProblem.unauthorized("invalid token"));
          }
          Caller caller = new Caller(subject, role, location, null);
          return userActive(subject).compose(active -> active ? Future.succeededFuture(caller)
              : Future.failedFuture(ApiProblem.unauthorized("the user is deactivated")));
        });
  }

  private Future<Boolean> userActive(String username) {
    long now = System.currentTimeMillis();
    CachedUser cached = users.get(username);
    if (cached != null && cached.expiresAt() > now) {
      return Future.succeededFuture(cached.active());
    }
    return pool.preparedQuery(AuthSql.USER_ACTIVE).execute(Tuple.of(username)).map(rows -> {
      boolean active = rows.iterator().hasNext() && rows.iterator().next().getBoolean("active");
      CachedUser fresh = new CachedUser(active, false, System.currentTimeMillis() + CACHE_TTL_MS);
      // a deactivation heard while this read was in flight wins over the read
      CachedUser kept = users.compute(username, (k, old) -> old != null && old.tombstone()
          && old.expiresAt() > System.currentTimeMillis() ? old : fresh);
      trim(users);
      return kept.active();
    });
  }

  private Future<Caller> apiKey(String key) {
    ApiKeys.Parsed parsed = ApiKeys.parse(key);
    if (parsed == null) {
      return Future.failedFuture(ApiProblem.unauthorized("malformed API key"));
    }
    long now = System.currentTimeMillis();
    CachedKey cached = keys.get(parsed.id());
    if (cached != null && cached.expiresAt() > now) {
      return cached.caller() != null && ApiKeys.matches(parsed.secret(), cached.secretHash())
          ? Future.succeededFuture(cached.caller())
          : Future.failedFuture(ApiProblem.unauthorized("unknown or revoked API key"));
    }
    return pool.preparedQuery(AuthSql.API_KEY_FOR_AUTH).execute(Tuple.of(parsed.id())).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        return Future.failedFuture(ApiProblem.unauthorized("unknown or revoked API key"));
      }
      Row r = rows.iterator().next();
      String hash = r.getString("secret_hash");
      Caller caller = new Caller(parsed.id(), Role.fromWire(r.getString("role")), null, r.getString("channel"));
      CachedKey fresh = new CachedKey(caller, hash, System.currentTimeMillis() + CACHE_TTL_MS);
      // a revocation heard while this read was in flight wins over the read
      CachedKey kept = keys.compute(parsed.id(), (k, old) -> old != null && old.caller() == null
          && old.expiresAt() > System.currentTimeMillis() ? old : fresh);
      trim(keys);
      return kept.caller() != null && ApiKeys.matches(parsed.secret(), kept.secretHash())
          ? Future.succeededFuture(kept.caller())
          : Future.failedFuture(ApiProblem.unauthorized("unknown or revoked API key"));
    });
  }

  private void forgetKey(String id) {
    keys.put(id, new CachedKey(null, null, System.currentTimeMillis() + TOMBSTONE_TTL_MS));
  }

  private void forgetUser(String username) {
    users.put(username, new CachedUser(false, true, System.currentTimeMillis() + TOMBSTONE_TTL_MS));
  }

  private static <V> void trim(Map<String, V> cache) {
    if (cache.size() > MAX_CACHE_ENTRIES) {
      long now = System.currentTimeMillis();
      cache.values().removeIf(v -> expiresAt(v) <= now);
      if (cache.size() > MAX_CACHE_ENTRIES) {
        // only verified entries are lost, tombstones are rebuilt from the database's revoked_at / active
        cache.clear();
      }
    }
  }

  private static long expiresAt(Object v) {
    return v instanceof CachedKey k ? k.expiresAt() : ((CachedUser) v).expiresAt();
  }

  // ---------------------------------------------------------------- users

  /**
   * Creates a person. Store roles need an existing {@code locationId} (400 when missing, 422 when unknown); other
   * roles must not have one (400). A taken username is a 409 (through the failure handler).
   */
  public Future<User> createUser(Caller by, NewUser user) {
    try {
      checkUser(user);
    } catch (ApiProblem p) {
      return Future.failedFuture(p);
    }
    Future<Void> location = user.locationId() == null ? Future.succeededFuture()
        : pool.preparedQuery(AuthSql.LOCATION_EXISTS).execute(Tuple.of(user.locationId())).compose(rows ->
            rows.iterator().next().getBoolean(0) ? Future.succeededFuture()
                : Future.failedFuture(ApiProblem.unprocessable("locationId: no location " + user.locationId(),
                    List.of(new dev.aisle.api.Problem.FieldError("locationId", "no such location")))));
    return location
        .compose(v -> vertx.executeBlocking(() -> Passwords.hash(user.password()), false))
        .compose(hash -> pool.withTransaction(tx -> tx.preparedQuery(AuthSql.INSERT_USER)
            .execute(Tuple.of(UUID.randomUUID(), user.username(), hash, user.role().wire(), user.locationId()))
            .map(rows -> AuthSql.user(rows.iterator().next()))
            .compose(created -> audit.record(tx, by, "user.create", created.username(), new JsonObject()
                .put("role", created.role().wire()).put("locationId", created.locationId())).map(created))))
        .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(ApiProblem.conflict("username " + user.username() + " is taken"))
            : Future.failedFuture(e));
  }

  static void checkUser(NewUser user) {
    if (user.username() == null || !USERNAME.matcher(user.username()).matches()) {
      throw ApiProblem.invalidField("username",
          "must be 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
    }
    if (user.password() == null || user.password().length() < MIN_PASSWORD || user.password().length() > MAX_PASSWORD) {
      throw ApiProblem.invalidField("password", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
    if (user.role() == null || !user.role().person()) {
      throw ApiProblem.invalidField("role", "must be one of admin, csr, store-manager, associate");
    }
    if (user.role().storeBound() && user.locationId() == null) {
      throw ApiProblem.invalidField("locationId", "is required for role " + user.role().wire());
    }
    if (!user.role().storeBound() && user.locationId() != null) {
      throw ApiProblem.invalidField("locationId", "must be absent for role " + user.role().wire());
    }
  }

  /** Users ordered by username, {@code limit} at a time; pass the page's {@code nextCursor} back as {@code after}. */
  public Future<Page<User>> listUsers(String after, int limit) {
    return pool.preparedQuery(AuthSql.LIST_USERS).execute(Tuple.of(after, limit + 1)).map(rows -> {
      List<User> list = new ArrayList<>();
      rows.forEach(r -> list.add(AuthSql.user(r)));
      return page(list, limit, User::username);
    });
  }

  /**
   * Deactivates a user: sign-in stops at once and its tokens stop working on every node. 404 for an unknown user,
   * 409 when it is the last active admin. Idempotent.
   */
  public Future<User> deactivate(Caller by, String username) {
    return pool.withTransaction(tx -> tx.preparedQuery(AuthSql.LOCK_FOR_DEACTIVATION).execute(Tuple.of(username))
        .compose(locked -> {
          Row target = null;
          int activeAdmins = 0;
          for (Row r : locked) {
            if (username.equals(r.getString("username"))) {
              target = r;
            }
            if ("admin".equals(r.getString("role")) && r.getBoolean("active")) {
              activeAdmins++;
            }
          }
          if (target == null) {
            return Future.failedFuture(ApiProblem.notFound("no user " + username));
          }
          if ("admin".equals(target.getString("role")) && target.getBoolean("active") && activeAdmins <= 1) {
            return Future.failedFuture(ApiProblem.conflict("cannot deactivate the last active admin"));
          }
          return tx.preparedQuery(AuthSql.DEACTIVATE_USER).execute(Tuple.of(username));
        })
        .map(rows -> AuthSql.user(rows.iterator().next()))
        .compose(u -> audit.record(tx, by, "user.deactivate", username, new JsonObject()).map(u)))
        .onSuccess(u -> {
          forgetUser(username);
          vertx.eventBus().publish(USER_DEACTIVATED, username);
        });
  }

  /**
   * Creates the first admin when there is no active one: with the configured password, or a generated one printed
   * once on standard output (never to the log). Safe when several nodes start at once: one of them creates it.
   */
  public Future<Void> bootstrapAdmin() {
    return activeAdminExists().compose(exists -> {
      if (exists) {
        return Future.succeededFuture();
      }
      String configured = security.adminPassword();
      boolean generate = configured == null || configured.isBlank();
      String password = generate ? generatePassword() : configured;
      return vertx.executeBlocking(() -> Passwords.hash(password), false)
          .compose(hash -> pool.withTransaction(tx -> tx.preparedQuery(AuthSql.INSERT_USER)
              .execute(Tuple.of(UUID.randomUUID(), BOOTSTRAP_ADMIN, hash, Role.ADMIN.wire(), null))
              .compose(rows -> audit.record(tx, SYSTEM, "user.bootstrap-admin", BOOTSTRAP_ADMIN,
                  new JsonObject().put("generatedPassword", generate)))))
          .onSuccess(v -> {
            log.info("created the first admin user '{}' ({} password)", BOOTSTRAP_ADMIN,
                generate ? "generated" : "configured");
            if (generate) {
              printOnce(password);
            }
          })
          .recover(e -> {
            if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
              // another node created it at the same moment, or a non-admin holds the name
              return activeAdminExists().compose(now -> now ? Future.succeededFuture()
                  : Future.failedFuture(new IllegalStateException("no active admin exists and the username '"
                      + BOOTSTRAP_ADMIN + "' is taken by another user; reactivate an admin in the users table")));
            }
            return Future.failedFuture(e);
          });
    });
  }

  private Future<Boolean> activeAdminExists() {
    return pool.query(AuthSql.ACTIVE_ADMIN_EXISTS).execute().map(rows -> rows.iterator().next().getBoolean(0));
  }

  private static String generatePassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void printOnce(String password) {
    String line = "Aisle admin password (shown once): " + password;
    String rule = "+" + "-".repeat(line.length() + 2) + "+";
    String hint = String.format("%-" + line.length() + "s", "Sign in as '" + BOOTSTRAP_ADMIN + "' and keep it safe.");
    // standard output on purpose: the log file must never hold a password
    System.out.println(rule + "\n| " + line + " |\n| " + hint + " |\n" + rule);
    System.out.flush();
  }

  // ---------------------------------------------------------------- API keys

  /**
   * Creates an API key for a system ({@code storefront}, which needs a {@code channel}, or {@code integration}).
   * The answer holds the full key; only the hash of its secret is stored, so it can never be shown again.
   */
  public Future<NewApiKey> createApiKey(String name, Role role, String channel, Caller createdBy) {
    if (role == null || role.person()) {
      return Future.failedFuture(ApiProblem.invalidField("role", "must be storefront or integration"));
    }
    if (role == Role.STOREFRONT && (channel == null || channel.isBlank())) {
      return Future.failedFuture(ApiProblem.invalidField("channel", "is required for a storefront key"));
    }
    String id = ApiKeys.newId();
    String secret = ApiKeys.newSecret();
    return pool.withTransaction(tx -> tx.preparedQuery(AuthSql.INSERT_API_KEY)
            .execute(Tuple.of(id, name, role.wire(), channel, ApiKeys.hash(secret), createdBy.actor()))
            .compose(r -> audit.record(tx, createdBy, "api-key.create", id,
                new JsonObject().put("name", name).put("role", role.wire()).put("channel", channel))))
        .map(v -> new NewApiKey(id, name, role, channel, ApiKeys.format(id, secret)));
  }

  /** Keys ordered by id, revoked ones included; never a secret or hash. */
  public Future<Page<ApiKey>> listApiKeys(String after, int limit) {
    return pool.preparedQuery(AuthSql.LIST_API_KEYS).execute(Tuple.of(after, limit + 1)).map(rows -> {
      List<ApiKey> list = new ArrayList<>();
      rows.forEach(r -> list.add(AuthSql.apiKey(r)));
      return page(list, limit, ApiKey::id);
    });
  }

  /** Revokes a key on every node at once; 404 for an unknown id. Idempotent. */
  public Future<ApiKey> revokeApiKey(Caller by, String id) {
    return pool.withTransaction(tx -> tx.preparedQuery(AuthSql.REVOKE_API_KEY).execute(Tuple.of(id))
            .compose(rows -> rows.iterator().hasNext() ? Future.succeededFuture(AuthSql.apiKey(rows.iterator().next()))
                : Future.<ApiKey>failedFuture(ApiProblem.notFound("no API key " + id)))
            .compose(k -> audit.record(tx, by, "api-key.revoke", id, new JsonObject().put("name", k.name())).map(k)))
        .onSuccess(k -> {
          forgetKey(id);
          vertx.eventBus().publish(API_KEY_REVOKED, id);
        });
  }

  private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, String> cursor) {
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<T> items = List.copyOf(rows.subList(0, limit));
    return new Page<>(items, cursor.apply(items.get(items.size() - 1)));
  }
}
