package io.waymark.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a JSON array one element at a time with Jackson's streaming parser, so only one element is
 * in memory however large the file. Element numbers start at 1.
 */
final class JsonArrayReader implements AutoCloseable {

  /** One element and its number in the array. */
  record Element(long number, JsonNode node) {}

  /** The file is not a JSON array, or broke off inside it: nothing after this point is readable. */
  static final class Broken extends Exception {
    Broken(String message) {
      super(message, null, false, false);
    }
  }

  private final JsonParser parser;
  private long number;

  JsonArrayReader(ObjectMapper mapper, InputStream in) throws IOException, Broken {
    this.parser = mapper.getFactory().createParser(in);
    parser.setCodec(mapper);
    JsonToken first;
    try {
      first = parser.nextToken();
    } catch (JsonProcessingException e) {
      throw broken(e);
    }
    if (first != JsonToken.START_ARRAY) {
      throw new Broken(
          "the file must be a JSON array of objects ([{...}, {...}]), but starts with "
              + (first == null ? "nothing (empty file)" : first.asString()));
    }
  }

  /** The next element, or null after the closing bracket. */
  Element next() throws IOException, Broken {
    try {
      JsonToken t = parser.nextToken();
      if (t == null) {
        throw new Broken("the array is not closed: the file ends after element " + number);
      }
      if (t == JsonToken.END_ARRAY) {
        if (parser.nextToken() != null) {
          throw new Broken("unexpected content after the closing bracket of the array");
        }
        return null;
      }
      JsonNode node = parser.readValueAsTree();
      number++;
      return new Element(number, node);
    } catch (JsonProcessingException e) {
      throw broken(e);
    }
  }

  private Broken broken(JsonProcessingException e) {
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    String msg = e.getOriginalMessage();
    return new Broken(
        "malformed JSON"
            + where
            + " (after element "
            + number
            + "): "
            + (msg == null ? "unreadable" : msg.lines().findFirst().orElse(msg)));
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
