package io.waymark.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The key cache against the real key tables in H2: bad keys are remembered apart from good ones,
 * each for its own time, on an injected ticker.
 */
class ApiKeyCacheTest {

  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong ticker = new AtomicLong();
  private ApiKeys keys;

  @BeforeEach
  void database() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(
        "jdbc:h2:mem:keys-"
            + System.nanoTime()
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    JdbcClient jdbc = JdbcClient.create(ds);
    for (String file :
        new String[] {
          "V1__accounts_and_keys.sql", "V3__key_allowed_origins.sql", "V6__quarantine_review.sql"
        }) {
      String ddl = Files.readString(Path.of("src/main/resources/db/migration/" + file));
      for (String statement : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!statement.isBlank()) {
          jdbc.sql(statement).update();
        }
      }
    }
    keys =
        new ApiKeys(
            jdbc,
            Clock.fixed(Instant.parse("2026-03-02T12:00:00Z"), ZoneOffset.UTC),
            TransactionOperations.withoutTransaction(),
            new KeyCache.Limits(100, 30 * SECOND, 20_000, 5 * SECOND),
            ticker::get);
  }

  @Test
  void tenThousandDistinctBadKeysNeitherEvictAGoodKeyNorCostMoreThanOneLookupEach() {
    String good = keys.create("shop", Role.INGEST, null).secret();
    assertThat(keys.authenticate(good)).isPresent();
    long before = keys.lookups();

    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 10_500; i++) {
        assertThat(keys.authenticate("wm_ingest_bad" + i)).isEmpty();
      }
      ticker.addAndGet(SECOND); // three rounds within the bad keys' five seconds
    }
    assertThat(keys.lookups() - before).isEqualTo(10_500);

    assertThat(keys.cached(good)).isPresent();
    assertThat(keys.authenticate(good)).isPresent();
    assertThat(keys.lookups() - before).isEqualTo(10_500);
  }

  @Test
  void aBadKeyIsLookedUpAgainOnlyAfterItsShortTimeToLive() {
    assertThat(keys.cached("wm_ingest_nope")).isNull();
    keys.authenticate("wm_ingest_nope");
    assertThat(keys.cached("wm_ingest_nope")).isEmpty();
    ticker.addAndGet(5 * SECOND - 1);
    keys.authenticate("wm_ingest_nope");
    assertThat(keys.lookups()).isEqualTo(1);
    ticker.addAndGet(1);
    assertThat(keys.cached("wm_ingest_nope")).isNull();
    keys.authenticate("wm_ingest_nope");
    assertThat(keys.lookups()).isEqualTo(2);
  }

  @Test
  void aKeyCreatedAfterItsSecretWasRefusedIsAcceptedAtOnce() {
    keys.ensure("wm_ingest_later0000000000000000000000000001", "x", Role.ADMIN);
    assertThat(keys.authenticate("wm_ingest_later0000000000000000000000000002")).isEmpty();
    keys.ensure("wm_ingest_later0000000000000000000000000002", "later", Role.INGEST);
    assertThat(keys.authenticate("wm_ingest_later0000000000000000000000000002")).isPresent();
  }

  @Test
  void anOverlongSecretIsRefusedWithoutALookup() {
    String huge = "wm_" + "x".repeat(ApiKeys.MAX_SECRET_CHARS);
    assertThat(keys.cached(huge)).isEmpty();
    assertThat(keys.authenticate(huge)).isEmpty();
    assertThat(keys.lookups()).isZero();
  }

  @Test
  void theRefusedSideStaysWithinItsBoundAndTheGoodKeysStay() {
    KeyCache cache =
        new KeyCache(new KeyCache.Limits(10, 30 * SECOND, 1_000, 5 * SECOND), ticker::get);
    ApiKeyPrincipal k =
        new ApiKeyPrincipal(
            "id", "n", "wm_ingest_abc", Role.INGEST, null, null, java.util.Set.of());
    cache.put("good", java.util.Optional.of(k));
    for (int i = 0; i < 50_000; i++) {
      cache.put("bad" + i, java.util.Optional.empty());
      assertThat(cache.refusedSize()).isLessThanOrEqualTo(1_000);
    }
    assertThat(cache.get("good")).contains(k);
    assertThat(cache.validSize()).isEqualTo(1);
    ticker.addAndGet(30 * SECOND);
    assertThat(cache.get("good")).isNull();
  }
}
