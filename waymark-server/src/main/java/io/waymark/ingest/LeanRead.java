package io.waymark.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.admin.Role;
import io.waymark.platform.ApiException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A read the lean collector server answers besides the collector endpoints, for a hot read path
 * (the 7-day profile, a user's journey): {@code GET <prefix><id><suffix>} with a bearer key of an
 * allowed role. The same path is also served by the main API, with the same answers.
 */
public interface LeanRead {

  /** The path before the id, such as {@code /v1/user/}. */
  String prefix();

  /**
   * The path after the id, such as {@code /journey}; empty when the id ends the path. With a
   * suffix, the id is one path segment (no {@code /}).
   */
  default String suffix() {
    return "";
  }

  /** Whether a key of this role may read: analysts and admins, as for the API's reads. */
  default boolean allows(Role role) {
    return role == Role.ANALYST || role == Role.ADMIN;
  }

  /**
   * The answer for one id; {@code query} gives a query parameter's decoded value, or null when the
   * request has none. Called off the event loop.
   */
  Answer answer(String id, Function<String, String> query);

  /** The still-encoded id in {@code path} when this read serves it, otherwise null. */
  default String idIn(String path) {
    String prefix = prefix();
    String suffix = suffix();
    if (!path.startsWith(prefix)
        || !path.endsWith(suffix)
        || path.length() <= prefix.length() + suffix.length()) {
      return null;
    }
    String id = path.substring(prefix.length(), path.length() - suffix.length());
    return !suffix.isEmpty() && id.indexOf('/') >= 0 ? null : id;
  }

  /** A status and its JSON body. */
  record Answer(int status, byte[] body) {}

  /**
   * {@code read}'s value as a 200 JSON answer, or the status and body of the {@link ApiException}
   * it threw, written as the API writes them.
   */
  static Answer json(ObjectMapper json, Supplier<?> read) {
    try {
      try {
        return new Answer(200, json.writeValueAsBytes(read.get()));
      } catch (ApiException e) {
        return new Answer(e.status(), json.writeValueAsBytes(e.body()));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a lean read's answer", e);
    }
  }
}
