package io.waymark.sessions;

import io.waymark.alerts.Alert;
import io.waymark.alerts.AlertCodec;
import io.waymark.alerts.AlertEvaluator;
import io.waymark.alerts.AlertRule;
import io.waymark.events.Event;
import io.waymark.events.EventCodec;
import io.waymark.live.LiveRegistry;
import io.waymark.live.LiveWindow;
import io.waymark.vault.EraseMarker;
import io.waymark.vault.SubjectVault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-user hot path: one state read and one write per event. Quiet sessions are closed by a
 * punctuator that reads only the expiry index entries that are due, never all users.
 *
 * <p>Time: a session closes when its user has been quiet for the gap in stream time (the largest
 * event time this task has seen). When the task receives nothing at all, stream time is carried
 * forward by the wall-clock time since its last event, so sessions still close when traffic stops.
 */
final class SessionProcessor implements Processor<String, byte[], String, byte[]> {

  static final String SESSIONS_STORE = "user-sessions";
  static final String EXPIRY_STORE = "session-expiry";
  static final String SESSIONS_SINK = "sessions-sink";
  static final String ALERTS_SINK = "alerts-sink";

  private final Sessionizer rule;
  private final LiveRegistry live;
  private final Supplier<List<AlertRule>> rules;
  private final AlertEvaluator alerts = new AlertEvaluator();
  private final SubjectVault vault;
  private final LongConsumer alertLatencyMillis;
  private LiveWindow window;
  private String task;
  private final long gapMillis;
  private final long graceMillis;
  private final long memoryMillis;
  private final long maxPageMillis;
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<String, byte[]> sessions;
  private KeyValueStore<String, byte[]> expiry;
  private long streamTime = Long.MIN_VALUE;
  private long wallAtStreamTime;

