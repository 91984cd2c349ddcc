package io.waymark.generator.simulation;

import java.util.UUID;
import java.util.random.RandomGenerator;

/** Identifiers drawn from a seeded generator, so a seed always yields the same ids. */
public final class Ids {

  private Ids() {}

  /** A version-4 (random) UUID. */
  public static UUID uuid(RandomGenerator r) {
    long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** A prefixed id with {@code digits} lower-case hex digits (at most 15), e.g. {@code ord-…}. */
  public static String hex(String prefix, RandomGenerator r, int digits) {
    long value = r.nextLong() & ((1L << (4 * digits)) - 1);
    return prefix + String.format("%0" + digits + "x", value);
  }
}
