package io.waymark.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the commands the deployment tests need (tar, podman, docker-compose) with a time limit. */
final class Commands {

  private Commands() {}

  /** What a command printed (stdout and stderr together) and how it ended. */
  record Result(int exit, String output) {
    Result orFail(String what) {
      if (exit != 0) {
        throw new AssertionError(what + " failed with exit code " + exit + ":\n" + tail());
      }
      return this;
    }

    String tail() {
      List<String> lines = output.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
  }

  static Result run(Duration limit, List<String> command) {
    return run(limit, command, Map.of(), null);
  }

  static Result run(Duration limit, List<String> command, Map<String, String> env, Path dir) {
    try {
      Path out = Files.createTempFile("waymark-cmd-", ".log");
      try {
        ProcessBuilder pb =
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(env);
        if (dir != null) {
          pb.directory(dir.toFile());
        }
        Process p = pb.start();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new AssertionError(
              String.join(" ", command)
                  + " did not finish within "
                  + limit
                  + ":\n"
                  + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code name} is an executable on the PATH. */
  static boolean onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }
}
