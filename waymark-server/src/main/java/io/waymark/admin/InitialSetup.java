package io.waymark.admin;

import io.waymark.platform.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start: creates the admin account, one ingest key and one admin API key, from the
 * environment when given, otherwise generated and written to {@code
 * <data-dir>/initial-credentials.txt} (mode 600). Keys given in the environment on later starts are
 * registered too, so they can be rotated by setting them.
 */
final class InitialSetup {

  private static final Logger log = LoggerFactory.getLogger(InitialSetup.class);

  static final String INITIAL_INGEST_KEY = "initial ingest key";

  private InitialSetup() {}

  static void run(BootstrapSettings s, Accounts accounts, ApiKeys keys, DataDirectory dataDir) {
    List<String> lines = new ArrayList<>();
    if (accounts.count() == 0) {
      boolean generate = s.adminPassword().isBlank();
      String password = generate ? ApiKeys.randomHex(12) : s.adminPassword();
      accounts.create(s.adminUsername(), password, Role.ADMIN);
      lines.add("admin username: " + s.adminUsername());
      lines.add("admin password: " + (generate ? password : "(from WAYMARK_ADMIN_PASSWORD)"));
      lines.add("ingest key: " + key(s.ingestKey(), INITIAL_INGEST_KEY, Role.INGEST, keys));
      lines.add("admin key: " + key(s.adminKey(), "initial admin key", Role.ADMIN, keys));
      write(dataDir.resolve("initial-credentials.txt"), lines);
    } else {
      if (!s.ingestKey().isBlank()) {
        keys.ensure(s.ingestKey(), "ingest key from WAYMARK_INGEST_KEY", Role.INGEST);
      }
      if (!s.adminKey().isBlank()) {
        keys.ensure(s.adminKey(), "admin key from WAYMARK_ADMIN_KEY", Role.ADMIN);
      }
    }
    applyOrigins(s, keys);
  }

  /**
   * Gives the bootstrap ingest key (from the environment, or the one generated on first start) the
   * configured origins; a bad origin stops the start with the property to fix.
   */
  static void applyOrigins(BootstrapSettings s, ApiKeys keys) {
    if (s.ingestKeyOrigins().isEmpty()) {
      return;
    }
    List<Origins.Problem> problems = Origins.check(s.ingestKeyOrigins());
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "waymark.bootstrap.ingest-key-origins: "
              + problems.get(0).field()
              + " "
              + problems.get(0).reason());
    }
    List<String> ids =
        s.ingestKey().isBlank()
            ? keys.idsNamed(INITIAL_INGEST_KEY)
            : keys.findBySecret(s.ingestKey()).map(k -> List.of(k.id())).orElse(List.of());
    for (String id : ids) {
      keys.setOrigins(id, s.ingestKeyOrigins());
    }
    log.info("bootstrap ingest key allows browser origins {}", s.ingestKeyOrigins());
  }

  private static String key(String given, String name, Role role, ApiKeys keys) {
    if (given.isBlank()) {
      return keys.create(name, role, null).secret();
    }
    keys.ensure(given, name, role);
    return given;
  }

  private static void write(Path file, List<String> lines) {
    try {
      List<String> content = new ArrayList<>();
      content.add(
          "# Waymark initial credentials. Keep this file secret; delete it once stored elsewhere.");
      content.add(
          "# Keys are sent as 'Authorization: Bearer <key>'. The ingest key can only write events.");
      content.addAll(lines);
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, content);
      log.info("first start: initial credentials written to {}", file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the initial credentials to " + file, e);
    }
  }
}
