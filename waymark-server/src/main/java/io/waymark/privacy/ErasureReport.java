package io.waymark.privacy;

import java.util.List;

/**
 * What an erasure found and removed in each place, and what a second look found left: an erasure is
 * verified when nothing remains anywhere and the subject's keys are gone.
 */
public record ErasureReport(
    int identities, List<HolderResult> holders, boolean suppressed, boolean verified, String log) {

  /** One place: rows (or entries, or keys) found before, deleted, and found after. */
  public record HolderResult(String name, long found, long deleted, long remaining) {}

  static final String LOG_MECHANISM =
      "crypto-shredding: every record about the user on Kafka (events, quarantine, sessions,"
          + " alerts, the stream state's changelog) and in the stream's local state is sealed with"
          + " the user's own key, which this erasure destroyed; those records are unreadable and"
          + " expire with the topics' retention";
}
