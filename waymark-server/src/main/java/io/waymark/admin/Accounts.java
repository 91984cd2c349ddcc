package io.waymark.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Accounts of people who log in: a username, a bcrypt password hash and one role. */
public class Accounts {

  /** An account as stored (the hash, never the password). */
  public record Account(
      String id, String username, String passwordHash, Role role, boolean disabled) {}

  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;
  private final Clock clock;
  private volatile String dummyHash;

  public Accounts(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.clock = clock;
  }

  public Account create(String username, String password, Role role) {
    if (role == Role.INGEST) {
      throw new IllegalArgumentException("accounts cannot have the INGEST role; use an API key");
    }
    String id = UUID.randomUUID().toString();
    String hash = encoder.encode(password);
    jdbc.sql(
            "INSERT INTO accounts (id, username, password_hash, role, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(id, username, hash, role.name(), Timestamp.from(clock.instant()))
        .update();
    return new Account(id, username, hash, role, false);
  }

  public Optional<Account> find(String username) {
    return jdbc.sql(
            "SELECT id, username, password_hash, role, disabled FROM accounts WHERE username = ?")
        .param(username)
        .query(
            (rs, n) ->
                new Account(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    Role.valueOf(rs.getString(4)),
                    rs.getBoolean(5)))
        .optional();
  }

  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM accounts").query(Long.class).single();
  }

  /** An account as listed (no hash). */
  public record Summary(
      String id, String username, Role role, boolean disabled, Instant createdAt) {}

  public List<Summary> list() {
    return jdbc.sql(
            "SELECT id, username, role, disabled, created_at FROM accounts ORDER BY username")
        .query(Accounts::summary)
        .list();
  }

  public Optional<Summary> byId(String id) {
    return jdbc.sql("SELECT id, username, role, disabled, created_at FROM accounts WHERE id = ?")
        .param(id)
        .query(Accounts::summary)
        .optional();
  }

  /**
   * Checks a password against the account's hash; empty when unknown or wrong. An unknown username
   * costs one hash check too, so timing does not tell which usernames exist.
   */
  public Optional<Account> authenticate(String username, String password) {
    Optional<Account> account = find(username);
    if (account.isEmpty()) {
      encoder.matches(password, dummyHash());
      return Optional.empty();
    }
    return account.filter(a -> encoder.matches(password, a.passwordHash()));
  }

  private String dummyHash() {
    String h = dummyHash;
    if (h == null) {
      h = encoder.encode(UUID.randomUUID().toString());
      dummyHash = h;
    }
    return h;
  }

  public void setRole(String id, Role role) {
    if (role == Role.INGEST) {
      throw new IllegalArgumentException("accounts cannot have the INGEST role; use an API key");
    }
    jdbc.sql("UPDATE accounts SET role = ? WHERE id = ?").params(role.name(), id).update();
  }

  public void setDisabled(String id, boolean disabled) {
    jdbc.sql("UPDATE accounts SET disabled = ? WHERE id = ?").params(disabled, id).update();
  }

  public void setPassword(String id, String password) {
    jdbc.sql("UPDATE accounts SET password_hash = ? WHERE id = ?")
        .params(encoder.encode(password), id)
        .update();
  }

  /** Admins who can still log in; the last one may not be demoted or disabled. */
  public long enabledAdmins() {
    return jdbc.sql("SELECT COUNT(*) FROM accounts WHERE role = 'ADMIN' AND NOT disabled")
        .query(Long.class)
        .single();
  }

  private static Summary summary(ResultSet rs, int n) throws SQLException {
    return new Summary(
        rs.getString(1),
        rs.getString(2),
        Role.valueOf(rs.getString(3)),
        rs.getBoolean(4),
        rs.getTimestamp(5).toInstant());
  }
}
