package io.waymark.vault;

/**
 * The value of the record an erasure appends to the events topic under the subject's pseudonym:
 * when the stream processor reaches it, everything it keeps for that pseudonym is dropped. It is
 * not sealed, so it is understood even after the subject's key is gone.
 */
public final class EraseMarker {

  private static final byte[] VALUE = {(byte) 0xE6, 1, 'e', 'r', 'a', 's', 'e'};

  private EraseMarker() {}

  public static byte[] value() {
    return VALUE.clone();
  }

  public static boolean is(byte[] value) {
    return java.util.Arrays.equals(value, VALUE);
  }
}
