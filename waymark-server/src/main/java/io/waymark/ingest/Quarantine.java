package io.waymark.ingest;

import io.waymark.admin.ApiKeyPrincipal;
import io.waymark.eventlog.EventLog;
import io.waymark.events.QuarantineCodec;
import io.waymark.events.QuarantinedItem;
import io.waymark.vault.SubjectVault;
import io.waymark.vault.Suppressions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Writes refused input of requests with a valid key to the quarantine topic, from which the store
 * keeps it for review. Each key has a budget of records per second, so a broken or hostile client
 * cannot flood the quarantine; beyond it refusals are only counted. Requests without a valid key
 * never get here (decision 42). A record is sealed for every person it names, and not kept at all
 * when one of them was erased with suppression.
 */
final class Quarantine {

  static final int MAX_PAYLOAD_CHARS = 64 * 1024;

  /**
   * At most this many people are named by one kept payload; a payload naming more is cut before the
   * first mention of the next one (each named person costs a key and a layer of encryption).
   */
  static final int MAX_SUBJECTS = 16;

  private final EventLog log;
  private final String topic;
  private final CollectorSettings.QuarantineBudget budget;
  private final TokenBuckets budgets = new TokenBuckets(System::nanoTime, 100_000);
  private final CollectorMetrics metrics;
  private final SubjectVault vault;
  private final Suppressions suppressions;

  Quarantine(
      EventLog log,
      String topic,
      CollectorSettings.QuarantineBudget budget,
      CollectorMetrics metrics,
      SubjectVault vault,
      Suppressions suppressions) {
    this.vault = vault;
    this.suppressions = suppressions;
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
   * the record's id; otherwise counts it and returns null (also when it names a suppressed person).
   */
  UUID keep(Refusal r, List<CompletableFuture<?>> writes) {
    String sender = r.key() != null ? r.key().id() : "no-key";
    if (!budgets.tryTake(sender, budget.perSecond(), budget.burst())) {
      metrics.quarantineSuppressed();
      return null;
    }
    QuarantinedItem item = item(r);
    return append(item, writes) ? item.id() : null;
  }

  /**
   * Seals the item for every person it names (see {@link SubjectVault#sealForAll}), so erasing any
   * one of them makes it unreadable in the log; one that names nobody is kept plain for the
   * quarantine topic's bounded retention. Returns false, writing nothing, when it names someone
   * erased with suppression.
   */
  private boolean append(QuarantinedItem item, List<CompletableFuture<?>> writes) {
    Subjects subjects = subjects(item.userKey(), item.payload());
    if (subjects.cutAt() >= 0) {
      item = cut(item, subjects.cutAt());
    }
    if (subjects.names().isEmpty()) {
      writes.add(log.append(topic, null, QuarantineCodec.encode(item)));
      return true;
    }
    List<String> pseudonyms = new java.util.ArrayList<>(subjects.names().size());
    for (String subject : subjects.names()) {
      String p = vault.pseudonym(subject);
      if (suppressions.contains(p)) {
        metrics.withheldForSuppressedUser();
        return false;
      }
      pseudonyms.add(p);
    }
    writes.add(
        log.append(
            topic,
            pseudonyms.get(0).getBytes(StandardCharsets.US_ASCII),
            vault.sealForAll(pseudonyms, QuarantineCodec.encode(item))));
    return true;
  }

  /**
   * The people a payload names, in order of first mention: its decoded user first, then every
   * {@code user_id} and {@code anonymous_id} given as a JSON string (best effort: the payload may
   * not parse). {@code cutAt} is where a payload naming more than {@link #MAX_SUBJECTS} must end,
   * or -1.
   */
  record Subjects(List<String> names, int cutAt) {}

  static Subjects subjects(String userKey, String payload) {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    if (userKey != null) {
      names.add(userKey);
    }
    java.util.regex.Matcher m = MENTION.matcher(payload);
    while (m.find()) {
      if (names.add(m.group(1)) && names.size() > MAX_SUBJECTS) {
        names.remove(m.group(1));
        return new Subjects(List.copyOf(names), m.start());
      }
    }
    return new Subjects(List.copyOf(names), -1);
  }

  private static final java.util.regex.Pattern MENTION =
      java.util.regex.Pattern.compile(
          "\"(?:user|anonymous)_?[iI]d\"\\s*:\\s*\"([^\"\\\\]{1,256})\"");

  private static QuarantinedItem cut(QuarantinedItem i, int at) {
    return new QuarantinedItem(
        i.id(),
        i.receivedAt(),
        i.source(),
        i.keyId(),
        i.remoteAddress(),
        i.status(),
        i.reason(),
        i.errors(),
        i.index(),
        i.userKey(),
        i.payload().substring(0, at),
        true);
  }

  /**
   * Keeps a row refused by a bulk import, sealed like any refusal. Imports are trusted and finite,
   * so no budget applies: every refused row is kept.
   */
  void keepImported(QuarantinedItem item, List<CompletableFuture<?>> writes) {
    append(item, writes);
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
