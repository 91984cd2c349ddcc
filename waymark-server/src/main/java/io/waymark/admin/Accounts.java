package io.waymark.admin;

import java.sql.Timestamp;
import java.time.Clock;
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
}
