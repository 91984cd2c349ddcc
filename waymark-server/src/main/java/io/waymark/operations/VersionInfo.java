package io.waymark.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What was built: the version (from {@code META-INF/build-info.properties}) and the git commit
 * (from {@code git.properties}), both written into the jar by the build.
 *
 * @param version the project version, or {@code unknown} outside a built jar
 * @param commit the abbreviated commit id, or {@code unknown} when built without git
 * @param commitTime when that commit was made (ISO-8601), or empty
 * @param dirty whether the build had uncommitted changes
 * @param buildTime when the jar was built (ISO-8601), or empty
 */
public record VersionInfo(
    String version, String commit, String commitTime, boolean dirty, String buildTime) {

  static final String UNKNOWN = "unknown";

  /** Reads both files from the class path; missing files give {@code unknown}. */
  public static VersionInfo load(ClassLoader loader) {
    Properties build = read(loader, "META-INF/build-info.properties");
    Properties git = read(loader, "git.properties");
    return new VersionInfo(
        build.getProperty("build.version", UNKNOWN),
        git.getProperty("git.commit.id.abbrev", UNKNOWN),
        git.getProperty("git.commit.time", ""),
        Boolean.parseBoolean(git.getProperty("git.dirty", "false")),
        build.getProperty("build.time", ""));
  }

  /** For the log: {@code 0.1.0 (commit 1a2b3c4, built 2026-12-07T10:00:00Z)}. */
  public String describe() {
    return version
        + " (commit "
        + commit
        + (dirty ? " with uncommitted changes" : "")
        + (buildTime.isEmpty() ? "" : ", built " + buildTime)
        + ")";
  }

  private static Properties read(ClassLoader loader, String name) {
    Properties p = new Properties();
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from the class path", e);
    }
    return p;
  }
}
