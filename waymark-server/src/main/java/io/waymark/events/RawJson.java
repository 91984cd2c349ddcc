package io.waymark.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;

/** Copies the JSON value under a parser's cursor into compact text. */
public final class RawJson {

  private static final JsonFactory JSON = new JsonFactory();

  private RawJson() {}

  /** Copies the value starting at {@code current} (the parser's current token). */
  public static String copy(JsonParser p, JsonToken current) throws IOException {
    if (current == JsonToken.VALUE_NULL) {
      return null;
    }
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.copyCurrentStructure(p);
    }
    return out.toString();
  }
}
