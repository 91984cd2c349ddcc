package io.waymark.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.waymark.events.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request body (one JSON event, a JSON array of events, or NDJSON) into accepted events and
 * rejected items. A body that cannot be read at all fails as a whole with a {@link BodyException};
 * otherwise every element gets its own verdict.
 */
final class EventDecoder {

  private static final JsonFactory JSON = new JsonFactory();

  private final EventRules rules;
  private final int maxEventBytes;
  private final int maxEvents;

  EventDecoder(EventRules rules, int maxEventBytes, int maxEvents) {
    this.rules = rules;
    this.maxEventBytes = maxEventBytes;
    this.maxEvents = maxEvents;
  }

  /** The verdict on one request body. */
  record Decoded(List<Event> accepted, List<Rejection> rejected) {
    int total() {
      return accepted.size() + rejected.size();
    }
  }

  /** One rejected element, with the raw text a reviewer needs to fix and replay it. */
  record Rejection(
      int index, String raw, List<FieldError> errors, String userKey, boolean tooLarge) {}

  Decoded decodeJson(byte[] body, Dialect dialect, long receivedAt, String source) {
    Decoded out = new Decoded(new ArrayList<>(), new ArrayList<>());
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken root = p.nextToken();
      if (root == JsonToken.START_OBJECT) {
        element(p, body, 0, dialect, receivedAt, source, out);
      } else if (root == JsonToken.START_ARRAY) {
        int index = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          if (index == maxEvents) {
            throw BodyException.tooManyEvents(maxEvents);
          }
          if (t == null) {
            throw new BodyException(400, "body", "malformed JSON: the array is not closed");
          }
          element(p, body, index++, dialect, receivedAt, source, out);
        }
      } else {
        throw new BodyException(
            400,
            "body",
            "must be a JSON object or an array of objects, got "
                + (root == null ? "an empty body" : EventReader.describe(root)));
      }
      if (p.nextToken() != null) {
        throw new BodyException(400, "body", "malformed JSON: unexpected content after the value");
      }
    } catch (JsonProcessingException e) {
      throw BodyException.malformed(e);
    } catch (IOException e) {
      throw new BodyException(400, "body", "unreadable: " + e.getMessage());
    }
    if (out.total() == 0) {
      throw new BodyException(400, "body", "contains no events");
    }
    return out;
  }

  Decoded decodeNdjson(byte[] body, long receivedAt, String source) {
    Decoded out = new Decoded(new ArrayList<>(), new ArrayList<>());
    int index = 0;
    int line = 0;
    for (int start = 0; start < body.length; ) {
      int end = start;
      while (end < body.length && body[end] != '\n') {
        end++;
      }
      line++;
      if (!blank(body, start, end)) {
        if (index == maxEvents) {
          throw BodyException.tooManyEvents(maxEvents);
        }
        ndjsonLine(body, start, end, line, index++, receivedAt, source, out);
      }
      start = end + 1;
    }
    if (out.total() == 0) {
      throw new BodyException(
          400, "body", "contains no events (expected one JSON object per line)");
    }
    return out;
  }

  private void ndjsonLine(
      byte[] body,
      int start,
      int end,
      int line,
      int index,
      long receivedAt,
      String source,
      Decoded out) {
    try (JsonParser p = JSON.createParser(body, start, end - start)) {
      JsonToken t = p.nextToken();
      element(p, body, index, Dialect.STANDARD, receivedAt, source, out, start, end);
      if (t == JsonToken.START_OBJECT && p.nextToken() != null) {
        throw new JsonParseLineException("unexpected content after the object");
      }
    } catch (JsonProcessingException | JsonParseLineException e) {
      String reason = "malformed JSON on line " + line + ": " + firstLine(e.getMessage());
      out.rejected()
          .add(
              new Rejection(
                  index,
                  text(body, start, end),
                  List.of(new FieldError("body", reason)),
                  null,
                  false));
    } catch (IOException e) {
      throw new BodyException(400, "body", "unreadable: " + e.getMessage());
    }
  }

  private void element(
      JsonParser p,
      byte[] body,
      int index,
      Dialect dialect,
      long receivedAt,
      String source,
      Decoded out)
      throws IOException {
    element(p, body, index, dialect, receivedAt, source, out, -1, -1);
  }

  private void element(
      JsonParser p,
      byte[] body,
      int index,
      Dialect dialect,
      long receivedAt,
      String source,
      Decoded out,
      int lineStart,
      int lineEnd)
      throws IOException {
    JsonToken t = p.currentToken();
    int start = lineStart >= 0 ? lineStart : (int) p.currentTokenLocation().getByteOffset();
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      int end = lineEnd >= 0 ? lineEnd : (int) p.currentLocation().getByteOffset();
      out.rejected()
          .add(
              new Rejection(
                  index,
                  text(body, start, end),
                  List.of(
                      new FieldError(
                          "body",
                          "each event must be a JSON object, got " + EventReader.describe(t))),
                  null,
                  false));
      return;
    }
    EventDraft draft = new EventDraft();
    List<FieldError> errors = new ArrayList<>(0);
    EventReader.read(p, dialect, draft, errors, body, lineStart >= 0 ? lineStart : 0);
    int end = lineEnd >= 0 ? lineEnd : (int) p.currentLocation().getByteOffset();
    if (end - start > maxEventBytes) {
      errors.add(
          0,
          new FieldError(
              "body",
              "event is "
                  + (end - start)
                  + " bytes; the limit is "
                  + maxEventBytes
                  + " bytes (waymark.collector.max-event-bytes)"));
      out.rejected()
          .add(new Rejection(index, text(body, start, end), errors, draft.userKey(), true));
      return;
    }
    List<FieldError> ruleErrors = new ArrayList<>(0);
    Event event = rules.apply(draft, dialect, receivedAt, source, ruleErrors);
    if (event != null && errors.isEmpty()) {
      out.accepted().add(event);
      return;
    }
    for (FieldError e : ruleErrors) {
      if (errors.stream().noneMatch(x -> x.field().equals(e.field()))) {
        errors.add(e);
      }
    }
    out.rejected()
        .add(new Rejection(index, text(body, start, end), errors, draft.userKey(), false));
  }

  private static boolean blank(byte[] b, int start, int end) {
    for (int i = start; i < end; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] body, int start, int end) {
    return new String(body, start, Math.max(0, end - start), StandardCharsets.UTF_8);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** Trailing garbage on an NDJSON line. */
  private static final class JsonParseLineException extends Exception {
    JsonParseLineException(String message) {
      super(message, null, false, false);
    }
  }
}
