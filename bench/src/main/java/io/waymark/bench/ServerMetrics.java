package io.waymark.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the figures the benchmarks need from the server: the two meters alone, through {@code
 * /actuator/metrics/<name>}. (A whole {@code /actuator/prometheus} scrape renders thousands of
 * Kafka series; read several times a second it took a tenth of the server's CPU samples and so
 * disturbed what the benchmark measures.)
 */
final class ServerMetrics {

  static final String STREAM_LAG = "waymark.stream.lag";
  static final String STORE_WRITTEN = "waymark.store.sink.events.written";
  private static final Pattern VALUE =
      Pattern.compile("\"value\"\\s*:\\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?|\"?NaN\"?)");

  /** One reading: the stream processor's backlog and the events the store has written. */
  record Reading(long streamLag, long storeWritten) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;
  private final String auth;

  /** {@code managementPort}: the server's actuator port (management.server.port). */
  ServerMetrics(int managementPort, String adminKey) {
    this.base = "http://127.0.0.1:" + managementPort + "/actuator/metrics/";
    this.auth = "Bearer " + adminKey;
  }

  Reading read() throws IOException, InterruptedException {
    return new Reading((long) meter(STREAM_LAG), (long) meter(STORE_WRITTEN));
  }

  long streamLag() throws IOException, InterruptedException {
    return (long) meter(STREAM_LAG);
  }

  /** The value of one meter on {@code /actuator/metrics}; fails when the server has none. */
  double meterValue(String name) throws IOException, InterruptedException {
    return meter(name);
  }

  /** The value of one meter with one tag ({@code key:value}); fails when the server has none. */
  double meterValue(String name, String tag) throws IOException, InterruptedException {
    return meter(
        name + "?tag=" + java.net.URLEncoder.encode(tag, java.nio.charset.StandardCharsets.UTF_8));
  }

  private double meter(String name) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + name))
                .header("Authorization", auth)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(
          "GET /actuator/metrics/" + name + " answered " + r.statusCode() + ": " + r.body());
    }
    return value(r.body());
  }

  /** A timer's count and total time so far (one tag selects it, as {@code key:value}). */
  record TimerTotals(long count, double totalSeconds) {
    /** Mean milliseconds per event between an earlier reading and this one. */
    double meanMillisSince(TimerTotals before) {
      long n = count - before.count;
      return n <= 0 ? Double.NaN : (totalSeconds - before.totalSeconds) * 1000 / n;
    }
  }

  TimerTotals timer(String name, String tag) throws IOException, InterruptedException {
    String url =
        base
            + name
            + "?tag="
            + java.net.URLEncoder.encode(tag, java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", auth)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      return new TimerTotals(0, 0); // not used yet
    }
    return totals(r.body());
  }

  private static final Pattern STATISTIC =
      Pattern.compile(
          "\"statistic\"\\s*:\\s*\"(\\w+)\"\\s*,\\s*\"value\"\\s*:\\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)");

  /** COUNT and TOTAL_TIME of a timer's {@code /actuator/metrics/<name>} answer. */
  static TimerTotals totals(String json) {
    Matcher m = STATISTIC.matcher(json);
    long count = 0;
    double total = 0;
    while (m.find()) {
      switch (m.group(1)) {
        case "COUNT" -> count = (long) Double.parseDouble(m.group(2));
        case "TOTAL_TIME" -> total = Double.parseDouble(m.group(2));
        default -> {}
      }
    }
    return new TimerTotals(count, total);
  }

  /** The first measurement's value of a {@code /actuator/metrics/<name>} answer (NaN reads 0). */
  static double value(String json) {
    Matcher m = VALUE.matcher(json);
    if (!m.find() || m.group(1).contains("NaN")) {
      return 0;
    }
    return Double.parseDouble(m.group(1));
  }
}
