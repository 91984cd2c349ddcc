package io.waymark.outbound;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * URLs as they may be shown to analysts and written to logs: credentials in the user info and the
 * values of query parameters that look like secrets ({@code token}, {@code key}, {@code secret},
 * {@code signature}, {@code password}, {@code access_token}, ...) become {@code ***}.
 */
public final class Redaction {

  static final String MASK = "***";
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          ".*(token|key|secret|sig|signature|pass|password|passwd|pwd|auth|credential|session"
              + "|code).*");
  private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#]*@");

  private Redaction() {}

  /** {@code url} with its credentials and secret-looking parameter values masked. */
  public static String url(String url) {
    if (url == null) {
      return null;
    }
    String out = USER_INFO.matcher(url).replaceFirst("$1" + MASK + "@");
    int hash = out.indexOf('#');
    String fragment = hash < 0 ? "" : "#" + MASK; // never sent, but may hold a token
    out = hash < 0 ? out : out.substring(0, hash);
    int q = out.indexOf('?');
    if (q < 0) {
      return out + fragment;
    }
    StringBuilder b = new StringBuilder(out.substring(0, q + 1));
    String[] params = out.substring(q + 1).split("&", -1);
    for (int i = 0; i < params.length; i++) {
      String p = params[i];
      int eq = p.indexOf('=');
      String name = eq < 0 ? p : p.substring(0, eq);
      b.append(i == 0 ? "" : "&");
      if (eq >= 0 && SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
        b.append(name).append('=').append(MASK);
      } else {
        b.append(p);
      }
    }
    return b.append(fragment).toString();
  }

  /** Whether {@link #url} would hide anything in {@code url}. */
  public static boolean hidesSomething(String url) {
    return url != null && !url(url).equals(url);
  }
}
