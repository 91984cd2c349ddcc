package io.waymark.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release bundle the build makes (waymark-VERSION.tar.gz), unpacked and run the way its README
 * says: {@code ./waymark run}, with Maven and npm out of reach and structured JSON logs switched
 * on. It must start from the jar it carries, name its version and commit, answer events, and stop
 * cleanly; without a Java 21 it must say what to install.
 */
class BundleIT {

  private static Path bundle;

  @BeforeAll
  static void unpack() throws IOException {
    Path archive = Path.of(System.getProperty("waymark.bundle"));
    assertThat(archive).as("the build makes the bundle in package").exists();
    Path dir = Files.createTempDirectory("waymark-bundle-");
    Commands.run(
            Duration.ofMinutes(3), List.of("tar", "-xzf", archive.toString(), "-C", dir.toString()))
        .orFail("tar -xzf " + archive);
    bundle = dir.resolve("waymark-" + System.getProperty("waymark.version"));
  }

  @Test
  void holdsTheJarsTheLauncherTheLicenceTheDocsAndAnExampleConfiguration() throws IOException {
    assertThat(Files.isExecutable(bundle.resolve("waymark"))).isTrue();
    assertThat(bundle.resolve("lib/waymark-server.jar")).isNotEmptyFile();
    assertThat(bundle.resolve("lib/waymark-generator.jar")).isNotEmptyFile();
    assertThat(bundle.resolve("pom.xml")).doesNotExist();
    assertThat(Files.readString(bundle.resolve("LICENSE")))
        .contains("Apache License")
        .contains("Version 2.0, January 2004")
        .contains("END OF TERMS AND CONDITIONS");
    assertThat(Files.readString(bundle.resolve("CHANGELOG.md")))
        .contains(System.getProperty("waymark.version").replace("-SNAPSHOT", ""));
    assertThat(bundle.resolve("config/application.example.yml")).isNotEmptyFile();
    for (String doc : List.of("README.md", "docs/operations.md", "docs/api.md")) {
      assertThat(bundle.resolve(doc)).isNotEmptyFile();
    }
    for (String file :
        List.of(
            "Dockerfile",
            "compose.yaml",
            "deploy/kubernetes/overlays/embedded/kustomization.yaml",
            "deploy/docker/healthcheck")) {
      assertThat(bundle.resolve(file)).isNotEmptyFile();
    }
    assertThat(Files.isExecutable(bundle.resolve("deploy/docker/healthcheck"))).isTrue();
  }

