package io.waymark.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory under which the embedded default keeps everything: log, store and metadata. It is
 * made owner-only (700) at every start, whatever the umask, and what it already holds is tightened
 * to 700 for directories and 600 for files: the broker, H2, DuckDB and RocksDB create their files
 * with the process's umask (often 644), and an owner-only root is what keeps those unreadable to
 * other users of the machine.
 */
public record DataDirectory(Path root) {

  private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
  static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  public DataDirectory {
    root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
      ownerOnly(root);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the data directory "
              + root
              + "; set --waymark.data-dir to a writable path",
          e);
    }
  }

  public Path resolve(String child) {
    return root.resolve(child);
  }

  /**
   * Makes {@code root} (a directory with everything under it, or one file) owner-only: directories
   * 700, files 600, not following symbolic links; a file system without POSIX permissions is left
   * as it is.
   */
  public static void ownerOnly(Path root) throws IOException {
    if (!Files.getFileStore(root).supportsFileAttributeView("posix")) {
      return;
    }
    int[] tightened = {0};
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a)
              throws IOException {
            tighten(dir, OWNER_DIR, tightened);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
            if (a.isRegularFile()) {
              tighten(file, OWNER_FILE, tightened);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // vanished meanwhile (a broker's temporary file)
          }
        });
    if (tightened[0] > 0) {
      log.info(
          "{}: {} files and directories were readable by other users and are now" + " owner-only",
          root,
          tightened[0]);
    }
  }

  private static void tighten(Path p, Set<PosixFilePermission> wanted, int[] count)
      throws IOException {
    Set<PosixFilePermission> now = Files.getPosixFilePermissions(p);
    if (now.stream().anyMatch(OTHERS::contains)) {
      Set<PosixFilePermission> kept = EnumSet.copyOf(now);
      kept.removeAll(OTHERS);
      kept.addAll(wanted);
      Files.setPosixFilePermissions(p, kept);
      count[0]++;
    }
  }
}
