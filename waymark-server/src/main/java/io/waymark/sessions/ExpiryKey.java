package io.waymark.sessions;

/**
 * Keys of the expiry index: the due time, zero-padded so that byte order is time order, then the
 * user. A range scan up to "now" finds exactly the users with something due.
 */
final class ExpiryKey {

  private static final int WIDTH = 15;

  private ExpiryKey() {}

  static String of(long dueMillis, String user) {
    return pad(Math.max(0, dueMillis)) + "|" + user;
  }

  static String first() {
    return pad(0);
  }

  /** The last possible key due at or before {@code millis}. */
  static String upTo(long millis) {
    return pad(Math.max(0, millis)) + "|\uffff";
  }

  static String user(String key) {
    return key.substring(WIDTH + 1);
  }

  private static String pad(long millis) {
    String digits = Long.toString(millis);
    return "0".repeat(Math.max(0, WIDTH - digits.length())) + digits;
  }
}