  @Test
  void runsWithoutMavenOrNpmLogsJsonAndStopsCleanly() throws Exception {
    Path tools = Files.createTempDirectory("waymark-no-build-tools-");
    Path called = tools.resolve("called");
    // Maven and npm first on the PATH, recording any call: the bundle must never build.
    for (String tool : List.of("mvn", "npm")) {
      Path fake = tools.resolve(tool);
      Files.writeString(fake, "#!/bin/sh\necho " + tool + " >> '" + called + "'\nexit 1\n");
      Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    int[] ports = Http.freePorts(3);
    Path data = Files.createTempDirectory("waymark-bundle-data-");
    Path stdout = data.resolve("stdout.log");
    Path stderr = data.resolve("stderr.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                bundle.resolve("waymark").toString(),
                "run",
                "--waymark.data-dir=" + data,
                "--server.port=" + ports[0],
                "--server.address=127.0.0.1",
                "--waymark.collector.port=" + ports[1],
                "--waymark.collector.host=127.0.0.1",
                "--management.server.port=" + ports[2],
                "--waymark.store.memory-limit=512MB")
            .directory(data.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> env = pb.environment();
    env.put("PATH", tools + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("WAYMARK_JAVA_OPTS", "-Xmx1g -XX:+UseG1GC");
    env.put("WAYMARK_LOG_FORMAT", "ecs");
    env.put("WAYMARK_INGEST_KEY", Keys.INGEST);
    env.put("WAYMARK_ADMIN_KEY", Keys.ADMIN);
    env.put("WAYMARK_ADMIN_PASSWORD", Keys.PASSWORD);
    long t0 = System.nanoTime();
    Process server = pb.start();
    try {
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                if (!server.isAlive()) {
                  throw new AssertionError(
                      "the bundle's server exited with "
                          + server.exitValue()
                          + ":\n"
                          + Files.readString(stderr)
                          + Files.readString(stdout));
                }
                return Http.status(ports[0], "/actuator/health/readiness") == 200;
              });
      System.out.printf("bundle: ready in %d s%n", Podman.seconds(t0));
      assertThat(called).as("./waymark run in a bundle calls neither Maven nor npm").doesNotExist();

      // The version and commit in /actuator/info (management port) and in the API.
      JsonNode info = Http.get(ports[2], "/actuator/info", null).json();
      assertThat(info.at("/build/version").asText())
          .isEqualTo(System.getProperty("waymark.version"));
      String commit = info.at("/git/commit/id").asText();
      // A commit of this repository: HEAD when the jar was built from this checkout as it is, an
      // ancestor of HEAD when commits were made after the jar was built.
      if (isGitCheckout()) {
        assertThat(commit).matches("[0-9a-f]{7,40}");
        assertThat(git("merge-base", "--is-ancestor", commit, "HEAD").exit())
            .as("commit %s is HEAD or one of its ancestors", commit)
            .isZero();
      }

      Shopper.roundTrip(ports[1], ports[0], "bundle-shopper");
    } finally {
      server.destroy(); // SIGTERM: the launcher exec'd java, so this is the server itself
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
    assertThat(server.exitValue()).as("ended by SIGTERM after a clean shutdown").isEqualTo(143);

    // Structured logs: every line on stdout is one JSON object (ECS).
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        lines.add(Http.JSON.readTree(line));
      }
    }
    assertThat(lines).hasSizeGreaterThan(10);
    JsonNode starting =
        lines.stream()
            .filter(l -> l.path("message").asText().contains("starting on Java"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no start line in " + stdout));
    // ECS: "log.level" (Spring Boot 3.4) or {"log": {"level": ...}} (3.5, nested).
    assertThat(ecs(starting, "log", "level")).isEqualTo("INFO");
    assertThat(ecs(starting, "log", "logger")).isEqualTo("io.waymark.operations.LifecycleLog");
    assertThat(starting.has("@timestamp")).isTrue();
    assertThat(starting.path("message").asText())
        .startsWith("Waymark " + System.getProperty("waymark.version") + " (commit ");
    assertThat(lines.get(lines.size() - 1).path("message").asText())
        .startsWith("Waymark stopped cleanly in");
  }

  @Test
  void withoutJava21ItSaysWhatToInstallOnEachSystem() throws Exception {
    // A Java 17 first on the PATH and nothing else to be found.
    Path fakeJdk = Files.createTempDirectory("waymark-old-java-");
    Path java = Files.createDirectories(fakeJdk.resolve("bin")).resolve("java");
    Files.writeString(
        java, "#!/bin/sh\necho '    java.specification.version = 17' >&2\necho 'java 17' >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Commands.Result r =
        Commands.run(
            Duration.ofSeconds(60),
            List.of(bundle.resolve("waymark").toString(), "run"),
            Map.of(
                "PATH",
                fakeJdk.resolve("bin") + ":/usr/bin:/bin",
                "JAVA_HOME",
                "",
                "WAYMARK_JAVA_DIRS",
                fakeJdk.resolve("nothing-here").toString()),
            bundle);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.output())
        .contains("needs Java 21 or newer")
        .contains("Found: Java 17")
        .contains("openjdk-21-jre-headless")
        .contains("temurin-21-jre")
        .contains("java-21-openjdk-headless")
        .contains("brew install --cask temurin@21")
        .contains("WSL")
        .contains("docker build -t waymark .");
  }

  private static String ecs(JsonNode line, String group, String field) {
    JsonNode flat = line.get(group + "." + field);
    return flat != null ? flat.asText() : line.path(group).path(field).asText();
  }

  private static boolean isGitCheckout() {
    return Commands.onPath("git") && Files.exists(Podman.repositoryRoot().resolve(".git"));
  }

  private static Commands.Result git(String... args) {
    List<String> command =
        new ArrayList<>(List.of("git", "-C", Podman.repositoryRoot().toString()));
    command.addAll(List.of(args));
    return Commands.run(Duration.ofSeconds(30), command);
  }
}
