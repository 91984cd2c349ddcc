package io.waymark.generator.files;

import io.waymark.generator.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Support tickets of the simulated customers: questions about orders, failed payments and accounts,
 * opened after the events that prompt them and closed (or not yet) some time later.
 */
final class TicketDesk {

  static final double TICKET_PER_ORDER = 0.06;
  static final double TICKET_PER_FAILED_ORDER = 0.15;
  static final double TICKET_PER_ACCOUNT = 0.02;
  private static final String[] CHANNELS = {"email", "email", "email", "chat", "chat", "phone"};
  private static final String[] ORDER_SUBJECTS = {
    "Where is my order %s?",
    "Return request for order %s",
    "Invoice for order %s",
    "Item missing from order %s"
  };
  private static final String[] ACCOUNT_SUBJECTS = {
    "Cannot log in", "Change my delivery address", "Delete my account", "Newsletter unsubscribe"
  };

  private final RandomGenerator random;
  private final List<Ticket> tickets = new ArrayList<>();
  private final Map<String, Instant> firstSeen = new LinkedHashMap<>();
  private final Map<String, Boolean> failedOrders = new LinkedHashMap<>();

  TicketDesk(RandomGenerator random) {
    this.random = random;
  }

  void observe(Event e) {
    if (e.userId() != null) {
      firstSeen.putIfAbsent(e.userId(), e.timestamp());
    }
    if (e.type().equals("purchase") && random.nextDouble() < TICKET_PER_ORDER) {
      String subject = ORDER_SUBJECTS[random.nextInt(ORDER_SUBJECTS.length)];
      open(e.userId(), after(e.timestamp(), Duration.ofDays(2)), subject.formatted(e.orderId()));
    }
    if (e.type().equals("payment_failed")
        && failedOrders.putIfAbsent(e.orderId(), true) == null
        && random.nextDouble() < TICKET_PER_FAILED_ORDER) {
      String subject = "Payment failed for order " + e.orderId();
      open(e.userId(), after(e.timestamp(), Duration.ofHours(2)), subject);
    }
  }

  /** All tickets created before {@code end}, oldest first, with their state at {@code end}. */
  List<Ticket> tickets(Instant end) {
    firstSeen.forEach(
        (user, seen) -> {
          if (random.nextDouble() < TICKET_PER_ACCOUNT) {
            String subject = ACCOUNT_SUBJECTS[random.nextInt(ACCOUNT_SUBJECTS.length)];
            open(user, after(seen, Duration.ofDays(5)), subject);
          }
        });
    List<Ticket> open =
        tickets.stream()
            .filter(t -> t.createdAt().isBefore(end))
            .sorted(Comparator.comparing(Ticket::createdAt))
            .toList();
    List<Ticket> result = new ArrayList<>();
    for (Ticket t : open) {
      result.add(resolve(t, String.format("tkt-%06d", result.size() + 1), end));
    }
    return result;
  }

  private void open(String userId, Instant createdAt, String subject) {
    String channel = CHANNELS[random.nextInt(CHANNELS.length)];
    tickets.add(new Ticket(null, userId, createdAt, null, "open", channel, subject, null));
  }

  /** Closes about 90 % of the tickets whose resolution time has passed by {@code end}. */
  private Ticket resolve(Ticket t, String id, Instant end) {
    Instant closedAt = after(t.createdAt(), Duration.ofDays(1)).plus(Duration.ofMinutes(30));
    boolean closed = closedAt.isBefore(end) && random.nextDouble() < 0.9;
    if (!closed) {
      String status = random.nextDouble() < 0.6 ? "open" : "pending";
      return new Ticket(
          id, t.userId(), t.createdAt(), null, status, t.channel(), t.subject(), null);
    }
    Integer satisfaction = random.nextDouble() < 0.75 ? satisfaction() : null;
    return new Ticket(
        id, t.userId(), t.createdAt(), closedAt, "closed", t.channel(), t.subject(), satisfaction);
  }

  private int satisfaction() {
    double u = random.nextDouble();
    return u < 0.07 ? 1 : u < 0.15 ? 2 : u < 0.30 ? 3 : u < 0.60 ? 4 : 5;
  }

  /** A time after {@code t}, exponentially distributed with the given mean. */
  private Instant after(Instant t, Duration mean) {
    return t.plusMillis(Math.round(random.nextExponential() * mean.toMillis()));
  }
}
