package io.waymark.store;

import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import java.util.List;
import java.util.Map;

/** One atomic write of the sink: what was read, and where reading continues per partition. */
public record SinkBatch(
    List<Event> events,
    List<QuarantinedItem> quarantine,
    Map<String, Map<Integer, Long>> nextOffsets) {}
