package io.waymark.vault;

import io.waymark.platform.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The installation's master key: encrypts the secrets Waymark keeps in its metadata database
 * (webhook signing secrets, source authorization headers) with AES-256-GCM, so a copy of the
 * database or a dump of its tables does not give them away. A sealed value is text, {@code
 * wmenc:v1:<key id>:<base64 of nonce, ciphertext and tag>}, bound to what it is (its {@code
 * context}, such as {@code "webhooks.secret"}); the key id (8 hex characters of a hash of the key)
 * tells a wrong key from a damaged value. Values that are not sealed are read as they are, so rows
 * written before encryption keep working until the start-up pass seals them.
 */
public final class MasterKey {

  static final String PREFIX = "wmenc:v1:";
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final String id;

  private MasterKey(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException(
          "the master key must be 32 bytes (base64 of 32 random bytes, e.g. from"
              + " `openssl rand -base64 32`), got "
              + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
    this.id = id(key);
  }

  /** A key from its base64 text (as in {@code WAYMARK_MASTER_KEY} or a key file). */
  public static MasterKey fromBase64(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the master key is not base64 text; generate one with `openssl rand -base64 32`");
    }
    return new MasterKey(bytes);
  }

  /**
   * The key the settings name: the environment's, a file's, or the data directory's own (created
   * with mode 600 on first start); refuses to start, saying what to set, when none is given and
   * generating is off.
   */
  public static MasterKey load(MasterKeySettings s, DataDirectory dataDir) {
    if (!s.masterKey().isBlank()) {
      return named("WAYMARK_MASTER_KEY (waymark.master-key)", s.masterKey());
    }
    if (s.masterKeyFile() != null) {
      return named("waymark.master-key-file " + s.masterKeyFile(), read(s.masterKeyFile()));
    }
    if (!s.masterKeyGenerate()) {
      throw new IllegalStateException(
          "no master key: set WAYMARK_MASTER_KEY (32 random bytes in base64, e.g. `openssl rand"
              + " -base64 32`) or waymark.master-key-file, the same on every instance, and keep it"
              + " apart from the data and its backups");
    }
    Path file = dataDir.resolve("master.key");
    if (!Files.exists(file)) {
      byte[] k = new byte[32];
      RANDOM.nextBytes(k);
      try {
        Files.writeString(
            file,
            Base64.getEncoder().encodeToString(k) + "\n",
            StandardCharsets.US_ASCII,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.SYNC);
        DataDirectory.ownerOnly(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the master key " + file, e);
      }
    }
    return named("the master key file " + file, read(file));
  }

  private static MasterKey named(String where, String text) {
    try {
      return fromBase64(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the master key file " + file + "; check the path and its permissions", e);
    }
  }

  /** The key's id, written into every value it seals. */
  public String id() {
    return id;
  }

  /** Whether {@code stored} was sealed (by this key or another). */
  public static boolean isSealed(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  /** Encrypts {@code plain} for the place {@code context} names; null stays null. */
  public String seal(String plain, String context) {
    if (plain == null) {
      return null;
    }
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE);
      System.arraycopy(sealed, 0, out, NONCE, sealed.length);
      return PREFIX + id + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * The plain text of a stored value: a sealed one is decrypted (it must have been sealed by this
   * key for this {@code context}), any other is returned as it is.
   */
  public String open(String stored, String context) {
    if (!isSealed(stored)) {
      return stored;
    }
    int colon = stored.indexOf(':', PREFIX.length());
    String keyId = colon < 0 ? "" : stored.substring(PREFIX.length(), colon);
    if (!keyId.equals(id)) {
      throw new IllegalStateException(
          "a "
              + context
              + " value was encrypted with master key "
              + keyId
              + ", but this instance has master key "
              + id
              + "; start it with the key the data was written with (WAYMARK_MASTER_KEY,"
              + " waymark.master-key-file or <data-dir>/master.key)");
    }
    try {
      byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "a " + context + " value does not decrypt with its master key: it was altered", e);
    }
  }

  private static String id(byte[] key) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update("waymark master key id".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(d.digest(key), 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