  SessionProcessor(
      StreamRules timeRules,
      LiveRegistry live,
      Supplier<List<AlertRule>> rules,
      SubjectVault vault,
      LongConsumer alertLatencyMillis) {
    this.vault = vault;
    this.alertLatencyMillis = alertLatencyMillis;
    Duration gap = timeRules.gap();
    Duration grace = timeRules.grace();
    this.memoryMillis = timeRules.identityMemory().toMillis();
    this.maxPageMillis = timeRules.maxPageTime().toMillis();
    this.live = live;
    this.rules = rules;
    this.rule = new Sessionizer(gap);
    this.gapMillis = gap.toMillis();
    this.graceMillis = grace.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    // Runs on the stream thread: it catches up from the log when the collector needs the CPU.
    io.waymark.platform.BackgroundPriority.lowerCurrentThread();
    this.context = context;
    this.sessions = context.getStateStore(SESSIONS_STORE);
    this.expiry = context.getStateStore(EXPIRY_STORE);
    this.task = context.taskId().toString();
    this.window = live.open(task);
    context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::closeDue);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    // Records are keyed by the subject's pseudonym and sealed with the subject's key.
    String key = record.key();
    byte[] value = vault.open(key, record.value());
    if (value == null) {
      return; // the subject was erased: its key, and with it this event, is gone
    }
    if (EraseMarker.is(value)) {
      forget(key);
      return;
    }
    Event e = EventCodec.decodeForProcessing(value);
    if (e.backfill()) {
      // Imported history reaches the store through the sink. Here it would be too late (and so
      // quarantined), or move stream time, open sessions and fire alerts about the past.
      return;
    }
    String user = e.userKey();
    if (e.timestamp() > streamTime) {
      streamTime = e.timestamp();
      wallAtStreamTime = context.currentSystemTimeMs();
    }
    UserSessions u = state(key);
    u.userKey = user;
    int partition = context.recordMetadata().map(m -> m.partition()).orElse(-1);
    long offset = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
    if (u.alreadyApplied(partition, offset)) {
      // Replayed after a crash (at-least-once): this user's entry already holds the event, so
      // counting it again would double sessions, alert windows and profiles.
      return;
    }
    u.applied(partition, offset);
    if (e.timestamp() < streamTime - graceMillis) {
      // Later than the sessions' grace (decision 54): its sessions are closed and forgotten, and
      // live figures and alerts are about now. The 7-day profile still counts it.
      profile(u, e);
      plan(key, u);
      save(key, u);
      return;
    }
    long minute = Math.floorDiv(e.timestamp(), 60_000L);
    long previousLast = u.lastActiveMinute();
    boolean firstInMinute = u.markActive(minute);
    window.record(key, minute, firstInMinute, previousLast, page(e), e.sessionId(), e.timestamp());
    for (Alert a : alerts.evaluate(u.alerts, e, rules.get(), context.currentSystemTimeMs())) {
      byte[] sealed = vault.sealExisting(key, AlertCodec.encode(a));
      if (sealed != null) {
        context.forward(new Record<>(key, sealed, record.timestamp()), ALERTS_SINK);
        alertLatencyMillis.accept(Math.max(0, a.detectedAt() - e.receivedAt()));
      }
    }
    profile(u, e);
    List<UUID> merged = u.add(e, rule, maxPageMillis);
    for (UUID id : merged) {
      forwardSession(key, SessionRecord.merged(user, id, u.lastTarget.id), record.timestamp());
    }
    plan(key, u);
    save(key, u);
  }

  /** The event's share of the 7-day profile: an active day, a page view, and its linked id. */
  private static void profile(UserSessions u, Event e) {
    if (e.userId() != null && !e.userId().equals(e.anonymousId())) {
      u.link(e.anonymousId());
    }
    u.behaviour.active(e.timestamp());
    if (e.type().equals("page_view")) {
      u.behaviour.pageView(e.timestamp(), e.pageName() != null ? e.pageName() : e.pageUrl());
    }
  }

  /**
   * The index is only written when this user must be looked at earlier than already planned; an
   * entry that fires early is simply re-planned by closeDue. That keeps the hot path at one state
   * read and one write per event.
   */
  private void plan(String key, UserSessions u) {
    long due = u.nextDue(gapMillis, graceMillis, memoryMillis);
    if (due < u.indexedDue) {
      expiry.put(ExpiryKey.of(due, key), new byte[0]);
      u.indexedDue = due;
    }
  }

  /**
   * The entry of a pseudonym. One whose key was destroyed reads as empty: the subject was erased,
   * and the entry is overwritten or deleted by this call's caller.
   */
  private UserSessions state(String key) {
    byte[] stored = sessions.get(key);
    return UserSessionsCodec.decode(stored == null ? null : vault.open(key, stored));
  }

  private void save(String key, UserSessions u) {
    byte[] sealed = vault.sealExisting(key, UserSessionsCodec.encode(u));
    if (sealed == null) {
      sessions.delete(key);
    } else {
      sessions.put(key, sealed);
    }
  }

  /** An erasure reached this pseudonym: drop its entry and its live presence. */
  private void forget(String key) {
    sessions.delete(key);
    window.forget(key);
  }

  /** The time sessions are judged against: stream time, carried forward while the task is idle. */
  long referenceTime(long wallNow) {
    if (streamTime == Long.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    return streamTime + Math.max(0, wallNow - wallAtStreamTime);
  }

  @Override
  public void close() {
    live.close(task);
  }

  private static String page(Event e) {
    if (!e.type().equals("page_view") && !e.type().equals("product_view")) {
      return null;
    }
    return e.pageUrl() != null ? e.pageUrl() : e.pageName();
  }

  private void closeDue(long wallNow) {
    if (streamTime == Long.MIN_VALUE && context.currentStreamTimeMs() > 0) {
      // After a restart: Kafka Streams restores the partition's stream time from its commit, so
      // quiet sessions close even when no new event arrives.
      streamTime = context.currentStreamTimeMs();
      wallAtStreamTime = wallNow;
    }
    long now = referenceTime(wallNow);
    if (streamTime != Long.MIN_VALUE) {
      // Presence older than the newest event minus 10 minutes can never count as active again.
      // (Event time, not the wall clock: the live windows are in event time.)
      window.prune(streamTime - Duration.ofMinutes(10).toMillis());
    }
    if (now == Long.MIN_VALUE) {
      return;
    }
    List<KeyValue<String, byte[]>> due = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it =
        expiry.range(ExpiryKey.first(), ExpiryKey.upTo(now))) {
      it.forEachRemaining(due::add);
    }
    for (KeyValue<String, byte[]> entry : due) {
      expiry.delete(entry.key);
      String key = ExpiryKey.user(entry.key);
      UserSessions u = state(key);
      String user = u.userKey != null ? u.userKey : key;
      for (SessionState s : u.toEmit(now, rule)) {
        forwardSession(key, SessionRecord.of(user, s), s.end);
        s.emitted = true;
      }
      u.forgetBefore(now - graceMillis);
      u.alerts.forgetBefore(now, rules.get());
      u.behaviour.forgetBefore(now);
      if (u.forgettable(now, memoryMillis)) {
        sessions.delete(key);
      } else {
        long next = u.nextDue(gapMillis, graceMillis, memoryMillis);
        if (next != Long.MAX_VALUE) {
          expiry.put(ExpiryKey.of(next, key), new byte[0]);
        }
        u.indexedDue = next;
        save(key, u);
      }
    }
  }

  private void forwardSession(String key, SessionRecord r, long timestamp) {
    byte[] sealed = vault.sealExisting(key, SessionCodec.encode(r));
    if (sealed != null) {
      context.forward(new Record<>(key, sealed, timestamp), SESSIONS_SINK);
    }
  }
}
