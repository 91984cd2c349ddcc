package io.waymark.ingest;

import io.waymark.admin.ApiKeyPrincipal;
import io.waymark.eventlog.EventLog;
import io.waymark.events.QuarantineCodec;
import io.waymark.events.QuarantinedItem;
import io.waymark.vault.SubjectVault;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Writes refused input to the quarantine topic, from which the store keeps it for review. Each key
 * (or, without a valid key, each client address) has a budget of records per second, so a broken or
 * hostile client cannot flood the quarantine; beyond it refusals are only counted.
 */
final class Quarantine {

  static final int MAX_PAYLOAD_CHARS = 64 * 1024;

  private final EventLog log;
  private final String topic;
  private final CollectorSettings.QuarantineBudget budget;
  private final TokenBuckets budgets = new TokenBuckets(System::nanoTime);
  private final CollectorMetrics metrics;
  private final SubjectVault vault;

  Quarantine(
      EventLog log,
      String topic,
      CollectorSettings.QuarantineBudget budget,
      CollectorMetrics metrics,
      SubjectVault vault) {
    this.vault = vault;
    this.log = log;
    this.topic = topic;
    this.budget = budget;
    this.metrics = metrics;
  }

  /** What was refused, and where it came from. */
  record Refusal(
      IngestRequest request,
      long receivedAt,
      ApiKeyPrincipal key,
      int status,
      List<FieldError> errors,
      Integer index,
      String userKey,
      String payload,
      boolean truncated) {}

  /**
   * Keeps the refusal when the sender's budget allows: adds the write to {@code writes} and returns
   * the record's id; otherwise counts it and returns null.
   */
  UUID keep(Refusal r, List<CompletableFuture<?>> writes) {
    String sender = r.key() != null ? r.key().id() : "addr:" + r.request().remoteAddress();
    if (!budgets.tryTake(sender, budget.perSecond(), budget.burst())) {
      metrics.quarantineSuppressed();
      return null;
    }
    QuarantinedItem item = item(r);
    writes.add(append(item));
    return item.id();
  }

  /**
   * A refusal whose user is known is sealed with that user's key, so erasing them makes it
   * unreadable in the log; one without is kept plain for the quarantine topic's bounded retention.
   */
  private CompletableFuture<Void> append(QuarantinedItem item) {
    byte[] value = QuarantineCodec.encode(item);
    String subject = item.userKey() != null ? item.userKey() : mentionedUser(item.payload());
    if (subject == null) {
      return log.append(topic, null, value);
    }
    String pseudonym = vault.pseudonym(subject);
    return log.append(
        topic, pseudonym.getBytes(StandardCharsets.US_ASCII), vault.seal(pseudonym, value));
  }

  /**
   * The user a payload that could not be decoded names (best effort, for sealing only): its first
   * {@code user_id}, else its first {@code anonymous_id}, as a JSON string.
   */
  static String mentionedUser(String payload) {
    java.util.regex.Matcher m = USER_ID.matcher(payload);
    if (m.find()) {
      return m.group(1);
    }
    m = ANONYMOUS_ID.matcher(payload);
    return m.find() ? m.group(1) : null;
  }

  private static final java.util.regex.Pattern USER_ID =
      java.util.regex.Pattern.compile("\"user_?[iI]d\"\\s*:\\s*\"([^\"\\\\]{1,256})\"");
  private static final java.util.regex.Pattern ANONYMOUS_ID =
      java.util.regex.Pattern.compile("\"anonymous_?[iI]d\"\\s*:\\s*\"([^\"\\\\]{1,256})\"");

  /**
   * Keeps a row refused by a bulk import, sealed like any refusal. Imports are trusted and finite,
   * so no budget applies: every refused row is kept.
   */
  void keepImported(QuarantinedItem item, List<CompletableFuture<?>> writes) {
    writes.add(append(item));
  }

  private static QuarantinedItem item(Refusal r) {
    FieldError first = r.errors().get(0);
    String payload = r.payload();
    boolean cut = r.truncated() || payload.length() > MAX_PAYLOAD_CHARS;
    return new QuarantinedItem(
        UUID.randomUUID(),
        r.receivedAt(),
        "http:" + r.request().endpoint().path(),
        r.key() == null ? null : r.key().id(),
        r.request().remoteAddress(),
        r.status(),
        first.field() + ": " + first.reason(),
        r.errors().stream().map(e -> new QuarantinedItem.Problem(e.field(), e.reason())).toList(),
        r.index(),
        r.userKey(),
        payload.length() <= MAX_PAYLOAD_CHARS ? payload : payload.substring(0, MAX_PAYLOAD_CHARS),
        cut);
  }
}
