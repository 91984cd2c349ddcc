package io.waymark.imports;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The four files Waymark imports, named as in {@code ?kind=}. */
enum ImportKind {
  CLICKSTREAM,
  TRANSACTIONS,
  CATALOGUE,
  TICKETS;

  static final String NAMES =
      Arrays.stream(values()).map(ImportKind::apiName).collect(Collectors.joining(", "));

  String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code s}; null when there is none. */
  static ImportKind parse(String s) {
    if (s == null) {
      return null;
    }
    for (ImportKind k : values()) {
      if (k.apiName().equals(s.trim().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    return null;
  }
}
