package io.waymark.sessions;

import io.waymark.alerts.UserAlertState;
import io.waymark.events.Event;
import io.waymark.profiles.BehaviourDays;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A user's sessions still inside the grace period, oldest first. Applies the session rule to each
 * event, in event time and in any arrival order: an event extends the session it continues, starts
 * a new one, or bridges two sessions into one.
 */
final class UserSessions {

  final List<SessionState> sessions;

  /** What the alert rules remember about this user (kept in the same state entry). */
  UserAlertState alerts = UserAlertState.empty();

  /** The last days of behaviour for the 7-day profile (kept in the same state entry). */
  BehaviourDays behaviour = BehaviourDays.empty();

  /** The session the last added event went into. */
  SessionState lastTarget;

  /**
   * Anonymous ids this user's events carried (identify), newest last, at most {@value #MAX_LINKS}.
   */
  List<String> linkedAnonymous = List.of();

  /** The user id (or anonymous id) this entry is about; the store key is only its pseudonym. */
  String userKey;

  static final int MAX_LINKS = 8;

  /** The input partition and offset of the newest event applied to this entry (-1: none). */
  int appliedPartition = -1;

  long appliedOffset = -1;

  /** When the expiry index will next look at this user (MAX_VALUE: not indexed). */
  long indexedDue = Long.MAX_VALUE;

  /** Minutes with activity: bit k set = an event in minute {@code activeBase - k}. */
  long activeBits;

  long activeBase;

  /** The latest minute with an event, or -1 when none is known. */
  long lastActiveMinute() {
    return activeBits == 0 ? -1 : activeBase;
  }

  /** Marks the minute active; true when it is the user's first event in that minute. */
  boolean markActive(long minute) {
    if (activeBits == 0 || minute > activeBase) {
      long shift = activeBits == 0 ? 64 : minute - activeBase;
      activeBits = shift >= 64 ? 0 : activeBits << shift;
      activeBase = minute;
    }
    long offset = activeBase - minute;
    if (offset >= 64) {
      return false;
    }
    long bit = 1L << offset;
    boolean first = (activeBits & bit) == 0;
    activeBits |= bit;
    return first;
  }

  /**
   * True when the event at {@code offset} of {@code partition} is already in this entry: a replay
   * after a crash. A user's events all come from one partition, in offset order, so anything at or
   * below the last applied offset of that partition has been applied.
   */
  boolean alreadyApplied(int partition, long offset) {
    return offset >= 0 && partition == appliedPartition && offset <= appliedOffset;
  }

  /** Remembers that the user's event carried this anonymous id (the profile merges its days). */
  void link(String anonymousId) {
    if (anonymousId == null || linkedAnonymous.contains(anonymousId)) {
      return;
    }
    List<String> links = new ArrayList<>(linkedAnonymous);
    if (links.size() == MAX_LINKS) {
      links.remove(0);
    }
    links.add(anonymousId);
    linkedAnonymous = links;
  }

  void applied(int partition, long offset) {
    if (offset >= 0) {
      appliedPartition = partition;
      appliedOffset = offset;
    }
  }

  UserSessions(List<SessionState> sessions) {
    this.sessions = sessions;
  }

  static UserSessions empty() {
    return new UserSessions(new ArrayList<>(2));
  }

  /**
   * Adds the event; returns the ids of sessions it merged away (to be retracted downstream). Time
   * on site: the event adds the gap to the session it extends (capped at {@code maxPageMillis}),
   * counted for the day of the gap's start; an event inside a session splits a gap already counted.
   */
  List<UUID> add(Event e, Sessionizer rule, long maxPageMillis) {
    long t = e.timestamp();
    SessionState target = null;
    List<UUID> merged = List.of();
    for (int i = 0; i < sessions.size(); i++) {
      SessionState s = sessions.get(i);
      boolean belongs = rule.continues(s.end, t) && rule.continues(t, s.start);
      if (!belongs) {
        continue;
      }
      if (t > s.end) {
        behaviour.time(s.end, Math.min(t - s.end, maxPageMillis));
      } else if (t < s.start) {
        behaviour.time(t, Math.min(s.start - t, maxPageMillis));
      }
      if (target == null) {
        target = s;
      } else {
        target.absorb(s);
        if (merged.isEmpty()) {
          merged = new ArrayList<>(1);
        }
        merged.add(s.id);
        sessions.remove(i--);
      }
    }
    if (target == null) {
      target = SessionState.startedBy(e);
      insertSorted(target);
    } else {
      target.add(e);
    }
    lastTarget = target;
    return merged;
  }

  /**
   * Sessions closed at {@code now} (no event for the gap) that are new or changed since emitted.
   */
  List<SessionState> toEmit(long now, Sessionizer rule) {
    List<SessionState> out = new ArrayList<>(1);
    for (SessionState s : sessions) {
      if (!s.emitted && !rule.continues(s.end, now)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Drops sessions that ended before {@code horizon}: no event may change them any more. */
  void forgetBefore(long horizon) {
    sessions.removeIf(s -> s.emitted && s.end < horizon);
  }

  /** The earliest time at which something here must be emitted or forgotten, or MAX_VALUE. */
  long nextDue(long gapMillis, long graceMillis, long memoryMillis) {
    long due = Long.MAX_VALUE;
    for (SessionState s : sessions) {
      due = Math.min(due, s.emitted ? s.end + graceMillis : s.end + gapMillis);
    }
    // Without sessions, the entry is next needed when its profile days or its identity expire
    // (an entry may hold only the days of events later than the grace period).
    return sessions.isEmpty() ? Math.min(alerts.forgetAt(memoryMillis), behaviour.forgetAt()) : due;
  }

  /** True when nothing here is needed any more at {@code now}. */
  boolean forgettable(long now, long memoryMillis) {
    return sessions.isEmpty()
        && (alerts.isEmpty() || alerts.forgetAt(memoryMillis) <= now)
        && behaviour.summarize(now).activeDays() == 0;
  }

  /** True when nothing is left to remember: no open or recent session, no alert state. */
  boolean isEmpty() {
    return sessions.isEmpty() && alerts.isEmpty() && behaviour.isEmpty();
  }

  private void insertSorted(SessionState s) {
    int i = sessions.size();
    while (i > 0 && sessions.get(i - 1).start > s.start) {
      i--;
    }
    sessions.add(i, s);
  }
}
