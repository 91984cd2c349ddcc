package io.waymark.sources;

import io.waymark.imports.FileImports;
import io.waymark.outbound.OutboundGuard;
import io.waymark.platform.AllowedDirectories;
import io.waymark.platform.ApiException;
import io.waymark.platform.ApiException.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A source as a client sends it (create and replace). Exactly one of {@code url} and {@code path};
 * exactly one of {@code intervalMinutes} and {@code dailyAt}. {@code authHeader} is write-only: on
 * a replace, null keeps the stored value and an empty string removes it.
 */
record SourceInput(
    String name,
    String kind,
    String url,
    String authHeader,
    String path,
    Integer intervalMinutes,
    String dailyAt,
    Boolean enabled) {

  private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

  /** A checked source, ready to store. */
  record Valid(
      String name,
      String kind,
      String url,
      String authHeader,
      String path,
      Schedule schedule,
      boolean enabled) {}

  /** Checks every field at once; a 400 names each field at fault. */
  Valid check(List<Path> fileRoots, OutboundGuard guard, String storedAuthHeader) {
    List<Problem> problems = new ArrayList<>();
    String n = name == null ? "" : name.strip();
    if (n.isEmpty()) {
      problems.add(new Problem("name", "is required"));
    } else if (n.length() > 100) {
      problems.add(new Problem("name", "must be at most 100 characters, got " + n.length()));
    }
    if (kind == null || kind.isBlank()) {
      problems.add(
          new Problem("kind", "is required, one of " + String.join(", ", FileImports.KINDS)));
    } else if (!FileImports.knows(kind)) {
      problems.add(
          new Problem(
              "kind",
              "unknown kind \"" + kind + "\"; one of " + String.join(", ", FileImports.KINDS)));
    }
    String u = blankToNull(url);
    String p = blankToNull(path);
    if (u == null && p == null) {
      problems.add(
          new Problem("url", "is required: an http(s) URL, or give a server path instead"));
    } else if (u != null && p != null) {
      problems.add(new Problem("path", "give either url or path, not both"));
    } else if (u != null) {
      checkUrl(u, guard, problems);
    } else {
      p = checkPath(p, fileRoots, problems);
    }
    String auth =
        authHeader != null
            ? blankToNull(authHeader)
            : p == null ? storedAuthHeader : null; // a server path has no header to keep
    if (auth != null
        && (auth.length() > 2000 || auth.chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
      problems.add(
          new Problem(
              "auth_header", "must be at most 2000 printable ASCII characters, on one line"));
    }
    if (auth != null && p != null) {
      problems.add(new Problem("auth_header", "is only sent with a url, not for a server path"));
    }
    Schedule schedule = schedule(problems);
    if (!problems.isEmpty()) {
      throw new ApiException(400, problems);
    }
    return new Valid(
        n, kind.toLowerCase(Locale.ROOT), u, auth, p, schedule, enabled == null || enabled);
  }

  private static void checkUrl(String u, OutboundGuard guard, List<Problem> problems) {
    try {
      URI uri = new URI(u);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        problems.add(new Problem("url", "must start with http:// or https://"));
      } else if (uri.getHost() == null || uri.getHost().isBlank()) {
        problems.add(new Problem("url", "has no host name"));
      } else if (u.length() > 2000) {
        problems.add(new Problem("url", "must be at most 2000 characters"));
      } else {
        guard.refusal(uri).ifPresent(reason -> problems.add(new Problem("url", reason)));
      }
    } catch (URISyntaxException e) {
      problems.add(new Problem("url", "is not a valid URL: " + e.getReason()));
    }
  }

  private static String checkPath(String p, List<Path> roots, List<Problem> problems) {
    if (roots.isEmpty()) {
      problems.add(
          new Problem(
              "path",
              "server paths are switched off; an operator can allow directories with"
                  + " waymark.sources.file-roots"));
      return p;
    }
    try {
      Path given = Path.of(p);
      if (!given.isAbsolute()) {
        problems.add(new Problem("path", "must be an absolute path on the server"));
        return p;
      }
      Path normal = given.normalize();
      AllowedDirectories allowed = new AllowedDirectories(roots);
      if (!allowed.containsByName(normal)) {
        problems.add(new Problem("path", "must be inside one of the allowed directories " + roots));
      } else {
        allowed
            .escape(normal)
            .ifPresent(
                real ->
                    problems.add(
                        new Problem(
                            "path",
                            "leads through a symbolic link to "
                                + real
                                + ", outside the allowed directories "
                                + roots)));
      }
      return normal.toString();
    } catch (InvalidPathException e) {
      problems.add(new Problem("path", "is not a valid path: " + e.getReason()));
      return p;
    }
  }

  private Schedule schedule(List<Problem> problems) {
    String at = blankToNull(dailyAt);
    if (intervalMinutes == null && at == null) {
      problems.add(
          new Problem("interval_minutes", "is required: minutes between runs, or give daily_at"));
      return null;
    }
    if (intervalMinutes != null && at != null) {
      problems.add(new Problem("daily_at", "give either interval_minutes or daily_at, not both"));
      return null;
    }
    if (intervalMinutes != null) {
      if (intervalMinutes < 1 || intervalMinutes > Schedule.MAX_INTERVAL_MINUTES) {
        problems.add(
            new Problem(
                "interval_minutes",
                "must be between 1 and "
                    + Schedule.MAX_INTERVAL_MINUTES
                    + ", got "
                    + intervalMinutes));
        return null;
      }
      return Schedule.every(intervalMinutes);
    }
    if (!HH_MM.matcher(at).matches()) {
      problems.add(
          new Problem(
              "daily_at", "must be a time HH:MM in UTC (00:00 to 23:59), got \"" + at + "\""));
      return null;
    }
    try {
      return Schedule.dailyAt(LocalTime.parse(at));
    } catch (DateTimeParseException e) {
      problems.add(new Problem("daily_at", "must be a time HH:MM in UTC"));
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
