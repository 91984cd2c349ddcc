package io.waymark.exports;

import java.time.LocalTime;
import java.util.List;

/**
 * An export: which datasets of a UTC day, in which format, delivered where, and at which UTC time
 * of the following day it runs by itself. {@code directory} is set for a directory destination,
 * {@code webhookUrl} and {@code webhookSecret} for a webhook.
 */
record ExportConfig(
    String id,
    String name,
    List<ExportDataset> datasets,
    ExportFormat format,
    Destination destination,
    String directory,
    String webhookUrl,
    String webhookSecret,
    LocalTime scheduleTime,
    boolean enabled,
    String createdBy,
    long createdAt,
    long updatedAt) {

  /** Where a run's files go besides the data directory. */
  enum Destination {
    DIRECTORY,
    WEBHOOK
  }

  ExportConfig {
    datasets = List.copyOf(datasets);
  }

  /** The file of one dataset, such as {@code events.parquet}. */
  String fileName(ExportDataset d) {
    return d.wire() + "." + format.extension;
  }
}
