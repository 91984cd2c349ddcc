package io.waymark;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh in-memory metadata database (H2 in PostgreSQL mode, as the embedded default) migrated by
 * the real migrations, to a given version or to the latest: tests of upgrades fill the old schema,
 * then migrate the rest.
 */
public final class MetadataDb {

  private final JdbcDataSource ds = new JdbcDataSource();

  public MetadataDb() {
    ds.setURL(
        "jdbc:h2:mem:meta-"
            + System.nanoTime()
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
  }

  /** Migrates up to and including {@code version} ("latest" for all). */
  public MetadataDb migrateTo(String version) {
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .target(MigrationVersion.fromVersion(version))
        .load()
        .migrate();
    return this;
  }

  public JdbcClient jdbc() {
    return JdbcClient.create(ds);
  }
}
