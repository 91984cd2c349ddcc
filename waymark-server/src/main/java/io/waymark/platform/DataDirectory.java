package io.waymark.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The directory under which the embedded default keeps everything: log, store and metadata. */
public record DataDirectory(Path root) {

  public DataDirectory {
    root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
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
}
