package io.waymark.exports;

import io.waymark.outbound.OutboundGuard;
import io.waymark.platform.AllowedDirectories;
import io.waymark.platform.ApiException;
import io.waymark.platform.ApiException.Problem;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An export as a client sends it (create and replace). {@link #check} names every field at fault at
 * once, so a form can show them all.
 */
record ExportInput(
    String name,
    List<String> datasets,
    String format,
    String destination,
    String directory,
    String webhookUrl,
    String scheduleTime,
    Boolean enabled) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  /** The checked input: the parts of an {@link ExportConfig} a client chooses. */
  record Checked(
      String name,
      List<ExportDataset> datasets,
      ExportFormat format,
      ExportConfig.Destination destination,
      String directory,
      String webhookUrl,
      LocalTime scheduleTime,
      boolean enabled) {}

  Checked check(OutboundGuard guard, AllowedDirectories roots) {
    List<Problem> problems = new ArrayList<>();
    if (name == null || name.isBlank()) {
      problems.add(new Problem("name", "is required"));
    } else if (!NAME.matcher(name).matches()) {
      problems.add(
          new Problem(
              "name",
              "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"
                  + " (it names the export's folder)"));
    }
    LinkedHashSet<ExportDataset> sets = new LinkedHashSet<>();
    if (datasets == null || datasets.isEmpty()) {
      problems.add(new Problem("datasets", "choose at least one of " + datasetNames()));
    } else {
      for (String d : datasets) {
        ExportDataset parsed = ExportDataset.parse(d);
        if (parsed == null) {
          problems.add(
              new Problem("datasets", "'" + d + "' is not a dataset; use " + datasetNames()));
        } else if (!sets.add(parsed)) {
          problems.add(new Problem("datasets", "'" + d + "' is listed twice"));
        }
      }
    }
    ExportFormat f = format == null ? null : ExportFormat.parse(format);
    if (f == null) {
      problems.add(
          new Problem(
              "format",
              (format == null ? "is required" : "is unknown") + "; use parquet, csv or ndjson"));
    }
    ExportConfig.Destination dest = destination(problems);
    String dir = null;
    String url = null;
    if (dest == ExportConfig.Destination.DIRECTORY) {
      dir = checkDirectory(roots, problems);
      if (webhookUrl != null) {
        problems.add(new Problem("webhook_url", "is only for the webhook destination"));
      }
    } else if (dest == ExportConfig.Destination.WEBHOOK) {
      url = checkUrl(guard, problems);
      if (directory != null) {
        problems.add(new Problem("directory", "is only for the directory destination"));
      }
    }
    LocalTime at = LocalTime.of(10, 0);
    if (scheduleTime != null) {
      try {
        at = LocalTime.parse(scheduleTime, HH_MM);
      } catch (DateTimeParseException e) {
        problems.add(
            new Problem("schedule_time", "must be a UTC time as HH:MM (00:00-23:59), like 10:00"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(400, problems);
    }
    return new Checked(name, List.copyOf(sets), f, dest, dir, url, at, enabled == null || enabled);
  }

  private ExportConfig.Destination destination(List<Problem> problems) {
    if (destination == null) {
      problems.add(new Problem("destination", "is required; use directory or webhook"));
      return null;
    }
    try {
      return ExportConfig.Destination.valueOf(destination.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(new Problem("destination", "is unknown; use directory or webhook"));
      return null;
    }
  }

  private String checkDirectory(AllowedDirectories roots, List<Problem> problems) {
    if (directory == null || directory.isBlank()) {
      problems.add(new Problem("directory", "is required for the directory destination"));
      return null;
    }
    if (roots.isEmpty()) {
      problems.add(
          new Problem(
              "directory",
              "directory exports are switched off; an operator can allow directories with"
                  + " waymark.exports.directory-roots, or use the webhook destination"));
      return null;
    }
    try {
      Path p = Path.of(directory);
      if (!p.isAbsolute()) {
        problems.add(
            new Problem(
                "directory", "must be an absolute path on the Waymark server, like /srv/exports"));
        return null;
      }
      Path normal = p.normalize();
      if (!roots.containsByName(normal)) {
        problems.add(
            new Problem(
                "directory",
                "must be inside one of the allowed directories "
                    + roots
                    + " (waymark.exports.directory-roots)"));
        return null;
      }
      var escape = roots.escape(normal);
      if (escape.isPresent()) {
        problems.add(
            new Problem(
                "directory",
                "leads through a symbolic link to "
                    + escape.get()
                    + ", outside the allowed directories "
                    + roots));
        return null;
      }
      return normal.toString();
    } catch (java.nio.file.InvalidPathException e) {
      problems.add(new Problem("directory", "is not a valid path: " + e.getReason()));
      return null;
    }
  }

  private String checkUrl(OutboundGuard guard, List<Problem> problems) {
    if (webhookUrl == null || webhookUrl.isBlank()) {
      problems.add(new Problem("webhook_url", "is required for the webhook destination"));
      return null;
    }
    try {
      URI u = URI.create(webhookUrl);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        problems.add(new Problem("webhook_url", "must be an http or https URL with a host"));
        return null;
      }
      if (webhookUrl.length() > 2000) {
        problems.add(new Problem("webhook_url", "must be at most 2000 characters"));
        return null;
      }
      var refused = guard.refusal(u);
      if (refused.isPresent()) {
        problems.add(new Problem("webhook_url", refused.get()));
        return null;
      }
      return webhookUrl;
    } catch (IllegalArgumentException e) {
      problems.add(new Problem("webhook_url", "is not a URL: " + e.getMessage()));
      return null;
    }
  }

  private static String datasetNames() {
    return "events, sessions, daily_report, customers";
  }
}
