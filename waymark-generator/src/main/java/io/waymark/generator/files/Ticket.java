package io.waymark.generator.files;

import java.time.Instant;

/** A customer support ticket, an element of support_tickets.json. */
record Ticket(
    String ticketId,
    String userId,
    Instant createdAt,
    Instant closedAt,
    String status,
    String channel,
    String subject,
    Integer satisfaction) {}
