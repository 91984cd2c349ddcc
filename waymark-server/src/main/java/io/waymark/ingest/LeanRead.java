package io.waymark.ingest;

import io.waymark.admin.Role;
import java.util.function.Function;

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

  /** Whether a key of this role may read. */
  boolean allows(Role role);

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
}
