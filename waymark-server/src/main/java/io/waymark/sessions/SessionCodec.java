package io.waymark.sessions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON encoding of session records on the sessions topic (one per closed session: not hot). */
public final class SessionCodec {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private SessionCodec() {}

  public static byte[] encode(SessionRecord r) {
    try {
      return JSON.writeValueAsBytes(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SessionRecord decode(byte[] bytes) {
    try {
      return JSON.readValue(bytes, SessionRecord.class);
    } catch (IOException e) {
      throw new UncheckedIOException("undecodable session record: " + e.getMessage(), e);
    }
  }
}
