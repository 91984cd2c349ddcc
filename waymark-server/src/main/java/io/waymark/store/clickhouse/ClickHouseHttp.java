package io.waymark.store.clickhouse;

import io.waymark.store.StoreException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * ClickHouse's HTTP interface over {@code java.net.http}: the statement in the body, settings in
 * the query string, TabSeparated both ways, no compression. Native-protocol clients do not work
 * with 18.16 (decision 5), and HTTP is the interface every version keeps.
 */
final class ClickHouseHttp implements AutoCloseable {

  private static final Pattern CODE = Pattern.compile("Code: (\\d+)");

  private final ClickHouseSettings settings;
  private final HttpClient client;
  private final String authorization;

  ClickHouseHttp(ClickHouseSettings settings) {
    this.settings = settings;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .build();
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
  }

  ClickHouseSettings settings() {
    return settings;
  }

  /** Runs a query in the configured database and returns its rows. */
  List<String[]> rows(String sql) {
    return Tsv.parse(send(sql, null, true, Map.of()));
  }

  /** Runs a query with extra ClickHouse settings (e.g. for FINAL reads). */
  List<String[]> rows(String sql, Map<String, String> querySettings) {
    return Tsv.parse(send(sql, null, true, querySettings));
  }

  /** Runs a statement (DDL, ALTER, OPTIMIZE) in the configured database. */
  void execute(String sql) {
    send(sql, null, true, Map.of());
  }

  /** Runs a statement outside any database (before the database exists). */
  String executeWithoutDatabase(String sql) {
    return send(sql, null, false, Map.of());
  }

  /**
   * Inserts TabSeparated rows into {@code table} ({@code columns}: the list in the rows' order).
   */
  void insert(String table, String columns, Tsv.Writer rows) {
    send(
        "INSERT INTO " + table + " (" + columns + ") FORMAT TabSeparated",
        HttpRequest.BodyPublishers.ofByteArray(rows.buffer(), 0, rows.length()),
        true,
        Map.of());
  }

  /**
   * Sends one request. With {@code body} the statement goes in the query string and the body is the
   * data; without, the statement is the body. A connection the server closed while idle fails the
   * first attempt; every request Waymark sends may be repeated (writes are idempotent), so it is
   * sent once more.
   */
  private String send(
      String sql, HttpRequest.BodyPublisher body, boolean inDatabase, Map<String, String> extra) {
    StringBuilder query = new StringBuilder("/?wait_end_of_query=1");
    if (inDatabase) {
      query.append("&database=").append(settings.database());
    }
    if (body != null) {
      query.append("&query=").append(URLEncoder.encode(sql, StandardCharsets.UTF_8));
    }
    long maxSeconds = Math.max(1, settings.socketTimeout().toSeconds());
    query.append("&max_execution_time=").append(maxSeconds);
    extra.forEach((k, v) -> query.append('&').append(k).append('=').append(v));
    HttpRequest request =
        HttpRequest.newBuilder(endpoint(query.toString()))
            .timeout(settings.socketTimeout())
            .header("Authorization", authorization)
            .header("Content-Type", "text/plain; charset=UTF-8")
            .POST(body != null ? body : HttpRequest.BodyPublishers.ofString(sql))
            .build();
    IOException failure = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        HttpResponse<String> response =
            client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() == 200) {
          return response.body();
        }
        throw error(response.statusCode(), response.body(), sql);
      } catch (HttpConnectTimeoutException | ConnectException | SSLException e) {
        throw unreachable(e);
      } catch (HttpTimeoutException e) {
        throw new StoreException(
            "ClickHouse at "
                + settings.url()
                + " did not answer within "
                + settings.socketTimeout()
                + " (waymark.clickhouse.socket-timeout): "
                + shorten(sql)
                + ". Check the server's load and system.processes",
            e);
      } catch (IOException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for ClickHouse", e);
      }
    }
    throw new StoreException(
        "ClickHouse at "
            + settings.url()
            + " broke off the connection twice ("
            + failure
            + ") while running: "
            + shorten(sql)
            + ". Check that the address is ClickHouse's HTTP port and the server's log",
        failure);
  }

  private URI endpoint(String pathAndQuery) {
    String base = settings.url().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + pathAndQuery);
  }

  private StoreException unreachable(IOException e) {
    String what =
        e instanceof SSLException
            ? "the TLS handshake failed (" + e.getMessage() + ")"
            : e instanceof HttpConnectTimeoutException
                ? "no connection within " + settings.connectTimeout()
                : "connection refused";
    return new StoreException(
        "Waymark cannot reach ClickHouse at "
            + settings.url()
            + ": "
            + what
            + ". Start ClickHouse or correct waymark.clickhouse.url (it must be the HTTP port,"
            + " 8123 by default, or 8443 with waymark.clickhouse.tls=true; not the native port"
            + " 9000)",
        e);
  }

  private ClickHouseException error(int status, String body, String sql) {
    Matcher m = CODE.matcher(body);
    int code = m.find() ? Integer.parseInt(m.group(1)) : 0;
    String text = body.strip();
    if (ClickHouseException.AUTHENTICATION_CODES.contains(code) || status == 401) {
      return new ClickHouseException(
          "ClickHouse at "
              + settings.url()
              + " refused user '"
              + settings.user()
              + "': "
              + shorten(text)
              + ". Set waymark.clickhouse.user and waymark.clickhouse.password to an account the"
              + " server knows (users.xml, or CREATE USER on current versions)",
          code,
          status);
    }
    return new ClickHouseException(
        "ClickHouse at "
            + settings.url()
            + " answered "
            + status
            + " to: "
            + shorten(sql)
            + " — "
            + shorten(text),
        code,
        status);
  }

  private static String shorten(String s) {
    String one = s.replace('\n', ' ');
    return one.length() <= 300 ? one : one.substring(0, 300) + "...";
  }

  @Override
  public void close() {
    client.close();
  }
}
