package io.waymark.admin;

import io.waymark.platform.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Collects every broken field of a request so the form can show them all at once. */
final class Problems {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");
  static final int MIN_PASSWORD = 10;
  static final int MAX_PASSWORD_BYTES = 72;

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
    passwordProblem(password).ifPresent(reason -> check(true, "password", reason));
    return this;
  }

  /**
   * What is wrong with a password that is to be set, if anything: 10 to 200 characters and at most
   * {@value #MAX_PASSWORD_BYTES} bytes in UTF-8, because bcrypt uses no more than that (longer
   * passwords used to fail inside the hash with a 500).
   */
  static Optional<String> passwordProblem(String password) {
    if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
      return Optional.of("must be " + MIN_PASSWORD + " to 200 characters long");
    }
    return tooLong(password);
  }

  /** Whether a password is longer than bcrypt's 72 bytes (also refused at login, unhashed). */
  static Optional<String> tooLong(String password) {
    int bytes = password.getBytes(StandardCharsets.UTF_8).length;
    return bytes > MAX_PASSWORD_BYTES
        ? Optional.of(
            "must be at most "
                + MAX_PASSWORD_BYTES
                + " bytes in UTF-8 (bcrypt's limit), got "
                + bytes
                + " bytes; use fewer or plainer characters")
        : Optional.empty();
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
