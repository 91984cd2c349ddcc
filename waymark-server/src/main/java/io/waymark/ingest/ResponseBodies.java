package io.waymark.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** Writes the collector's JSON answers: per-item results, or why the whole request failed. */
final class ResponseBodies {

  private static final JsonFactory JSON = new JsonFactory();

  private ResponseBodies() {}

  /** One line of the {@code errors} array. */
  record ItemError(Integer index, String field, String reason, UUID quarantineId) {}

  static byte[] results(int accepted, int rejected, List<ItemError> errors) {
    return write(accepted, rejected, null, errors, null);
  }

  static byte[] failure(String message, int rejected, List<ItemError> errors, UUID quarantineId) {
    return write(0, rejected, message, errors, quarantineId);
  }

  private static byte[] write(
      int accepted, int rejected, String message, List<ItemError> errors, UUID quarantineId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + errors.size() * 96);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("accepted", accepted);
      g.writeNumberField("rejected", rejected);
      if (message != null) {
        g.writeStringField("message", message);
      }
      g.writeArrayFieldStart("errors");
      for (ItemError e : errors) {
        g.writeStartObject();
        if (e.index() != null) {
          g.writeNumberField("index", e.index());
        }
        g.writeStringField("field", e.field());
        g.writeStringField("reason", e.reason());
        if (e.quarantineId() != null) {
          g.writeStringField("quarantine_id", e.quarantineId().toString());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      if (quarantineId != null) {
        g.writeStringField("quarantine_id", quarantineId.toString());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
