package io.waymark.store.clickhouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before anything else touches ClickHouse, that the server answers, accepts the account and
 * runs a version Waymark supports; each failure names what failed, where, and what to do.
 */
final class ClickHouseStartupCheck {

  private static final Logger log = LoggerFactory.getLogger(ClickHouseStartupCheck.class);

  private ClickHouseStartupCheck() {}

  /** Returns the server's version; throws {@link io.waymark.store.StoreException} otherwise. */
  static ClickHouseVersion verify(ClickHouseHttp http) {
    ClickHouseSettings s = http.settings();
    // Reachability and the account in one request: ClickHouse checks the password on every one.
    String answer = http.executeWithoutDatabase("SELECT version()");
    ClickHouseVersion version = ClickHouseVersion.parse(answer);
    requireSupported(version, s);
    if (version.tested()) {
      log.info(
          "ClickHouse {} at {} (user {}): the tested version", version.text(), s.url(), s.user());
    } else {
      log.info(
          "ClickHouse {} at {} (user {}): Waymark is tested on {} and keeps to SQL that later"
              + " versions run",
          version.text(),
          s.url(),
          s.user(),
          ClickHouseVersion.OLDEST_SUPPORTED.text());
    }
    return version;
  }

  static void requireSupported(ClickHouseVersion version, ClickHouseSettings s) {
    if (!version.supported()) {
      throw new io.waymark.store.StoreException(
          "ClickHouse at "
              + s.url()
              + " is version "
              + version.text()
              + "; Waymark needs "
              + ClickHouseVersion.OLDEST_SUPPORTED.text()
              + " or later ("
              + ClickHouseVersion.OLDEST_SUPPORTED.text()
              + " is tested; later versions run the same SQL). Upgrade the ClickHouse server, or"
              + " point waymark.clickhouse.url at one that is");
    }
  }
}
