package io.waymark.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the figures the pipeline benchmark needs from the server's Prometheus endpoint. */
final class ServerMetrics {

  /** One reading: the stream processor's backlog and the events the store has written. */
  record Reading(long streamLag, long storeWritten) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI uri;

  ServerMetrics(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
  }

  Reading read() throws IOException, InterruptedException {
    String text =
        http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return parse(text);
  }

  /** Reads the stream's backlog and the sink's written counter. */
  static Reading parse(String prometheusText) {
    double lag = 0;
    double written = 0;
    for (String line : prometheusText.split("\n")) {
      if (line.startsWith("waymark_stream_lag_events")) {
        lag += value(line);
      } else if (line.startsWith("waymark_store_sink_events_written")) {
        written = value(line);
      }
    }
    return new Reading((long) lag, (long) written);
  }

  private static double value(String line) {
    String v = line.substring(line.lastIndexOf(' ') + 1);
    try {
      double d = Double.parseDouble(v);
      return Double.isNaN(d) ? 0 : d;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
