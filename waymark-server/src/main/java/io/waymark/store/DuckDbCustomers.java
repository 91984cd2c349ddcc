package io.waymark.store;

import io.waymark.customers.CustomerProfile;
import io.waymark.customers.CustomerVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * The customer store in DuckDB, on a connection of its own. Every call is one transaction, and
 * calls are serialised, so a version is closed and its successor opened together and exactly one
 * version per customer is current.
 */
final class DuckDbCustomers implements CustomerStore {

  private final DuckDbStore store;
  private Session session;
  private long generation = -1;

  /** A connection with its cached statements and the two halves of the store on it. */
  private record Session(
      Connection conn, DuckDbCustomerFacts facts, DuckDbCustomerVersions versions) {
    static Session on(DuckDBConnection raw) throws SQLException {
      Connection c = CachedStatements.wrap(raw);
      c.setAutoCommit(false);
      return new Session(c, new DuckDbCustomerFacts(c), new DuckDbCustomerVersions(c));
    }
  }

  /**
   * Keeps a connection of its own (prepared statements are reused: DuckDB plans take milliseconds)
   * and opens a new one after a compaction swapped the file. Writes run between two sink batches
   * and are recorded, so a compaction in progress replays them into the new file.
   */
  DuckDbCustomers(DuckDbStore store) {
    this.store = store;
  }

  private interface Work<T> {
    T run(Session s) throws SQLException;
  }

  private <T> T tx(String what, Work<T> work) {
    return tx(what, false, work);
  }

  private synchronized <T> T tx(String what, boolean writes, Work<T> work) {
    DuckDbStore.SqlAction replay =
        writes
            ? target -> {
              try (DuckDBConnection c = (DuckDBConnection) target.duplicate()) {
                Session t = Session.on(c);
                work.run(t);
                t.conn().commit();
              }
            }
            : null;
    return store.outsideSink(
        writes,
        () -> {
          Session s = session();
          try {
            T result = work.run(s);
            s.conn().commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            try {
              s.conn().rollback();
            } catch (SQLException ignored) {
              // the original failure is what matters
            }
            throw new StoreException(what + " failed: " + e.getMessage(), e);
          }
        },
        replay);
  }

  private Session session() throws SQLException {
    if (session == null || generation != store.generation()) {
      if (session != null) {
        session.conn().close();
      }
      session = Session.on(store.connectionToCurrentFile());
      generation = store.generation();
    }
    return session;
  }

  @Override
  public boolean yieldToReads(java.time.Duration quiet, java.time.Duration max) {
    return store.awaitQuiet(quiet, max);
  }

  @Override
  public CustomerFacts facts(String customerId, Instant recentFrom) {
    return tx(
        "reading the facts of customer " + customerId, s -> s.facts().read(customerId, recentFrom));
  }

