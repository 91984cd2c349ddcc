package io.waymark.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Browser origins as keys allow them: {@code scheme://host[:port]}, http or https, no path. */
public final class Origins {

  /** At most this many origins per key. */
  public static final int MAX_PER_KEY = 100;

  private Origins() {}

  /** A rule an origin list broke: the field ({@code origins[2]}) and why. */
  public record Problem(String field, String reason) {}

  /** The problems of a list; empty when every origin is well-formed. */
  public static List<Problem> check(List<String> origins) {
    List<Problem> problems = new ArrayList<>();
    if (origins == null) {
      problems.add(new Problem("origins", "is required (an array of origins, may be empty)"));
      return problems;
    }
    if (origins.size() > MAX_PER_KEY) {
      problems.add(new Problem("origins", "at most " + MAX_PER_KEY + " origins per key"));
    }
    for (int i = 0; i < origins.size(); i++) {
      String reason = problem(origins.get(i));
      if (reason != null) {
        problems.add(new Problem("origins[" + i + "]", reason));
      }
    }
    return problems;
  }

  /** The normalised, de-duplicated list (lower case, no trailing slash); assumes it checked. */
  public static List<String> normalise(List<String> origins) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String o : origins) {
      out.add(normalise(o));
    }
    return List.copyOf(out);
  }

  static String normalise(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }

  private static String problem(String origin) {
    if (origin == null || origin.isBlank()) {
      return "must be an origin like https://shop.example.com, got an empty value";
    }
    if (origin.length() > 255) {
      return "is longer than 255 characters";
    }
    String o = normalise(origin);
    try {
      URI uri = new URI(o);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      boolean bare =
          (uri.getRawPath() == null || uri.getRawPath().isEmpty())
              && uri.getRawQuery() == null
              && uri.getRawFragment() == null
              && uri.getRawUserInfo() == null;
      if (web && uri.getHost() != null && bare) {
        return null;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    return "must be scheme://host[:port] with http or https and no path, like"
        + " https://shop.example.com, got \""
        + origin
        + "\"";
  }
}
