package io.waymark.generator.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The options of one command: {@code --name value} or {@code --name=value}, and {@code --help}. */
public final class Options {

  private final String command;
  private final Map<String, String> values;
  private final boolean help;

  private Options(String command, Map<String, String> values, boolean help) {
    this.command = command;
    this.values = values;
    this.help = help;
  }

  /** Parses {@code args}; every option must be one of {@code known} (names without dashes). */
  public static Options parse(String command, List<String> args, Set<String> known)
      throws UsageException {
    Map<String, String> values = new LinkedHashMap<>();
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
        continue;
      }
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + arg + "' for " + command);
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      if (!known.contains(name)) {
        throw new UsageException(
            "unknown option --" + name + " for " + command + " (known: " + list(known) + ")");
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      } else {
        throw new UsageException("option --" + name + " needs a value");
      }
      if (values.put(name, value) != null) {
        throw new UsageException("option --" + name + " is given more than once");
      }
    }
    return new Options(command, values, help);
  }

  public boolean help() {
    return help;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String required(String name) throws UsageException {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new UsageException(command + " needs --" + name);
    }
    return value;
  }

  public String string(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  /** A whole number in [min, max], or {@code defaultValue} when the option is absent. */
  public long longValue(String name, long defaultValue, long min, long max) throws UsageException {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      long n = Long.parseLong(value.replace("_", ""));
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        "option --"
            + name
            + " must be a whole number from "
            + min
            + " to "
            + max
            + ", got '"
            + value
            + "'");
  }

  /** A number in [min, max], or {@code defaultValue} when the option is absent. */
  public double doubleValue(String name, double defaultValue, double min, double max)
      throws UsageException {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      double d = Double.parseDouble(value);
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        "option --"
            + name
            + " must be a number from "
            + min
            + " to "
            + max
            + ", got '"
            + value
            + "'");
  }

  /** An ISO date (midnight UTC) or ISO instant, or {@code defaultValue} when absent. */
  public Instant instant(String name, Instant defaultValue) throws UsageException {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "option --"
              + name
              + " must be an ISO date like 2026-01-31 or a time like"
              + " 2026-01-31T08:00:00Z, got '"
              + value
              + "'");
    }
  }

  private static String list(Set<String> known) {
    return String.join(", ", new TreeSet<>(known).stream().map(k -> "--" + k).toList());
  }
}
