package io.waymark.alerts;

import io.waymark.events.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * What the alert rules remember about one user: when the identity was first seen, and per rule the
 * matching events still inside its window. It lives inside the stream processor's per-user state,
 * so alerts cost no extra state read or write per event.
 */
public final class UserAlertState {

  private static final byte VERSION = 2;

  /** Earliest event time seen for this identity, or MIN_VALUE when unknown. */
  long firstSeen = Long.MIN_VALUE;

  /** Latest event time seen for this identity, or MIN_VALUE when unknown. */
  long lastSeen = Long.MIN_VALUE;

  final List<RuleWindow> windows;

  private UserAlertState(List<RuleWindow> windows) {
    this.windows = windows;
  }

  public static UserAlertState empty() {
    return new UserAlertState(new ArrayList<>(2));
  }

  /** True when the state remembers nothing (the identity was never seen). */
  public boolean isEmpty() {
    return firstSeen == Long.MIN_VALUE && windows.isEmpty();
  }

  /**
   * When this identity may be forgotten: {@code memory} after it was last seen (MAX_VALUE when it
   * was never seen). Until then its first-seen time is kept for the new-identity rule.
   */
  public long forgetAt(long memoryMillis) {
    return lastSeen == Long.MIN_VALUE ? Long.MAX_VALUE : lastSeen + memoryMillis;
  }

  RuleWindow window(AlertRule rule, int initialCapacity) {
    for (int i = 0; i < windows.size(); i++) {
      RuleWindow w = windows.get(i);
      if (w.ruleId == rule.id()) {
        if (w.revision == rule.revision()) {
          return w;
        }
        windows.remove(i);
        break;
      }
    }
    RuleWindow w = new RuleWindow(rule.id(), rule.revision(), initialCapacity);
    windows.add(w);
    return w;
  }

  /**
   * Forgets what can no longer matter at {@code now} (event time): entries older than their rule's
   * window, and windows that are empty and past their quiet period.
   */
  public void forgetBefore(long now, List<AlertRule> rules) {
    retainRules(rules);
    for (RuleWindow w : windows) {
      for (AlertRule r : rules) {
        if (r.id() == w.ruleId) {
          w.forgetUpTo(now - r.window().toMillis());
          if (w.size == 0 && w.lastFired < now - r.window().toMillis()) {
            w.lastFired = Long.MIN_VALUE;
          }
        }
      }
    }
    windows.removeIf(w -> w.size == 0 && w.lastFired == Long.MIN_VALUE);
  }

  /** Drops the windows of rules that are gone, disabled or changed. */
  void retainRules(List<AlertRule> rules) {
    windows.removeIf(w -> !current(w, rules));
  }

  private static boolean current(RuleWindow w, List<AlertRule> rules) {
    for (AlertRule r : rules) {
      if (r.id() == w.ruleId) {
        return r.revision() == w.revision;
      }
    }
    return false;
  }

  /** Writes the state (times as deltas from the first of each window). */
  public void writeTo(Bytes.Writer out) {
    out.raw(VERSION);
    out.fixed(firstSeen);
    out.fixed(lastSeen);
    out.varint(windows.size());
    for (RuleWindow w : windows) {
      out.varint(w.ruleId);
      out.varint(w.revision);
      out.fixed(w.lastFired);
      out.varint(w.size);
      long base = w.size == 0 ? 0 : w.times[0];
      out.fixed(base);
      boolean hasAmounts = false;
      for (int i = 0; i < w.size; i++) {
        hasAmounts |= w.amounts[i] != 0;
      }
      out.raw((byte) (hasAmounts ? 1 : 0));
      for (int i = 0; i < w.size; i++) {
        out.varint((int) Math.min(Integer.MAX_VALUE, w.times[i] - base));
        if (hasAmounts) {
          out.fixed(Double.doubleToRawLongBits(w.amounts[i]));
        }
      }
    }
  }

  public static UserAlertState readFrom(Bytes.Reader in) {
    byte version = in.raw();
    if (version != VERSION) {
      throw new IllegalStateException(
          "unknown alert state version " + version + "; this server reads " + VERSION);
    }
    long firstSeen = in.fixed();
    long lastSeen = in.fixed();
    int n = in.varint();
    List<RuleWindow> windows = new ArrayList<>(n + 1);
    for (int k = 0; k < n; k++) {
      int ruleId = in.varint();
      int revision = in.varint();
      long lastFired = in.fixed();
      int size = in.varint();
      long base = in.fixed();
      boolean hasAmounts = in.raw() == 1;
      RuleWindow w = new RuleWindow(ruleId, revision, size + 1);
      w.lastFired = lastFired;
      for (int i = 0; i < size; i++) {
        w.times[i] = base + in.varint();
        w.amounts[i] = hasAmounts ? Double.longBitsToDouble(in.fixed()) : 0;
      }
      w.size = size;
      windows.add(w);
    }
    UserAlertState s = new UserAlertState(windows);
    s.firstSeen = firstSeen;
    s.lastSeen = lastSeen;
    return s;
  }
}
