package io.waymark.store;

import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import io.waymark.sessions.SessionRecord;
import java.util.List;
import java.util.Map;

/** One atomic write of the sink: what was read, and where reading continues per partition. */
public record SinkBatch(
    List<Event> events,
    List<QuarantinedItem> quarantine,
    List<SessionRecord> sessions,
    Map<String, Map<Integer, Long>> nextOffsets) {

  public SinkBatch(
      List<Event> events,
      List<QuarantinedItem> quarantine,
      Map<String, Map<Integer, Long>> nextOffsets) {
    this(events, quarantine, List.of(), nextOffsets);
  }
}
