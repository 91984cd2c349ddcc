package io.waymark.dist;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Containers for the tests, with podman (docs/operations.md; the machine's notes in MACHINE.md):
 * the runc runtime, host networking, no image registry. The image under test is built from the
 * repository's Dockerfile on a base made here from Debian packages (debootstrap) plus this JVM's
 * own runtime, because the Dockerfile's default base cannot be pulled. The base is built once and
 * kept (as a podman image, and its root file system under {@link #cacheDir()}); {@code
 * WAYMARK_IT_BASE} names another base, e.g. {@code eclipse-temurin:21-jre} where a registry is
 * reachable.
 */
final class Podman {

  /** .ci/run sets it: there a missing podman is a failure, not a skipped test. */
  static final boolean CI = "1".equals(System.getenv("WAYMARK_CI"));

  private static final Set<String> DEVELOPMENT_MODULES =
      Set.of(
          "jdk.compiler",
          "jdk.javadoc",
          "jdk.jshell",
          "jdk.jlink",
          "jdk.jpackage",
          "jdk.jdeps",
          "jdk.jconsole",
          "jdk.jstatd",
          "jdk.hotspot.agent",
          "jdk.editpad",
          "jdk.internal.ed",
          "jdk.internal.le",
          "jdk.internal.opt",
          "jdk.jartool",
          "jdk.jdi",
          "jdk.jdwp.agent");

  private static String image;

  private Podman() {}

  /** Skips the test (fails it in CI) when podman cannot run containers here, saying why. */
  static void assumeAvailable() {
    String why = unavailableBecause();
    if (why == null) {
      return;
    }
    if (CI) {
      fail("the container tests need podman in CI (.ci/run installs it): " + why);
    }
    Assumptions.assumeTrue(
        false,
        "podman cannot run containers here ("
            + why
            + "); .ci/run installs podman, runc and debootstrap and writes"
            + " /etc/containers/containers.conf");
  }

  private static String unavailableBecause() {
    if (!Commands.onPath("podman")) {
      return "podman is not installed";
    }
    Commands.Result info = podman(Duration.ofSeconds(60), "info");
    if (info.exit() != 0) {
      return "podman info failed: " + info.tail();
    }
    if (System.getenv("WAYMARK_IT_BASE") == null
        && podman(Duration.ofSeconds(30), "image", "exists", baseTag()).exit() != 0
        && !Commands.onPath("debootstrap")
        && !Files.isExecutable(Path.of("/usr/sbin/debootstrap"))) {
      return "no base image and no debootstrap to build one";
    }
    return null;
  }

  static Commands.Result podman(Duration limit, String... args) {
    List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc"));
    command.addAll(List.of(args));
    return Commands.run(limit, command);
  }

  /** The image under test: the repository's Dockerfile on the test base; built once per JVM. */
  static synchronized String image() {
    if (image == null) {
      String base = base();
      String tag = "localhost/waymark-it:" + ProcessHandle.current().pid();
      long t0 = System.nanoTime();
      podman(
              Duration.ofMinutes(15),
              "build",
              // No cached stage images: each run would leave the unpacking stage (~800 MB) behind.
              "--layers=false",
              "--format",
              "docker",
              "--network",
              "host",
              "--build-arg",
              "BASE=" + base,
              "-t",
              tag,
              repositoryRoot().toString())
          .orFail("podman build of the Dockerfile");
      System.out.printf("image %s built in %d s%n", tag, seconds(t0));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> podman(Duration.ofMinutes(2), "rmi", "-f", tag), "remove-image"));
      image = tag;
    }
    return image;
  }

  static Path repositoryRoot() {
    return Path.of(System.getProperty("waymark.root", "..")).toAbsolutePath().normalize();
  }

  private static String baseTag() {
    return "localhost/waymark-it-base:bookworm-java" + Runtime.version().feature();
  }

  /** A Debian 12 root file system with this JVM's runtime at /opt/java/openjdk, as an image. */
  private static String base() {
    String given = System.getenv("WAYMARK_IT_BASE");
    if (given != null && !given.isBlank()) {
      return given;
    }
    String tag = baseTag();
    if (podman(Duration.ofSeconds(30), "image", "exists", tag).exit() == 0) {
      return tag;
    }
    long t0 = System.nanoTime();
    Path cache = cacheDir();
    Path rootfs = cache.resolve("debian-bookworm-minbase");
    if (!Files.exists(rootfs.resolve(".complete"))) {
      Commands.run(Duration.ofMinutes(1), List.of("rm", "-rf", rootfs.toString()));
      String mirror =
          System.getenv().getOrDefault("WAYMARK_DEBIAN_MIRROR", "http://deb.debian.org/debian");
      Commands.run(
              Duration.ofMinutes(20),
              List.of("debootstrap", "--variant=minbase", "bookworm", rootfs.toString(), mirror))
          .orFail("debootstrap of Debian 12 into " + rootfs);
      touch(rootfs.resolve(".complete"));
    }
    String jreName = "jre-" + Runtime.version();
    Path jre = cache.resolve(jreName);
    if (!Files.isExecutable(jre.resolve("bin/java"))) {
      Commands.run(Duration.ofMinutes(1), List.of("rm", "-rf", jre.toString()));
      Path javaHome = Path.of(System.getProperty("java.home"));
      String modules =
          ModuleFinder.ofSystem().findAll().stream()
              .map(ModuleReference::descriptor)
              .map(d -> d.name())
              .filter(m -> !DEVELOPMENT_MODULES.contains(m))
              .sorted()
              .collect(Collectors.joining(","));
      Commands.run(
              Duration.ofMinutes(10),
              List.of(
                  javaHome.resolve("bin/jlink").toString(),
                  "--add-modules",
                  modules,
                  "--strip-debug",
                  "--no-man-pages",
                  "--no-header-files",
                  "--output",
                  jre.toString()))
          .orFail("jlink of a runtime for the test base");
    }
    // One tar stream: the Debian tree, and the runtime renamed to /opt/java/openjdk (where the
    // public Temurin image has it).
    Commands.run(
            Duration.ofMinutes(10),
            List.of(
                "bash",
                "-c",
                "set -o pipefail; tar -C \"$1\" --exclude=./var/cache/apt --exclude=./usr/share/doc"
                    + " --exclude=./usr/share/man --exclude=./usr/share/locale -c ."
                    + " -C \"$2\" --transform \"s,^$3,./opt/java/openjdk,\" \"$3\""
                    + " | podman --runtime runc import"
                    + " --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'"
                    + " --change 'ENV JAVA_HOME=/opt/java/openjdk' - \"$4\"",
                "import-base",
                rootfs.toString(),
                cache.toString(),
                jreName,
                tag))
        .orFail("podman import of the test base");
    System.out.printf("test base %s built in %d s%n", tag, seconds(t0));
    return tag;
  }

  /**
   * Where the base's pieces are kept between tests and runs: {@code WAYMARK_CI_CACHE} (.ci/run sets
   * it), else {@code ~/.cache/waymark-it}. Never inside the repository.
   */
  static Path cacheDir() {
    String dir = System.getenv("WAYMARK_CI_CACHE");
    Path cache =
        dir == null || dir.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache", "waymark-it")
            : Path.of(dir);
    try {
      return Files.createDirectories(cache);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void touch(Path file) {
    try {
      Files.writeString(file, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000_000L;
  }
}
