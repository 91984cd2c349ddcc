package io.waymark.live;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.platform.ApiException;
import io.waymark.platform.EventStreams;
import io.waymark.vault.SubjectVault;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Live figures: one call for the dashboard, finer questions, and a server-sent event stream. */
@RestController
@RequestMapping("/api/v1/live")
@Tag(name = "Live")
@SecurityRequirement(name = "bearer")
class LiveController {

  private final LiveMetrics live;
  private final SubjectVault vault;
  private final EventStreams streams;
  private final ScheduledExecutorService pusher =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("live-push").daemon().factory());

  LiveController(LiveMetrics live, SubjectVault vault, EventStreams streams) {
    this.vault = vault;
    this.live = live;
    this.streams = streams;
  }

  /** Active users in a window. */
  record ActiveUsers(int minutes, long activeUsers) {}

  /** The most viewed pages in a window. */
  record TopPages(int minutes, List<LiveMetrics.Page> pages) {}

  /** One user's active sessions. */
  record UserSessions(String userId, int minutes, int activeSessions) {}

  @Operation(
      summary = "Everything the live dashboard needs",
      description =
          "Active users (5 min), top pages by URL (15 min, top N), users by number of active"
              + " sessions (5 min), events and unique users per minute (60 min). Windows are"
              + " relative to now, so figures fall when traffic stops.")
  @GetMapping
  LiveMetrics.Summary summary(@RequestParam(defaultValue = "5") int top) {
    return live.summary(bound("top", top, 1, 100));
  }

  @Operation(summary = "Users active in the last N minutes (default 5)")
  @GetMapping("/active-users")
  ActiveUsers activeUsers(@RequestParam(defaultValue = "5") int minutes) {
    int m = bound("minutes", minutes, 1, 60);
    return new ActiveUsers(m, live.activeUsers(m));
  }

  @Operation(summary = "Page views by URL in the last N minutes (default 15), top N (default 5)")
  @GetMapping("/top-pages")
  TopPages topPages(
      @RequestParam(defaultValue = "15") int minutes, @RequestParam(defaultValue = "5") int top) {
    int m = bound("minutes", minutes, 1, 60);
    return new TopPages(m, live.topPages(m, bound("top", top, 1, 100)));
  }

  @Operation(
      summary = "A user's active sessions in the last N minutes (default 5)",
      description =
          "Analysts and admins only: whether a given person is active is personal data, so"
              + " viewers get the aggregate figures of the other live endpoints (403 here).")
  @GetMapping("/users/{id}/sessions")
  UserSessions userSessions(
      @PathVariable String id, @RequestParam(defaultValue = "5") int minutes) {
    int m = bound("minutes", minutes, 1, 60);
    // The stream keeps live presence under the user's pseudonym, never the id itself.
    return new UserSessions(id, m, live.sessionsOf(vault.pseudonym(id), m));
  }

  @Operation(
      summary =
          "The dashboard summary pushed every 2 seconds (server-sent events, event name 'live')",
      description = EventStreams.RULES)
  @ApiResponse(responseCode = "200", description = "The stream")
  @ApiResponse(responseCode = "429", description = "This account holds its most streams")
  @ApiResponse(responseCode = "503", description = "This server holds its most streams")
  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(
      @RequestParam(defaultValue = "5") int top,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    int n = bound("top", top, 1, 100);
    SseEmitter emitter = streams.open(request, response);
    if (emitter == null) {
      return null; // refused: the answer is written
    }
    ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
    task[0] =
        pusher.scheduleAtFixedRate(
            () -> {
              try {
                emitter.send(
                    SseEmitter.event()
                        .name("live")
                        .data(live.summary(n), MediaType.APPLICATION_JSON));
              } catch (IOException | IllegalStateException gone) {
                task[0].cancel(false);
                emitter.completeWithError(gone);
              }
            },
            0,
            2,
            TimeUnit.SECONDS);
    emitter.onCompletion(() -> task[0].cancel(false));
    emitter.onTimeout(() -> task[0].cancel(false));
    emitter.onError(e -> task[0].cancel(false));
    return emitter;
  }

  private static int bound(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw ApiException.badRequest(
          field, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }
}
