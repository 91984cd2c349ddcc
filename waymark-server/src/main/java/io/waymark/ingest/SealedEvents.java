package io.waymark.ingest;

import io.waymark.events.Event;
import io.waymark.events.EventCodec;
import io.waymark.vault.SubjectVault;
import io.waymark.vault.Suppressions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Accepted events as they go to the log: keyed by their user's pseudonym, sealed with that user's
 * key, with event time as record time; events of erased users who asked for suppression are left
 * out (accepted, not logged: docs/privacy.md).
 */
record SealedEvents(long[] times, byte[][] keys, byte[][] values, int suppressed) {

  static SealedEvents of(List<Event> events, SubjectVault vault, Suppressions suppressions) {
    int n = events.size();
    long[] times = new long[n];
    byte[][] keys = new byte[n][];
    byte[][] values = new byte[n][];
    int logged = 0;
    for (Event e : events) {
      String pseudonym = vault.pseudonym(e.userKey());
      if (suppressions.contains(pseudonym)) {
        continue;
      }
      times[logged] = e.timestamp();
      keys[logged] = pseudonym.getBytes(StandardCharsets.US_ASCII);
      values[logged] = vault.seal(pseudonym, EventCodec.encode(e));
      logged++;
    }
    if (logged == n) {
      return new SealedEvents(times, keys, values, 0);
    }
    return new SealedEvents(
        Arrays.copyOf(times, logged),
        Arrays.copyOf(keys, logged),
        Arrays.copyOf(values, logged),
        n - logged);
  }
}
