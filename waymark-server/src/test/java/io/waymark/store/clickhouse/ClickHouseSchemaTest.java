package io.waymark.store.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.store.StoreException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema as Waymark creates and migrates it on a real server. */
class ClickHouseSchemaTest {

  private final ClickHouseSettings settings = ClickHouseServer.shared().newDatabase();

  @Test
  void createsTheDatabaseAndRecordsEveryStepOnce() {
    try (ClickHouseHttp http = new ClickHouseHttp(settings)) {
      assertThat(ClickHouseSchema.migrate(http, Clock.systemUTC()))
          .isEqualTo(ClickHouseSchema.STEPS.size());
      assertThat(ClickHouseSchema.migrate(http, Clock.systemUTC())).isZero();
      assertThat(
              http.rows("SELECT version FROM schema_versions FINAL ORDER BY version").stream()
                  .map(r -> Integer.parseInt(r[0]))
                  .toList())
          .isEqualTo(ClickHouseSchema.STEPS.stream().map(ClickHouseSchema.Step::version).toList());
      assertThat(ClickHouseSchema.currentVersion(http)).isEqualTo(ClickHouseSchema.latest());
    }
  }

  @Test
  void startsTheKeyOfEveryTableOfSiteDataWithTheSite() {
    try (ClickHouseHttp http = new ClickHouseHttp(settings)) {
      ClickHouseSchema.migrate(http, Clock.systemUTC());
      List<String[]> keys =
          http.rows(
              "SELECT name, sorting_key, partition_key FROM system.tables WHERE database = "
                  + Sql.str(settings.database())
                  + " AND engine LIKE '%MergeTree' ORDER BY name");
      assertThat(keys).extracting(r -> r[0]).containsAll(ClickHouseSchema.DATA_TABLES);
      for (String[] table : keys) {
        if (ClickHouseSchema.DATA_TABLES.contains(table[0])) {
          assertThat(table[1]).as(table[0]).startsWith("site_id, ");
        }
      }
      assertThat(keys)
          .filteredOn(r -> r[0].equals("events"))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r[1]).isEqualTo("site_id, user_key, ts, event_id");
                assertThat(r[2]).isEqualTo("toYYYYMM(day)");
              });
    }
  }

  @Test
  void refusesADatabaseThatANewerWaymarkMigrated() {
    try (ClickHouseHttp http = new ClickHouseHttp(settings)) {
      ClickHouseSchema.migrate(http, Clock.systemUTC());
      int future = ClickHouseSchema.latest() + 1;
      http.execute("INSERT INTO schema_versions VALUES (" + future + ", 'from the future', 0)");
      assertThatThrownBy(() -> ClickHouseSchema.migrate(http, Clock.systemUTC()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("schema version " + future)
          .hasMessageContaining("newer than this Waymark knows");
    }
  }
}
