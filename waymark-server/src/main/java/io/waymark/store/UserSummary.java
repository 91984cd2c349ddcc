package io.waymark.store;

/** A user as the store knows them: key, ids, first and last event time (epoch ms), event count. */
public record UserSummary(
    String userKey,
    String userId,
    String anonymousId,
    long firstSeen,
    long lastSeen,
    long eventCount) {}
