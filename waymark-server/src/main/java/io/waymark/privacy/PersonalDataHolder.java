package io.waymark.privacy;

/**
 * A place where Waymark keeps data about people (a table, a state store, a topic). Every such place
 * is a Spring bean implementing this, so an erasure reaches all of them and its verification report
 * lists each by name with its counts.
 */
public interface PersonalDataHolder {

  /** A stable name for reports, such as {@code store.events} or {@code customers.versions}. */
  String holderName();

  /** How many records this holder keeps for any of the subject's identities. */
  long count(ErasureSubject subject);

  /**
   * Deletes every record of the subject's identities and returns how many were deleted. Must be
   * idempotent: a second call deletes nothing and returns 0.
   */
  long erase(ErasureSubject subject);

  /**
   * When this holder is erased: the stream's state first (it must still read its entries), then the
   * subject keys (after which nothing sealed for the subject can be read or written again), then
   * everything stored. Most holders are {@link Phase#STORED}.
   */
  default Phase phase() {
    return Phase.STORED;
  }

  /** The order of an erasure's steps. */
  enum Phase {
    STREAM,
    KEYS,
    STORED
  }
}
