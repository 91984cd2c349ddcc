package io.waymark.vault;

import io.waymark.platform.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pseudonyms of erased people who asked not to be tracked again: the collector accepts their events
 * (there is nothing for the sender to fix) but does not log them. Only pseudonyms are kept, one per
 * line in {@code suppressed.txt}, so the list names nobody.
 */
public final class Suppressions {

  private final Path file;
  private final Set<String> pseudonyms = ConcurrentHashMap.newKeySet();

  public Suppressions(Path dir) {
    this.file = dir.resolve("suppressed.txt");
    try {
      Files.createDirectories(dir);
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
          if (!line.isBlank()) {
            pseudonyms.add(line.trim());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the suppression list " + file, e);
    }
  }

  public boolean contains(String pseudonym) {
    return !pseudonyms.isEmpty() && pseudonyms.contains(pseudonym);
  }

  /** Adds the pseudonym (durably) and returns whether it was new. */
  public synchronized boolean add(String pseudonym) {
    if (pseudonyms.contains(pseudonym)) {
      return false;
    }
    try {
      Files.writeString(
          file,
          pseudonym + "\n",
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
      DataDirectory.ownerOnly(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the suppression list " + file, e);
    }
    pseudonyms.add(pseudonym);
    return true;
  }

  public int size() {
    return pseudonyms.size();
  }
}
