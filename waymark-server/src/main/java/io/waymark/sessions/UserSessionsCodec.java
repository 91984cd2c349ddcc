package io.waymark.sessions;

import io.waymark.alerts.UserAlertState;
import io.waymark.events.Bytes;
import io.waymark.profiles.BehaviourDays;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Compact binary form of a user's sessions in the state store (one read and one write per event).
 */
final class UserSessionsCodec {

  private static final byte VERSION = 9;

  private UserSessionsCodec() {}

  static byte[] encode(UserSessions u) {
    Bytes.Writer out = new Bytes.Writer(16 + 128 * u.sessions.size());
    out.raw(VERSION);
    out.fixed(u.indexedDue);
    out.fixed(u.activeBits);
    out.fixed(u.activeBase);
    out.varint(u.sessions.size());
    for (SessionState s : u.sessions) {
      out.fixed(s.id.getMostSignificantBits());
      out.fixed(s.id.getLeastSignificantBits());
      out.fixed(s.start);
      out.fixed(s.end);
      out.varint(s.events);
      out.varint(s.pageViews);
      out.varint(s.productViews);
      out.varint(s.cartAdds);
      out.varint(s.checkouts);
      out.varint(s.purchases);
      out.fixed(Double.doubleToRawLongBits(s.revenue));
      out.nullableString(s.currency);
      out.nullableString(truncate(s.entryPage));
      out.fixed(s.entryAt);
      out.nullableString(truncate(s.exitPage));
      out.fixed(s.exitAt);
      out.raw((byte) (s.emitted ? 1 : 0));
    }
    u.alerts.writeTo(out);
    u.behaviour.writeTo(out);
    out.varint(u.appliedPartition + 1);
    out.fixed(u.appliedOffset);
    out.varint(u.linkedAnonymous.size());
    for (String id : u.linkedAnonymous) {
      out.string(id);
    }
    out.nullableString(u.userKey);
    return out.bytes();
  }

  static UserSessions decode(byte[] bytes) {
    if (bytes == null) {
      return UserSessions.empty();
    }
    Bytes.Reader in = new Bytes.Reader(bytes);
    byte version = in.raw();
    // 4: no alert state; 5: no behaviour days; 6: no applied offset; 7: no linked ids;
    // 8: no user key (the store key was the user key itself)
    if (version < 4 || version > VERSION) {
      throw new IllegalStateException(
          "unknown session state version " + version + "; this server writes " + VERSION);
    }
    long indexedDue = in.fixed();
    long activeBits = in.fixed();
    long activeBase = in.fixed();
    int n = in.varint();
    List<SessionState> sessions = new ArrayList<>(n + 1);
    for (int i = 0; i < n; i++) {
      SessionState s = new SessionState();
      s.id = new UUID(in.fixed(), in.fixed());
      s.start = in.fixed();
      s.end = in.fixed();
      s.events = in.varint();
      s.pageViews = in.varint();
      s.productViews = in.varint();
      s.cartAdds = in.varint();
      s.checkouts = in.varint();
      s.purchases = in.varint();
      s.revenue = Double.longBitsToDouble(in.fixed());
      s.currency = in.nullableString();
      s.entryPage = in.nullableString();
      s.entryAt = in.fixed();
      s.exitPage = in.nullableString();
      s.exitAt = in.fixed();
      s.emitted = in.raw() == 1;
      sessions.add(s);
    }
    UserSessions u = new UserSessions(sessions);
    u.alerts = version == 4 ? UserAlertState.empty() : UserAlertState.readFrom(in);
    u.behaviour = version <= 5 ? BehaviourDays.empty() : BehaviourDays.readFrom(in);
    if (version >= 7) {
      u.appliedPartition = in.varint() - 1;
      u.appliedOffset = in.fixed();
    }
    if (version >= 8) {
      int links = in.varint();
      List<String> ids = new ArrayList<>(links);
      for (int i = 0; i < links; i++) {
        ids.add(in.string());
      }
      u.linkedAnonymous = ids;
    }
    if (version >= 9) {
      u.userKey = in.nullableString();
    }
    u.indexedDue = indexedDue;
    u.activeBits = activeBits;
    u.activeBase = activeBase;
    return u;
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
  }
}
