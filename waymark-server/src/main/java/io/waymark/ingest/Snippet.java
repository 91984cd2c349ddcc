package io.waymark.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The browser tracking snippet ({@code static/waymark.js}), read once, served on both ports. */
public final class Snippet {

  public static final String PATH = "/waymark.js";
  public static final String CONTENT_TYPE = "application/javascript; charset=utf-8";

  /** Short enough that a new version reaches pages within minutes. */
  public static final String CACHE_CONTROL = "public, max-age=300";

  private static final String RESOURCE = "/static/waymark.js";
  private final byte[] bytes;

  private Snippet(byte[] bytes) {
    this.bytes = bytes;
  }

  static Snippet load() {
    try (InputStream in = Snippet.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the tracking snippet " + RESOURCE + " is missing from the jar; rebuild the server");
      }
      return new Snippet(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }
}
