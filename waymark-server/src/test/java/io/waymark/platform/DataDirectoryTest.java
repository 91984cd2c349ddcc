package io.waymark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory is owner-only whatever the umask and whatever it already holds. */
class DataDirectoryTest {

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aNewDataDirectoryIsOwnerOnly(@TempDir Path tmp) throws Exception {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    DataDirectory d = new DataDirectory(tmp.resolve("data"));
    assertThat(mode(d.root())).isEqualTo("rwx------");
  }

  @Test
  void whatTheEnginesLeftReadableIsTightenedAtStart(@TempDir Path tmp) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("data"));
    // As a broker, H2, DuckDB or RocksDB leave them under the common umask 022.
    Path kafka = Files.createDirectories(root.resolve("kafka/events-0"));
    Path segment = Files.writeString(kafka.resolve("00000000000000000000.log"), "x");
    Path meta =
        Files.writeString(
            Files.createDirectories(root.resolve("meta")).resolve("waymark.mv.db"), "x");
    Path script = Files.writeString(root.resolve("tool.sh"), "#!/bin/sh");
    for (Path p : new Path[] {root, root.resolve("kafka"), kafka, root.resolve("meta")}) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.setPosixFilePermissions(segment, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(meta, PosixFilePermissions.fromString("rw-rw-rw-"));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "not ours");
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
    Files.createSymbolicLink(root.resolve("link"), outside);

    new DataDirectory(root);

    assertThat(mode(root)).isEqualTo("rwx------");
    assertThat(mode(root.resolve("kafka"))).isEqualTo("rwx------");
    assertThat(mode(kafka)).isEqualTo("rwx------");
    assertThat(mode(segment)).isEqualTo("rw-------");
    assertThat(mode(meta)).isEqualTo("rw-------");
    assertThat(mode(script)).as("the owner keeps what it had").isEqualTo("rwx------");
    assertThat(mode(outside)).as("a link is not followed").isEqualTo("rw-r--r--");
  }
}
