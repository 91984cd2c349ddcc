package io.waymark.store.clickhouse;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the ClickHouse server is and how to talk to it. {@code url}: its HTTP interface ({@code
 * http://host:8123}, or {@code https://host:8443} with {@code tls}); {@code database}: created by
 * Waymark when missing; {@code connectTimeout}: to open a connection; {@code socketTimeout}: the
 * longest any one request may take, answer included. {@code mutationTimeout}: how long an erasure
 * waits for ClickHouse to finish rewriting the parts that held the person's rows; {@code
 * purgeTimeout}: how long it then waits for the old copies of those parts to leave the disk
 * (ClickHouse removes them after the tables' {@code old_parts_lifetime}, 8 minutes by default).
 */
@ConfigurationProperties("waymark.clickhouse")
public record ClickHouseSettings(
    @DefaultValue("http://127.0.0.1:8123") URI url,
    @DefaultValue("default") String user,
    @DefaultValue("") String password,
    @DefaultValue("waymark") String database,
    @DefaultValue("false") boolean tls,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("60s") Duration socketTimeout,
    @DefaultValue("10m") Duration mutationTimeout,
    @DefaultValue("15m") Duration purgeTimeout) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  public ClickHouseSettings {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException(
          "waymark.clickhouse.url must be ClickHouse's HTTP address, like http://127.0.0.1:8123;"
              + " got "
              + url);
    }
    if (tls != scheme.equals("https")) {
      throw new IllegalArgumentException(
          tls
              ? "waymark.clickhouse.tls is on but waymark.clickhouse.url is "
                  + url
                  + "; use https:// and ClickHouse's https_port (8443 by default)"
              : "waymark.clickhouse.url is "
                  + url
                  + " but waymark.clickhouse.tls is off; set waymark.clickhouse.tls=true");
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException(
          "waymark.clickhouse.url has no host: " + url + " (expected http://host:8123)");
    }
    if (!NAME.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "waymark.clickhouse.database must be a plain name (letters, digits, underscore, not"
              + " starting with a digit); got '"
              + database
              + "'");
    }
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("waymark.clickhouse.user must not be blank");
    }
    password = password == null ? "" : password;
    requirePositive("connect-timeout", connectTimeout);
    requirePositive("socket-timeout", socketTimeout);
    requirePositive("mutation-timeout", mutationTimeout);
    requirePositive("purge-timeout", purgeTimeout);
  }

  /** Settings for {@code url} with the given account and the default timeouts. */
  public static ClickHouseSettings of(URI url, String user, String password, String database) {
    return new ClickHouseSettings(
        url,
        user,
        password,
        database,
        "https".equals(url.getScheme()),
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        Duration.ofMinutes(10),
        Duration.ofMinutes(15));
  }

  /** The same settings with other timeouts for erasures (tests shorten them). */
  public ClickHouseSettings withErasureTimeouts(Duration mutation, Duration purge) {
    return new ClickHouseSettings(
        url, user, password, database, tls, connectTimeout, socketTimeout, mutation, purge);
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("waymark.clickhouse." + name + " must be positive");
    }
  }

  /** Never prints the password (settings end up in logs and error messages). */
  @Override
  public String toString() {
    return "ClickHouseSettings[url="
        + url
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "(none)" : "****")
        + ", database="
        + database
        + ", tls="
        + tls
        + ", connectTimeout="
        + connectTimeout
        + ", socketTimeout="
        + socketTimeout
        + "]";
  }
}
