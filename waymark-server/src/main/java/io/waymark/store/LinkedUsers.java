package io.waymark.store;

/**
 * The user ids that have anonymous ids linked to them, held as 64-bit hashes so that a journey for
 * a user without links (most of them) needs no {@code identity_links} lookup. A "no" is certain; a
 * "yes" may rarely be a hash collision, which only costs the lookup it would have made anyway. Ids
 * are added as the sink links them and never removed: after an erasure the lookup just finds
 * nothing. About 16 bytes per linked user.
 */
final class LinkedUsers {

  private static final long EMPTY = 0L;

  private long[] slots = new long[1 << 10];
  private int size;

  /** Records that {@code userId} has at least one linked anonymous id. */
  synchronized void add(String userId) {
    long h = hash(userId);
    if (size * 2 >= slots.length) {
      grow();
    }
    if (insert(slots, h)) {
      size++;
    }
  }

  /** False when {@code userId} certainly has no linked anonymous id. */
  synchronized boolean mayHave(String userId) {
    long h = hash(userId);
    int mask = slots.length - 1;
    for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == h) {
        return true;
      }
      if (s == EMPTY) {
        return false;
      }
    }
  }

  /** How many users are recorded. */
  synchronized int size() {
    return size;
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (long s : slots) {
      if (s != EMPTY) {
        insert(bigger, s);
      }
    }
    slots = bigger;
  }

  private static boolean insert(long[] table, long h) {
    int mask = table.length - 1;
    for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
      if (table[i] == h) {
        return false;
      }
      if (table[i] == EMPTY) {
        table[i] = h;
        return true;
      }
    }
  }

  /** FNV-1a over the UTF-16 units, then a 64-bit finaliser; never {@link #EMPTY}. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == EMPTY ? 1L : h;
  }
}
