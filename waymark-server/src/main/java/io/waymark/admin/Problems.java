package io.waymark.admin;

import io.waymark.platform.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every broken field of a request so the form can show them all at once. */
final class Problems {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");
  static final int MIN_PASSWORD = 10;

  private final List<ApiException.Problem> found = new ArrayList<>();

  Problems check(boolean broken, String field, String reason) {
    if (broken) {
      found.add(new ApiException.Problem(field, reason));
    }
    return this;
  }

  Problems username(String username) {
    return check(
        username == null || !USERNAME.matcher(username).matches(),
        "username",
        "must be 3-64 characters: letters, digits, '.', '_', '@' or '-'");
  }

  Problems password(String password) {
    return check(
        password == null || password.length() < MIN_PASSWORD || password.length() > 200,
        "password",
        "must be " + MIN_PASSWORD + " to 200 characters long");
  }

  Problems accountRole(String role) {
    return check(
        Role.parse(role).filter(r -> r != Role.INGEST).isEmpty(),
        "role",
        "must be one of viewer, analyst, admin");
  }

  void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ApiException(400, found);
    }
  }
}
