package io.waymark.exports;

import java.util.Locale;

/** A file format DuckDB's {@code COPY} writes, with its extension and media type. */
enum ExportFormat {
  PARQUET("parquet", "application/vnd.apache.parquet", "FORMAT parquet"),
  CSV("csv", "text/csv", "FORMAT csv, HEADER true"),
  NDJSON("ndjson", "application/x-ndjson", "FORMAT json");

  final String extension;
  final String mediaType;
  final String copyOptions;

  ExportFormat(String extension, String mediaType, String copyOptions) {
    this.extension = extension;
    this.mediaType = mediaType;
    this.copyOptions = copyOptions;
  }

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ExportFormat parse(String s) {
    for (ExportFormat f : values()) {
      if (f.wire().equals(s)) {
        return f;
      }
    }
    return null;
  }

  /** The format of a kept file, by its extension, or null. */
  static ExportFormat ofFile(String fileName) {
    for (ExportFormat f : values()) {
      if (fileName.endsWith("." + f.extension)) {
        return f;
      }
    }
    return null;
  }
}
