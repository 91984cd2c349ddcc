package io.waymark.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The repository's checkout (tests run in a module folder) and running its tools on it. */
final class Repo {

  private Repo() {}

  /** The repository root: the first parent folder holding the {@code waymark} launcher. */
  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("waymark"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "not inside the Waymark repository: " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /** Whether {@code command} is an executable on the PATH. */
  static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /** A finished command: exit code and its output (stdout and stderr together). */
  record Run(int exit, String output) {}

  /** Runs a command in {@code dir} and waits at most two minutes for it. */
  static Run run(Path dir, String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(new ArrayList<>(List.of(command)))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
