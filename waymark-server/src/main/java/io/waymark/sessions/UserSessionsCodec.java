package io.waymark.sessions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Compact binary form of a user's sessions in the state store (one read and one write per event).
 */
final class UserSessionsCodec {

  private static final byte VERSION = 2;

  private UserSessionsCodec() {}

  static byte[] encode(UserSessions u) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 96 * u.sessions.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(u.indexedDue);
      out.writeShort(u.sessions.size());
      for (SessionState s : u.sessions) {
        out.writeLong(s.id.getMostSignificantBits());
        out.writeLong(s.id.getLeastSignificantBits());
        out.writeLong(s.start);
        out.writeLong(s.end);
        out.writeInt(s.events);
        out.writeInt(s.pageViews);
        out.writeInt(s.productViews);
        out.writeInt(s.cartAdds);
        out.writeInt(s.checkouts);
        out.writeInt(s.purchases);
        out.writeDouble(s.revenue);
        string(out, s.currency);
        string(out, s.entryPage);
        out.writeLong(s.entryAt);
        string(out, s.exitPage);
        out.writeLong(s.exitAt);
        out.writeBoolean(s.emitted);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static UserSessions decode(byte[] bytes) {
    if (bytes == null) {
      return UserSessions.empty();
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalStateException("unknown session state version " + version);
      }
      long indexedDue = in.readLong();
      int n = in.readShort();
      List<SessionState> sessions = new ArrayList<>(n + 1);
      for (int i = 0; i < n; i++) {
        SessionState s = new SessionState();
        s.id = new UUID(in.readLong(), in.readLong());
        s.start = in.readLong();
        s.end = in.readLong();
        s.events = in.readInt();
        s.pageViews = in.readInt();
        s.productViews = in.readInt();
        s.cartAdds = in.readInt();
        s.checkouts = in.readInt();
        s.purchases = in.readInt();
        s.revenue = in.readDouble();
        s.currency = string(in);
        s.entryPage = string(in);
        s.entryAt = in.readLong();
        s.exitPage = string(in);
        s.exitAt = in.readLong();
        s.emitted = in.readBoolean();
        sessions.add(s);
      }
      UserSessions u = new UserSessions(sessions);
      u.indexedDue = indexedDue;
      return u;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s.length() > 2000 ? s.substring(0, 2000) : s);
    }
  }

  private static String string(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
