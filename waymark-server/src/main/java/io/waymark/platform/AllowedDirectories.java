package io.waymark.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Directories of the server that a feature may read or write (source inboxes, export targets). A
 * path is inside when it is inside by its name and still inside once every symbolic link on it is
 * resolved, so a link cannot lead out of the allowed tree.
 */
public record AllowedDirectories(List<Path> roots) {

  public AllowedDirectories {
    roots =
        roots == null
            ? List.of()
            : roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  public boolean isEmpty() {
    return roots.isEmpty();
  }

  /** Whether the normalized absolute {@code path} lies under a root by its name. */
  public boolean containsByName(Path path) {
    Path p = path.toAbsolutePath().normalize();
    return roots.stream().anyMatch(p::startsWith);
  }

  /**
   * Where {@code path} really leads when that is outside every root (through a symbolic link, or
   * because it is outside by name); empty when it stays inside. A path that does not exist yet is
   * judged by its nearest existing parent.
   */
  public Optional<Path> escape(Path path) {
    Path real = real(path.toAbsolutePath().normalize());
    for (Path root : roots) {
      if (real.startsWith(real(root))) {
        return Optional.empty();
      }
    }
    return Optional.of(real);
  }

  /** The path with every symbolic link resolved, as far as it exists. */
  static Path real(Path p) {
    return real(p, 0);
  }

  private static Path real(Path p, int depth) {
    Path existing = p;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return p;
    }
    Path rest = existing.relativize(p);
    try {
      return existing.toRealPath().resolve(rest).normalize();
    } catch (IOException e) {
      // A dangling link: judge it by where it points, as a write through it would go there.
      if (depth < 40 && Files.isSymbolicLink(existing)) {
        try {
          Path target = Files.readSymbolicLink(existing);
          Path base = existing.getParent() == null ? existing : existing.getParent();
          return real(base.resolve(target).resolve(rest).normalize(), depth + 1);
        } catch (IOException unreadable) {
          return p;
        }
      }
      return p;
    }
  }

  @Override
  public String toString() {
    return roots.toString();
  }
}
