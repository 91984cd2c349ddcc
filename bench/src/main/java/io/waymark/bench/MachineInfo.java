package io.waymark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The machine a benchmark ran on, so that figures are never quoted without it. */
record MachineInfo(int cpus, String cpuModel, long memoryBytes, String serverJava, String os) {

  static MachineInfo probe(Path java) {
    return new MachineInfo(
        Runtime.getRuntime().availableProcessors(),
        procField(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU"),
        procField(Path.of("/proc/meminfo"), "MemTotal")
            .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) * 1024)
            .orElse(Runtime.getRuntime().maxMemory()),
        javaVersion(java),
        System.getProperty("os.name") + " " + System.getProperty("os.version"));
  }

  /** One markdown bullet list describing the machine. */
  String markdown() {
    return "- machine: "
        + cpus
        + " CPUs (nproc), "
        + cpuModel
        + ", "
        + Formats.bytes(memoryBytes)
        + " RAM, "
        + os
        + "\n- server java: "
        + serverJava
        + "\n- bench java: "
        + Runtime.version()
        + "\n";
  }

  static Optional<String> procField(Path file, String field) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals(field)) {
          return Optional.of(line.substring(colon + 1).trim());
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The first line {@code java -version} prints, e.g. {@code openjdk version "25.0.1"}. */
  private static String javaVersion(Path java) {
    try {
      Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
      List<String> lines =
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      p.waitFor(10, TimeUnit.SECONDS);
      return lines.isEmpty() ? "unknown" : lines.getFirst() + " (" + java + ")";
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
