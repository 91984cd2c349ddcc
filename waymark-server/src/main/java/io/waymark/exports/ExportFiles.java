package io.waymark.exports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The files Waymark keeps for exports: {@code
 * <data-dir>/exports/<export-id>/<date>/<dataset>.<ext>}. A run writes into a staging folder next
 * to them and renames each finished file into place, so a reader sees the old file or the new one,
 * never half of one. One lock serialises runs, erasures and the retention sweep over these files.
 */
final class ExportFiles {

  private final Path root;
  final ReentrantLock lock = new ReentrantLock();

  ExportFiles(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the exports folder " + root, e);
    }
  }

  Path root() {
    return root;
  }

  /** Where the kept file of an export's day lives (it may not exist). */
  Path kept(String exportId, LocalDate day, String fileName) {
    return root.resolve(exportId).resolve(day.toString()).resolve(fileName);
  }

  /** A fresh staging folder for one run. */
  Path staging(String exportId, String runId) throws IOException {
    Path dir = root.resolve(exportId).resolve(".staging-" + runId);
    deleteTree(dir);
    return Files.createDirectories(dir);
  }

  /**
   * Moves the staged files into the day's folder (each rename atomic, replacing the old file) and
   * removes files of the day this run did not write, so a re-run replaces the day's files.
   */
  void publish(String exportId, LocalDate day, Path staging, Set<String> names) throws IOException {
    Path dir = Files.createDirectories(root.resolve(exportId).resolve(day.toString()));
    for (String name : names) {
      Files.move(
          staging.resolve(name),
          dir.resolve(name),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (!names.contains(f.getFileName().toString())) {
          Files.deleteIfExists(f);
        }
      }
    }
    deleteTree(staging);
  }

  /** Every kept file (not staging), for erasure. */
  List<Path> allKept() {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.getParent().getFileName().toString().startsWith(".staging-"))
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the kept export files under " + root, e);
    }
    return out;
  }

  /** Deletes the days older than {@code oldest}; returns how many day folders went. */
  int deleteDaysBefore(LocalDate oldest) throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> exports = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path export : exports) {
        try (DirectoryStream<Path> days = Files.newDirectoryStream(export, Files::isDirectory)) {
          for (Path day : days) {
            LocalDate d = date(day.getFileName().toString());
            if (d != null && d.isBefore(oldest)) {
              deleteTree(day);
              deleted++;
            }
          }
        }
      }
    }
    return deleted;
  }

  /** Deletes everything kept for an export. */
  void deleteExport(String exportId) throws IOException {
    deleteTree(root.resolve(exportId));
  }

  /** Removes staging folders a stopped run left behind. */
  void deleteLeftovers() throws IOException {
    try (Stream<Path> s = Files.walk(root, 2)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".staging-")).toList()) {
        deleteTree(p);
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static LocalDate date(String s) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
