package io.waymark.privacy;

import java.util.List;

/**
 * The person an erasure is about: the user id named in the request and every identity that belongs
 * to them (anonymous ids linked to it). Each holder of personal data erases all of them.
 */
public record ErasureSubject(String userId, List<String> identities) {

  public ErasureSubject {
    identities = List.copyOf(identities);
    if (!identities.contains(userId)) {
      throw new IllegalArgumentException("identities must include the user id " + userId);
    }
  }
}
