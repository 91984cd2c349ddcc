package io.waymark.store.clickhouse;

import io.waymark.store.StoreException;
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
    ClickHouseVersion version;
    try {
      version = ClickHouseVersion.parse(http.executeWithoutDatabase("SELECT version()"));
    } catch (ClickHouseException e) {
      if (e.authentication()) {
        throw e;
      }
      throw notClickHouseHttp(s, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw notClickHouseHttp(s, e.getMessage(), e);
    }
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

  private static StoreException notClickHouseHttp(
      ClickHouseSettings s, String answer, Exception cause) {
    return new StoreException(
        "the server at "
            + s.url()
            + " did not answer SELECT version() as ClickHouse's HTTP interface does ("
            + answer
            + "). Check that waymark.clickhouse.url is ClickHouse's HTTP port (8123 by default),"
            + " not the native one (9000) or a proxy's page",
        cause);
  }

  static void requireSupported(ClickHouseVersion version, ClickHouseSettings s) {
    if (!version.supported()) {
      throw new StoreException(
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
