package io.waymark.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against a real DuckDB file. */
class DuckDbStoreTest extends AnalyticalStoreContract {

  @TempDir Path dir;

  @Override
  AnalyticalStore open() {
    return new DuckDbStore(dir.resolve("waymark.duckdb"), 2, "512MB");
  }
}
