package io.waymark.alerts;

import java.util.UUID;

/**
 * One rule firing for one user, as the stream emits it. Times are epoch milliseconds: the window
 * and trigger in event time, {@code detectedAt} in processing time. The id is derived from rule,
 * revision, user and triggering event, so reprocessing after a crash yields the same alert.
 */
public record Alert(
    UUID id,
    int ruleId,
    int ruleRevision,
    String ruleName,
    RuleKind kind,
    Severity severity,
    String userKey,
    UUID triggerEventId,
    long triggeredAt,
    long detectedAt,
    long windowStart,
    long windowEnd,
    long windowMillis,
    double observed,
    double threshold,
    long eventCount,
    String eventType,
    String message) {}
