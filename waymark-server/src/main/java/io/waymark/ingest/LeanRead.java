package io.waymark.ingest;

import io.waymark.admin.Role;

/**
 * A read the lean collector server answers besides the collector endpoints, for a hot read path
 * (the 7-day profile): {@code GET <prefix><id>} with a bearer key of an allowed role. The same path
 * is also served by the main API.
 */
public interface LeanRead {

  /** The path before the id, such as {@code /v1/user/}. */
  String prefix();

  /** Whether a key of this role may read. */
  boolean allows(Role role);

  /** The answer for one id; called off the event loop. */
  Answer answer(String id);

  /** A status and its JSON body. */
  record Answer(int status, byte[] body) {}
}
