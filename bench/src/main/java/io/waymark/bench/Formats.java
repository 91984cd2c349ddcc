package io.waymark.bench;

import java.util.Locale;

/** Number formats shared by the result tables, so every figure reads the same way. */
final class Formats {

  private Formats() {}

  /** Milliseconds from microseconds, with about three significant digits: 0.42, 4.21, 42.1, 421. */
  static String millis(double micros) {
    double ms = micros / 1000.0;
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.2f", ms);
    }
    if (ms < 100) {
      return String.format(Locale.ROOT, "%.1f", ms);
    }
    return String.format(Locale.ROOT, "%,.0f", ms);
  }

  /** A count with thousands separators: 1,234,567. */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** A rate rounded to whole units with thousands separators. */
  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  /** A size in binary units: 812 KiB, 1.42 GiB. */
  static String bytes(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0
        ? bytes + " B"
        : String.format(Locale.ROOT, value < 10 ? "%.2f %s" : "%.0f %s", value, units[unit]);
  }

  /** Seconds with one decimal. */
  static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }
}
