package io.waymark.alerts;

import io.waymark.events.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Applies the enabled rules to one user's event, in event time and in any arrival order. A rule
 * fires when a window that contains the event crosses the threshold, then stays quiet for that user
 * for one window length (no alert storm while a bot keeps going).
 */
public final class AlertEvaluator {

  /** Upper bound of remembered events per rule and user (memory bound for floods). */
  static final int MAX_ENTRIES = 10_000;

  private static final int MAX_AMOUNT_ENTRIES = 1_000;

  /**
   * Updates the state with the event and returns the alerts it triggers (usually none).
   *
   * @param rules the enabled rules
   * @param detectedAt processing time, epoch millis
   */
  public List<Alert> evaluate(
      UserAlertState state, Event e, List<AlertRule> rules, long detectedAt) {
    long t = e.timestamp();
    if (state.firstSeen == Long.MIN_VALUE || t < state.firstSeen) {
      state.firstSeen = t;
    }
    if (t > state.lastSeen) {
      state.lastSeen = t;
    }
    if (!state.windows.isEmpty()) {
      state.retainRules(rules);
    }
    List<Alert> fired = List.of();
    for (int r = 0; r < rules.size(); r++) {
      AlertRule rule = rules.get(r);
      if (!rule.matches(e.type(), e.currency())) {
        continue;
      }
      Alert a =
          switch (rule.kind()) {
            case EVENT_COUNT -> windowed(state, rule, e, detectedAt, false);
            case AMOUNT_SUM ->
                e.amount() == null ? null : windowed(state, rule, e, detectedAt, true);
            case NEW_IDENTITY_PURCHASE -> newIdentity(state, rule, e, detectedAt);
          };
      if (a != null) {
        if (fired.isEmpty()) {
          fired = new ArrayList<>(1);
        }
        fired.add(a);
      }
    }
    return fired;
  }

  private static Alert windowed(
      UserAlertState state, AlertRule rule, Event e, long detectedAt, boolean sum) {
    long t = e.timestamp();
    long span = rule.window().toMillis();
    RuleWindow w = state.window(rule, 4);
    int cap =
        sum
            ? MAX_AMOUNT_ENTRIES
            : (int) Math.min(MAX_ENTRIES, (long) Math.ceil(rule.threshold()) * 2 + 16);
    w.insert(t, sum ? e.amount() : 0, cap);
    w.forgetUpTo(w.newest() - span);
    if (t <= w.newest() - span) {
      return null; // too late to share a window with what is remembered
    }
    double acc = 0;
    long count = 0;
    int i = 0;
    for (int j = 0; j < w.size; j++) {
      acc += sum ? w.amounts[j] : 1;
      count++;
      while (w.times[i] <= w.times[j] - span) {
        acc -= sum ? w.amounts[i] : 1;
        count--;
        i++;
      }
      if (w.times[j] < t) {
        continue; // this window ends before the event
      }
      if (w.times[j] - span >= t) {
        break; // later windows no longer contain the event
      }
      if (acc > rule.threshold() && quiet(w, w.times[j], span)) {
        w.lastFired = w.times[j];
        return alert(rule, e, detectedAt, w.times[i], w.times[j], acc, count, message(rule, acc));
      }
    }
    return null;
  }

  private static Alert newIdentity(UserAlertState state, AlertRule rule, Event e, long detectedAt) {
    if (e.amount() == null || e.amount() <= rule.threshold()) {
      return null;
    }
    long t = e.timestamp();
    long span = rule.window().toMillis();
    long age = t - state.firstSeen;
    if (age >= span) {
      return null;
    }
    RuleWindow w = state.window(rule, 0);
    if (!quiet(w, t, span)) {
      return null;
    }
    w.lastFired = t;
    String text =
        String.format(
            Locale.ROOT,
            "%s: purchase of %.2f%s by an identity first seen %s earlier (new: under %s;"
                + " amount over %s)",
            rule.name(),
            e.amount(),
            e.currency() == null ? "" : " " + e.currency(),
            human(Duration.ofMillis(age)),
            human(rule.window()),
            plain(rule.threshold()));
    return alert(rule, e, detectedAt, state.firstSeen, t, e.amount(), 1, text);
  }

  private static boolean quiet(RuleWindow w, long end, long span) {
    return w.lastFired == Long.MIN_VALUE || Math.abs(end - w.lastFired) >= span;
  }

  private static Alert alert(
      AlertRule rule,
      Event e,
      long detectedAt,
      long from,
      long to,
      double observed,
      long count,
      String message) {
    String user = e.userKey();
    UUID id =
        UUID.nameUUIDFromBytes(
            ("alert:" + rule.id() + ":" + rule.revision() + ":" + user + ":" + e.eventId())
                .getBytes(StandardCharsets.UTF_8));
    return new Alert(
        id,
        rule.id(),
        rule.revision(),
        rule.name(),
        rule.kind(),
        rule.severity(),
        user,
        e.eventId(),
        e.timestamp(),
        detectedAt,
        from,
        to,
        rule.window().toMillis(),
        observed,
        rule.threshold(),
        count,
        rule.effectiveEventType(),
        message);
  }

  private static String message(AlertRule rule, double observed) {
    String what = rule.effectiveEventType() == null ? "events" : rule.effectiveEventType();
    if (rule.kind() == RuleKind.AMOUNT_SUM) {
      return String.format(
          Locale.ROOT,
          "%s: %s amounts add up to %.2f%s in %s (more than %s)",
          rule.name(),
          what,
          observed,
          rule.currency() == null ? "" : " " + rule.currency(),
          human(rule.window()),
          plain(rule.threshold()));
    }
    return String.format(
        Locale.ROOT,
        "%s: %d %s in %s (more than %s)",
        rule.name(),
        (long) observed,
        what,
        human(rule.window()),
        plain(rule.threshold()));
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0 && s > 0) {
      return s / 3600 + " h";
    }
    if (s % 60 == 0 && s > 0) {
      return s / 60 + " min";
    }
    if (s > 0) {
      return s + " s";
    }
    return d.toMillis() + " ms";
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
