package io.waymark.bench;

import java.util.Locale;

/**
 * A published performance target, checked against a measured figure.
 *
 * <p>A run with failed or non-200 requests never passes: a fast error is not a result.
 */
record Target(String what, double limit, boolean atLeast, String unit) {

  static Target atLeast(String what, double limit, String unit) {
    return new Target(what, limit, true, unit);
  }

  static Target below(String what, double limit, String unit) {
    return new Target(what, limit, false, unit);
  }

  boolean met(double measured) {
    return atLeast ? measured >= limit : measured < limit;
  }

  /** E.g. {@code PASS batch events/s 312,456 >= 200,000 (+56.2%)}. */
  String verdict(double measured, long failures) {
    boolean pass = met(measured) && failures == 0;
    double margin = atLeast ? (measured - limit) / limit : (limit - measured) / limit;
    String figures =
        String.format(
            Locale.ROOT,
            "%s %s %s %s %s %s (%s%.1f%% %s)",
            what,
            number(measured),
            unit,
            atLeast ? ">=" : "<",
            number(limit),
            unit,
            margin >= 0 ? "+" : "",
            Math.abs(margin) * 100,
            margin >= 0 ? "margin" : "short");
    String failed = failures == 0 ? "" : "; " + Formats.count(failures) + " failed requests";
    return (pass ? "PASS  " : "MISS  ") + figures + failed;
  }

  private static String number(double value) {
    return value >= 1000 ? Formats.rate(value) : String.format(Locale.ROOT, "%.2f", value);
  }
}
