package io.waymark.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Encodes quarantine records on the log (JSON; off the hot path, so plain data binding). */
public final class QuarantineCodec {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private QuarantineCodec() {}

  public static byte[] encode(QuarantinedItem item) {
    try {
      return JSON.writeValueAsBytes(item);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static QuarantinedItem decode(byte[] bytes) {
    try {
      return JSON.readValue(bytes, QuarantinedItem.class);
    } catch (IOException e) {
      throw new UncheckedIOException("undecodable quarantine record: " + e.getMessage(), e);
    }
  }
}
