package io.waymark.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a newest-first listing: (time, id) of the last item of the previous page, encoded
 * as an opaque page token.
 */
public record EventCursor(long timestamp, UUID id) {

  public String token() {
    String raw = timestamp + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a page token; throws IllegalArgumentException with a clear message when it is bad. */
  public static EventCursor parse(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = raw.indexOf(':');
      return new EventCursor(
          Long.parseLong(raw.substring(0, colon)), UUID.fromString(raw.substring(colon + 1)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("page_token is not a token this server issued");
    }
  }
}
