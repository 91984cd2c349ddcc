package io.waymark.store;

/** One imported support ticket, a row of {@code support_tickets}; times are epoch milliseconds. */
public record SupportTicket(
    String ticketId,
    String userId,
    long createdAt,
    Long closedAt,
    String status,
    String channel,
    String subject,
    Integer satisfaction) {}
