package io.waymark.exports;

import io.waymark.store.DailyExtracts.Extract;
import java.util.List;
import java.util.Locale;

/**
 * What an export can contain for a day, and the columns naming a person in its files (used to erase
 * them). The report names nobody.
 */
enum ExportDataset {
  EVENTS(Extract.EVENTS, List.of("user_key", "user_id", "anonymous_id")),
  SESSIONS(Extract.SESSIONS, List.of("user_key")),
  DAILY_REPORT(null, List.of()),
  CUSTOMERS(Extract.CUSTOMERS, List.of("customer_id"));

  final Extract extract;
  final List<String> personColumns;

  ExportDataset(Extract extract, List<String> personColumns) {
    this.extract = extract;
    this.personColumns = personColumns;
  }

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ExportDataset parse(String s) {
    for (ExportDataset d : values()) {
      if (d.wire().equals(s)) {
        return d;
      }
    }
    return null;
  }
}
