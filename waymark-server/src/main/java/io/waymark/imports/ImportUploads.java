package io.waymark.imports;

import io.waymark.platform.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Uploaded files under {@code <data dir>/imports}, one per job, streamed to disk as they arrive so
 * a large file is never held in memory.
 */
final class ImportUploads {

  private final Path dir;
  private final long maxBytes;

  ImportUploads(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the imports directory " + dir, e);
    }
  }

  long maxBytes() {
    return maxBytes;
  }

  /** Refuses a declared size over the limit before reading anything. */
  void checkDeclared(long declared) {
    if (declared > maxBytes) {
      throw tooLarge();
    }
  }

  private ApiException tooLarge() {
    return new ApiException(
        413,
        "body",
        "the file is larger than the limit of "
            + maxBytes
            + " bytes (waymark.imports.max-file-size); split it into smaller files");
  }

  /** Streams the upload to the job's file; returns its size. Refuses empty and oversize files. */
  long save(String id, InputStream in) throws IOException {
    Path file = file(id);
    long n = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
        n += r;
        if (n > maxBytes) {
          throw tooLarge();
        }
        out.write(buf, 0, r);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    if (n == 0) {
      Files.deleteIfExists(file);
      throw ApiException.badRequest(
          "body", "is empty: send the file as the request body (or multipart field 'file')");
    }
    return n;
  }

  Path file(String id) {
    return dir.resolve(id + ".upload");
  }

  /** Deletes files left by jobs that a stop interrupted. */
  void deleteLeftovers() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.upload")) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    }
  }
}
