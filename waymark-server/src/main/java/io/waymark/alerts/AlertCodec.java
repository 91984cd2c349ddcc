package io.waymark.alerts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;

/**
 * Alerts on the {@code alerts} topic are JSON (snake_case, times in epoch millis): they are rare,
 * and other systems may read that topic directly.
 */
public final class AlertCodec {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private AlertCodec() {}

  public static byte[] encode(Alert a) {
    try {
      return JSON.writeValueAsBytes(a);
    } catch (IOException e) {
      throw new IllegalStateException("could not encode alert " + a.id(), e);
    }
  }

  public static Alert decode(byte[] bytes) {
    try {
      return JSON.readValue(bytes, Alert.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "undecodable alert on the alerts topic: " + e.getMessage());
    }
  }
}
