package io.waymark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Runs a store compaction through the server's admin API and waits for it to finish, so the journey
 * benchmark measures queries against the compacted file.
 */
final class StoreCompaction {

  static final Duration TIMEOUT = Duration.ofHours(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The finished run as the API reports it (snake_case fields of CompactionRun). */
  record Outcome(
      long eventRows, long durationMs, long copyMs, long pauseMs, long bytesBefore, long after) {}

  private StoreCompaction() {}

  static Outcome run(int port, String auth, PrintStream out)
      throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/admin/store/compaction");
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> started =
          http.send(
              HttpRequest.newBuilder(uri)
                  .header("Authorization", auth)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (started.statusCode() != 202) {
        throw new IllegalStateException(
            "POST " + uri + " answered " + started.statusCode() + ": " + started.body());
      }
      long id = JSON.readTree(started.body()).get("id").asLong();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        Thread.sleep(2_000);
        String body =
            http.send(
                    HttpRequest.newBuilder(uri).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        JsonNode last = JSON.readTree(body).path("last");
        if (last.path("id").asLong() < id) {
          continue;
        }
        if (!last.path("status").asText().equals("SUCCEEDED")) {
          throw new IllegalStateException("the compaction failed: " + last);
        }
        out.println("compaction finished: " + last);
        return new Outcome(
            last.path("event_rows").asLong(),
            last.path("duration_ms").asLong(),
            last.path("copy_ms").asLong(),
            last.path("pause_ms").asLong(),
            last.path("bytes_before").asLong(),
            last.path("bytes_after").asLong());
      }
      throw new IllegalStateException("the compaction did not finish within " + TIMEOUT);
    }
  }
}
