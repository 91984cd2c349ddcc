package io.waymark.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collector request bodies generated before a phase, so the load generator spends its CPU on
 * sending, not on JSON.
 *
 * <p>Bodies are reused round-robin, but every body handed out is a copy whose {@code event_id}s end
 * in a fresh sequence number: the server deduplicates by event id, and a benchmark that re-sent the
 * same ids would measure deduplication instead of ingest.
 */
final class EventBodies {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] TYPES = {
    "page_view", "product_view", "search", "add_to_cart", "remove_from_cart", "checkout", "purchase"
  };
  private static final int[] TYPE_WEIGHTS = {55, 20, 10, 8, 2, 2, 3};
  private static final String[] CATEGORIES = {
    "women", "men", "kids", "home", "sport", "beauty", "shoes", "sale", "blog", "brands"
  };
  private static final String[] SEARCHES = {
    "running shoes", "rain jacket", "linen shirt", "gift card", "yoga mat", "desk lamp"
  };
  private static final String[] AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/138.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:141.0) Firefox/141.0"
  };
  private static final String[][] LOCALES = {{"de-DE", "DE"}, {"en-GB", "GB"}, {"fr-FR", "FR"}};

  /** Where the sequence number is written: the last 12 hex digits of a 36-character UUID. */
  private static final int SEQUENCE_OFFSET = 24;

  private static final int SEQUENCE_DIGITS = 12;

  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final byte[][] templates;
  private final int[][] idOffsets;
  private final int eventsPerBody;
  private final AtomicLong nextBody = new AtomicLong();
  private final AtomicLong nextEventId = new AtomicLong();

  private EventBodies(byte[][] templates, int[][] idOffsets, int eventsPerBody) {
    this.templates = templates;
    this.idOffsets = idOffsets;
    this.eventsPerBody = eventsPerBody;
  }

  /**
   * Generates {@code bodies} distinct bodies of {@code eventsPerBody} events each (a JSON array, or
   * a single object when {@code eventsPerBody} is 1) for users {@code u0000001..users}.
   */
  static EventBodies generate(int bodies, int eventsPerBody, int users, Instant now, long seed) {
    Instant millis = now.truncatedTo(ChronoUnit.MILLIS);
    var random = new SplittableRandom(seed);
    byte[][] templates = new byte[bodies][];
    int[][] offsets = new int[bodies][eventsPerBody];
    for (int b = 0; b < bodies; b++) {
      var body = new ByteArrayOutputStream(eventsPerBody * 360);
      if (eventsPerBody > 1) {
        body.write('[');
      }
      for (int e = 0; e < eventsPerBody; e++) {
        if (e > 0) {
          body.write(',');
        }
        // event_id is the first field, so its value starts right after {"event_id":"
        offsets[b][e] = body.size() + "{\"event_id\":\"".length();
        body.writeBytes(event(random, users, millis));
      }
      if (eventsPerBody > 1) {
        body.write(']');
      }
      templates[b] = body.toByteArray();
    }
    return new EventBodies(templates, offsets, eventsPerBody);
  }

  /** A fresh copy of the next body with event ids not handed out before; thread-safe. */
  byte[] next() {
    int index = (int) (nextBody.getAndIncrement() % templates.length);
    byte[] body = templates[index].clone();
    long sequence = nextEventId.getAndAdd(eventsPerBody);
    for (int offset : idOffsets[index]) {
      writeHex(body, offset + SEQUENCE_OFFSET, sequence++);
    }
    return body;
  }

  int eventsPerBody() {
    return eventsPerBody;
  }

  /** Mean body size in bytes divided by the events in it. */
  double bytesPerEvent() {
    long total = 0;
    for (byte[] t : templates) {
      total += t.length;
    }
    return (double) total / templates.length / eventsPerBody;
  }

  private static void writeHex(byte[] target, int at, long value) {
    for (int i = SEQUENCE_DIGITS - 1; i >= 0; i--) {
      target[at + i] = HEX_DIGITS[(int) (value & 0xF)];
      value >>>= 4;
    }
  }

  private static byte[] event(SplittableRandom random, int users, Instant now) {
    int user = 1 + random.nextInt(users);
    String userKey = String.format("u%07d", user);
    String type = pick(random);
    String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
    int item = random.nextInt(30);
    Map<String, Object> event = new LinkedHashMap<>();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    event.put("event_id", new UUID(high, low).toString());
    event.put("type", type);
    if (user % 10 < 7) {
      event.put("user_id", userKey);
    } else {
      event.put("anonymous_id", "anon-" + userKey);
    }
    event.put("session_id", userKey + "-s" + random.nextInt(1000));
    event.put("timestamp", now.toString());
    event.put("page_url", "https://shop.example.com/" + category + "/item-" + item);
    switch (type) {
      case "product_view", "add_to_cart", "remove_from_cart" ->
          event.put("product_id", "sku-" + random.nextInt(5000));
      case "search" -> event.put("search_query", SEARCHES[random.nextInt(SEARCHES.length)]);
      case "purchase" -> {
        event.put("order_id", "ord-" + Long.toHexString(random.nextLong()));
        event.put("amount", Math.round(random.nextDouble(5, 400) * 100) / 100.0);
        event.put("currency", "EUR");
      }
      default -> {
        event.put("page_name", category + ": item " + item);
        if (random.nextInt(5) == 0) {
          event.put("referrer", "https://www.google.com/");
        }
      }
    }
    String[] locale = LOCALES[user % LOCALES.length];
    event.put(
        "context",
        Map.of(
            "ip", "10.0." + (user / 256 % 256) + "." + (user % 256),
            "user_agent", AGENTS[user % AGENTS.length],
            "locale", locale[0],
            "country", locale[1]));
    try {
      return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a generated event", e);
    }
  }

  private static String pick(SplittableRandom random) {
    int roll = random.nextInt(100);
    for (int i = 0; i < TYPES.length; i++) {
      roll -= TYPE_WEIGHTS[i];
      if (roll < 0) {
        return TYPES[i];
      }
    }
    return TYPES[0];
  }
}