  @Override
  public Optional<String> linkedUser(String anonymousId) {
    return tx(
        "looking up the identity link of " + anonymousId,
        s -> {
          try (PreparedStatement ps =
              s.conn()
                  .prepareStatement("SELECT user_id FROM identity_links WHERE anonymous_id = ?")) {
            ps.setString(1, anonymousId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  @Override
  public Set<String> touchedSince(Instant since) {
    return tx("finding customers touched since " + since, s -> s.facts().touchedSince(since));
  }

  @Override
  public Instant latestFactTime() {
    Instant imported = tx("reading the newest import time", s -> s.facts().latestImportTime());
    Instant received = store.newestReceivedAt();
    if (imported == null || received == null) {
      return imported == null ? received : imported;
    }
    return received.isAfter(imported) ? received : imported;
  }

  @Override
  public List<String> currentSeenSince(Instant since) {
    return tx(
        "finding customers seen since " + since,
        s -> {
          try (PreparedStatement ps =
              s.conn()
                  .prepareStatement(
                      "SELECT customer_id FROM customer_profile_versions WHERE is_current"
                          + " AND last_seen >= epoch_ms(?::BIGINT) ORDER BY customer_id")) {
            ps.setLong(1, since.toEpochMilli());
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
            return out;
          }
        });
  }

  @Override
  public CustomerVersion record(CustomerProfile profile, String hash, Instant at) {
    String id = profile.customerId();
    return tx(
        "recording a profile version of customer " + id,
        true,
        s -> {
          DuckDbCustomerVersions versions = s.versions();
          Optional<CustomerVersion> current = versions.current(id);
          if (current.isPresent() && at.isBefore(current.get().validFrom())) {
            return current.get(); // a later recompute has recorded newer facts already
          } else if (current.isPresent() && current.get().attributesHash().equals(hash)) {
            versions.checked(id, at);
          } else if (current.isPresent() && at.equals(current.get().validFrom())) {
            CustomerVersion replaced = current.get();
            versions.deleteCurrent(id);
            versions.insert(profile, replaced.version(), replaced.validFrom(), hash, at);
          } else {
            versions.close(id, at);
            versions.insert(profile, versions.lastVersion(id) + 1, at, hash, at);
          }
          return versions.current(id).orElseThrow();
        });
  }

  @Override
  public boolean closeCurrent(String customerId, Instant at) {
    return tx(
        "closing the current version of customer " + customerId,
        true,
        s -> s.versions().close(customerId, at) > 0);
  }

  @Override
  public Optional<CustomerVersion> current(String customerId) {
    return tx("reading customer " + customerId, s -> s.versions().current(customerId));
  }

  @Override
  public Optional<CustomerVersion> asOf(String customerId, Instant at) {
    return tx(
        "reading customer " + customerId + " as of " + at, s -> s.versions().asOf(customerId, at));
  }

  @Override
  public List<CustomerVersion> history(String customerId) {
    return tx(
        "reading the history of customer " + customerId, s -> s.versions().history(customerId));
  }

  @Override
  public Optional<Instant> watermark(String name) {
    return tx(
        "reading the refresh watermark " + name,
        s -> {
          try (PreparedStatement ps =
              s.conn()
                  .prepareStatement(
                      "SELECT epoch_ms(watermark) FROM customer_refresh_watermarks WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(Instant.ofEpochMilli(rs.getLong(1)))
                  : Optional.<Instant>empty();
            }
          }
        });
  }

  @Override
  public void saveWatermark(String name, Instant value) {
    tx(
        "saving the refresh watermark " + name,
        true,
        s -> {
          try (PreparedStatement ps =
              s.conn()
                  .prepareStatement(
                      "INSERT OR REPLACE INTO customer_refresh_watermarks VALUES (?, epoch_ms(?::BIGINT))")) {
            ps.setString(1, name);
            ps.setLong(2, value.toEpochMilli());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public long countVersions(Collection<String> customerIds) {
    return byIds("SELECT count(*) FROM customer_profile_versions", customerIds, true);
  }

  @Override
  public long deleteVersions(Collection<String> customerIds) {
    return byIds("DELETE FROM customer_profile_versions", customerIds, false);
  }

  private long byIds(String sql, Collection<String> ids, boolean query) {
    if (ids.isEmpty()) {
      return 0;
    }
    return tx(
        "counting or erasing customer versions of " + ids,
        !query,
        s -> {
          try (PreparedStatement ps =
              s.conn()
                  .prepareStatement(
                      sql
                          + " WHERE customer_id IN "
                          + DuckDbCustomerFacts.placeholders(ids.size()))) {
            int i = 1;
            for (String id : ids) {
              ps.setString(i++, id);
            }
            if (!query) {
              return (long) ps.executeUpdate();
            }
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** Runs one statement with positional arguments: for tests that insert fact rows. */
  long execute(String sql, Object... args) {
    return tx(
        "running " + sql,
        true,
        s -> {
          try (PreparedStatement ps = s.conn().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              ps.setObject(i + 1, args[i]);
            }
            return (long) ps.executeUpdate();
          }
        });
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      try {
        session.conn().close();
      } catch (SQLException ignored) {
        // closing anyway
      }
      session = null;
    }
  }
}
