package io.waymark.alerts;

import io.waymark.outbound.OutboundGuard;
import io.waymark.outbound.Redaction;
import io.waymark.platform.ApiException;
import io.waymark.vault.MasterKey;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Webhook subscriptions and their delivery log in the metadata database. */
class Webhooks {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final OutboundGuard guard;
  private final MasterKey masterKey;
  private WebhookSender sender;

  static final String SECRET = "webhooks.secret";

  Webhooks(JdbcClient jdbc, Clock clock, OutboundGuard guard, MasterKey masterKey) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.guard = guard;
    this.masterKey = masterKey;
  }

  /**
   * Encrypts the signing secrets stored in plain text before secrets were encrypted; each row is
   * replaced only if it still holds the value read, so nothing is lost to a concurrent change.
   */
  int encryptPlainSecrets() {
    int n = 0;
    for (var row : jdbc.sql("SELECT id, secret FROM webhooks").query().listOfRows()) {
      String plain = (String) row.get("secret");
      if (plain != null && !MasterKey.isSealed(plain)) {
        n +=
            jdbc.sql("UPDATE webhooks SET secret = ? WHERE id = ? AND secret = ?")
                .params(masterKey.seal(plain, SECRET), row.get("id"), plain)
                .update();
      }
    }
    return n;
  }

  void attach(WebhookSender sender) {
    this.sender = sender;
  }

  /** A subscription; the secret signs every delivery and is never shown again after creation. */
  record Webhook(
      String id,
      String name,
      String url,
      String secret,
      Severity minSeverity,
      boolean enabled,
      long createdAt) {}

  /** One alert's delivery to one webhook. */
  record Delivery(
      String id,
      String webhookId,
      String alertId,
      String status,
      int attempts,
      long nextAttemptAt,
      Integer lastStatusCode,
      String lastError,
      long createdAt,
      Long deliveredAt) {}

  /** One try of a delivery. */
  record Attempt(int attempt, long at, Integer statusCode, String error, long durationMs) {}

  Webhook create(String name, String url, Severity minSeverity, boolean enabled) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw ApiException.badRequest("name", "is required, at most 100 characters");
    }
    checkUrl(url);
    String secret = "whsec_" + java.util.HexFormat.of().formatHex(randomBytes());
    Webhook w =
        new Webhook(
            UUID.randomUUID().toString(),
            name.strip(),
            url,
            secret,
            minSeverity == null ? Severity.LOW : minSeverity,
            enabled,
            clock.millis());
    try {
      jdbc.sql(
              "INSERT INTO webhooks (id, name, url, secret, min_severity, enabled, created_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(
              w.id(),
              w.name(),
              w.url(),
              masterKey.seal(w.secret(), SECRET),
              w.minSeverity().name(),
              w.enabled(),
              w.createdAt())
          .update();
    } catch (DuplicateKeyException e) {
      throw new ApiException(409, "name", "a webhook named \"" + name + "\" exists already");
    }
    return w;
  }

  Webhook update(String id, String url, Severity minSeverity, Boolean enabled) {
    Webhook w = find(id).orElseThrow(() -> notFound(id));
    if (url != null) {
      checkUrl(url);
    }
    jdbc.sql("UPDATE webhooks SET url = ?, min_severity = ?, enabled = ? WHERE id = ?")
        .params(
            url != null ? url : w.url(),
            (minSeverity != null ? minSeverity : w.minSeverity()).name(),
            enabled != null ? enabled : w.enabled(),
            id)
        .update();
    return find(id).orElseThrow();
  }

  void delete(String id) {
    if (jdbc.sql("DELETE FROM webhooks WHERE id = ?").param(id).update() == 0) {
      throw notFound(id);
    }
  }

  List<Webhook> list() {
    return jdbc.sql("SELECT * FROM webhooks ORDER BY created_at, id").query(this::webhook).list();
  }

  Optional<Webhook> find(String id) {
    return jdbc.sql("SELECT * FROM webhooks WHERE id = ?")
        .param(id)
        .query(this::webhook)
        .optional();
  }

  /** Records a delivery of the alert to every enabled webhook that wants its severity. */
  void enqueue(Alert a) {
    for (Webhook w : list()) {
      if (!w.enabled() || a.severity().compareTo(w.minSeverity()) < 0) {
        continue;
      }
      Delivery d =
          new Delivery(
              UUID.randomUUID().toString(),
              w.id(),
              a.id().toString(),
              "pending",
              0,
              clock.millis(),
              null,
              null,
              clock.millis(),
              null);
      try {
        jdbc.sql(
                "INSERT INTO webhook_deliveries (id, webhook_id, alert_id, status, attempts,"
                    + " next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', 0, ?, ?)")
            .params(d.id(), d.webhookId(), d.alertId(), d.nextAttemptAt(), d.createdAt())
            .update();
      } catch (DuplicateKeyException already) {
        continue;
      }
      if (sender != null) {
        sender.schedule(d.id(), 0);
      }
    }
  }

  List<Delivery> deliveries(String webhookId, int limit) {
    return jdbc.sql(
            "SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY created_at DESC, id"
                + " LIMIT "
                + limit)
        .param(webhookId)
        .query(Webhooks::delivery)
        .list();
  }

  List<Delivery> pending() {
    return jdbc.sql("SELECT * FROM webhook_deliveries WHERE status = 'pending'")
        .query(Webhooks::delivery)
        .list();
  }

  Optional<Delivery> delivery(String id) {
    return jdbc.sql("SELECT * FROM webhook_deliveries WHERE id = ?")
        .param(id)
        .query(Webhooks::delivery)
        .optional();
  }

  List<Attempt> attempts(String deliveryId) {
    return jdbc.sql("SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt")
        .param(deliveryId)
        .query(
            (rs, n) ->
                new Attempt(
                    rs.getInt("attempt"),
                    rs.getLong("at"),
                    (Integer) rs.getObject("status_code"),
                    rs.getString("error"),
                    rs.getLong("duration_ms")))
        .list();
  }

  /** Logs one try and moves the delivery on: delivered, retried at {@code nextAt}, or failed. */
  void recordAttempt(
      Delivery d, Integer statusCode, String error, long durationMs, String outcome, long nextAt) {
    int attempt = d.attempts() + 1;
    long now = clock.millis();
    String err = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
    jdbc.sql(
            "INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error,"
                + " duration_ms) VALUES (?, ?, ?, ?, ?, ?)")
        .params(d.id(), attempt, now, statusCode, err, durationMs)
        .update();
    jdbc.sql(
            "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?,"
                + " last_status_code = ?, last_error = ?, delivered_at = ? WHERE id = ?")
        .params(
            outcome,
            attempt,
            nextAt,
            statusCode,
            err,
            "delivered".equals(outcome) ? now : null,
            d.id())
        .update();
  }

  static ApiException notFound(String id) {
    return ApiException.notFound("id", "no webhook " + id + "; GET /api/v1/webhooks lists them");
  }

  private void checkUrl(String url) {
    if (url == null || url.isBlank()) {
      throw ApiException.badRequest("url", "is required");
    }
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("url", "is not a valid URL: " + e.getMessage());
    }
    if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
      throw ApiException.badRequest(
          "url", "must be an http or https URL, got \"" + Redaction.url(url) + "\"");
    }
    if (url.length() > 2000) {
      throw ApiException.badRequest("url", "must be at most 2000 characters");
    }
    guard
        .refusal(u)
        .ifPresent(
            reason -> {
              throw ApiException.badRequest("url", reason);
            });
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[24];
    new java.security.SecureRandom().nextBytes(b);
    return b;
  }

  private Webhook webhook(ResultSet rs, int n) throws SQLException {
    return new Webhook(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("url"),
        masterKey.open(rs.getString("secret"), SECRET),
        Severity.valueOf(rs.getString("min_severity")),
        rs.getBoolean("enabled"),
        rs.getLong("created_at"));
  }

  private static Delivery delivery(ResultSet rs, int n) throws SQLException {
    long delivered = rs.getLong("delivered_at");
    boolean noDelivered = rs.wasNull();
    return new Delivery(
        rs.getString("id"),
        rs.getString("webhook_id"),
        rs.getString("alert_id"),
        rs.getString("status"),
        rs.getInt("attempts"),
        rs.getLong("next_attempt_at"),
        (Integer) rs.getObject("last_status_code"),
        rs.getString("last_error"),
        rs.getLong("created_at"),
        noDelivered ? null : delivered);
  }
}
