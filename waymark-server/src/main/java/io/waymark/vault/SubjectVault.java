package io.waymark.vault;

import io.waymark.platform.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key per subject (a user id or an anonymous id), so that everything Waymark writes
 * about a person to Kafka and to the stream state can be made unreadable by destroying one key
 * (crypto-shredding). Records are keyed by a pseudonym, an HMAC of the subject under a secret of
 * this installation, so the log's keys do not name anyone either.
 *
 * <p>The keys live in one file of fixed-size slots. Destroying a key overwrites its slot with zeros
 * and forces the file to disk, which is what makes the erasure physical; new keys are written
 * through the page cache before the event that needs them is sent, which survives a process crash
 * exactly as the embedded broker's own log does. See docs/privacy.md.
 */
public final class SubjectVault implements AutoCloseable {

  /** First byte of a sealed value; no plain encoding on Waymark's topics starts with it. */
  static final byte SEALED = (byte) 0xE5;

  private static final byte FORMAT = 1;

  /**
   * A sealed value nested inside another, naming its own pseudonym (32 ASCII hex characters after
   * the two marker bytes): the layers of a value about several subjects.
   */
  private static final byte NESTED = 2;

  private static final int HEX_PSEUDONYM = 32;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER = 64;
  private static final int SLOT = 64;
  private static final int PSEUDONYM = 16;
  private static final int KEY = 32;
  private static final byte[] MAGIC = "WMVAULT1".getBytes(StandardCharsets.US_ASCII);
  private static final HexFormat HEX = HexFormat.of();

  private static final SecureRandom RANDOM = new SecureRandom();

  private final FileChannel file;
  private final ConcurrentHashMap<String, Entry> keys = new ConcurrentHashMap<>();
  private final ArrayDeque<Long> freeSlots = new ArrayDeque<>();
  private final ThreadLocal<Mac> macs;
  private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(SubjectVault::newCipher);
  private final ThreadLocal<Nonces> nonces = ThreadLocal.withInitial(Nonces::new);
  private long slots;

  private record Entry(long slot, SecretKeySpec key) {}

  private SubjectVault(FileChannel file, byte[] secret) {
    this.file = file;
    SecretKeySpec macKey = new SecretKeySpec(secret, "HmacSHA256");
    this.macs = ThreadLocal.withInitial(() -> newMac(macKey));
  }

  /** Opens (or creates) the vault file {@code subject-keys.bin} under {@code dir}. */
  public static SubjectVault open(Path dir) {
    try {
      Files.createDirectories(dir);
      Path path = dir.resolve("subject-keys.bin");
      boolean fresh = !Files.exists(path) || Files.size(path) < HEADER;
      FileChannel ch =
          FileChannel.open(
              path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      DataDirectory.ownerOnly(dir); // the keys of everyone: 700 and 600, whatever the umask
      byte[] secret = fresh ? create(ch) : readHeader(ch, path);
      SubjectVault v = new SubjectVault(ch, secret);
      v.load();
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the subject key vault in " + dir, e);
    }
  }

  private static byte[] create(FileChannel ch) throws IOException {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    ByteBuffer h = ByteBuffer.allocate(HEADER);
    h.put(MAGIC).put(secret);
    h.clear();
    ch.truncate(0);
    ch.write(h, 0);
    ch.force(true);
    return secret;
  }

  private static byte[] readHeader(FileChannel ch, Path path) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(HEADER);
    ch.read(h, 0);
    byte[] magic = new byte[MAGIC.length];
    h.flip();
    h.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IOException(
          path
              + " is not a Waymark key vault; restore it from backup or move it away (all"
              + " logged events become unreadable without it)");
    }
    byte[] secret = new byte[32];
    h.get(secret);
    return secret;
  }

  private void load() throws IOException {
    long size = file.size();
    slots = (size - HEADER) / SLOT;
    ByteBuffer b = ByteBuffer.allocate(SLOT);
    for (long i = 0; i < slots; i++) {
      b.clear();
      file.read(b, HEADER + i * SLOT);
      b.flip();
      if (b.get() != 1) {
        freeSlots.add(i);
        continue;
      }
      byte[] p = new byte[PSEUDONYM];
      byte[] k = new byte[KEY];
      b.get(p).get(k);
      keys.put(HEX.formatHex(p), new Entry(i, new SecretKeySpec(k, "AES")));
    }
  }

  /** The pseudonym records about {@code subject} are keyed by: 32 hex characters. */
  public String pseudonym(String subject) {
    byte[] mac = macs.get().doFinal(subject.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(mac, 0, PSEUDONYM);
  }

  /**
   * Encrypts {@code plain} with the key of {@code pseudonym} (see {@link #pseudonym}), creating the
   * key on first use.
   */
  public byte[] seal(String pseudonym, byte[] plain) {
    Entry e = keys.get(pseudonym);
    if (e == null) {
      e = create(pseudonym);
    }
    return seal(pseudonym, e.key, plain);
  }

  /**
   * Encrypts {@code plain} so that it can be read only while every one of {@code pseudonyms} still
   * has its key (creating keys on first use): a layer per subject, the outermost under the first
   * one, which is the record's key on the log. Destroying any one of the keys makes it unreadable.
   */
  public byte[] sealForAll(java.util.List<String> pseudonyms, byte[] plain) {
    byte[] value = plain;
    for (int i = pseudonyms.size() - 1; i >= 1; i--) {
      String p = pseudonyms.get(i);
      Entry e = keys.get(p);
      if (e == null) {
        e = create(p);
      }
      byte[] inner = seal(p, e.key, value);
      byte[] nested = new byte[2 + HEX_PSEUDONYM + inner.length - 2];
      nested[0] = SEALED;
      nested[1] = NESTED;
      System.arraycopy(p.getBytes(StandardCharsets.US_ASCII), 0, nested, 2, HEX_PSEUDONYM);
      System.arraycopy(inner, 2, nested, 2 + HEX_PSEUDONYM, inner.length - 2);
      value = nested;
    }
    return seal(pseudonyms.get(0), value);
  }

  /**
   * Encrypts with the key of an existing pseudonym; null when that key was destroyed (the subject
   * was erased), so the caller must not keep the value.
   */
  public byte[] sealExisting(String pseudonym, byte[] plain) {
    Entry e = keys.get(pseudonym);
    return e == null ? null : seal(pseudonym, e.key, plain);
  }

  /**
   * The plain bytes of a value read back from the log or the state: a value that is not sealed is
   * returned as it is; null when its key was destroyed.
   */
  public byte[] open(String pseudonym, byte[] value) {
    if (!isSealed(value)) {
      return value;
    }
    byte[] plain = open(pseudonym, value, 2);
    while (plain != null && isNested(plain)) {
      String inner = new String(plain, 2, HEX_PSEUDONYM, StandardCharsets.US_ASCII);
      plain = open(inner, plain, 2 + HEX_PSEUDONYM);
    }
    return plain;
  }

  private static boolean isNested(byte[] value) {
    return value.length > 2 + HEX_PSEUDONYM + NONCE && value[0] == SEALED && value[1] == NESTED;
  }

  /** Decrypts the nonce and ciphertext that start at {@code at}; null when the key is gone. */
  private byte[] open(String pseudonym, byte[] value, int at) {
    Entry e = pseudonym == null ? null : keys.get(pseudonym);
    if (e == null) {
      return null;
    }
    try {
      Cipher c = ciphers.get();
      c.init(Cipher.DECRYPT_MODE, e.key, new GCMParameterSpec(TAG_BITS, value, at, NONCE));
      c.updateAAD(pseudonym.getBytes(StandardCharsets.US_ASCII));
      return c.doFinal(value, at + NONCE, value.length - at - NONCE);
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException(
          "a sealed value for pseudonym "
              + pseudonym
              + " does not decrypt with its key: the record was altered or keyed wrongly",
          ex);
    }
  }

  public static boolean isSealed(byte[] value) {
    return value != null && value.length > 2 + NONCE && value[0] == SEALED && value[1] == FORMAT;
  }

  /** Whether a key exists for the subject. */
  public boolean holds(String subject) {
    return keys.containsKey(pseudonym(subject));
  }

  public int size() {
    return keys.size();
  }

  /**
   * Destroys the subject's key: its slot is overwritten with zeros and the file forced to disk.
   * Every value sealed with it becomes unreadable. Returns whether a key existed.
   */
  public synchronized boolean destroy(String subject) {
    String p = pseudonym(subject);
    Entry e = keys.remove(p);
    if (e == null) {
      return false;
    }
    try {
      file.write(ByteBuffer.allocate(SLOT), HEADER + e.slot * SLOT);
      file.force(false);
    } catch (IOException ex) {
      keys.put(p, e);
      throw new UncheckedIOException("could not overwrite the key of pseudonym " + p, ex);
    }
    freeSlots.add(e.slot);
    return true;
  }

  private synchronized Entry create(String p) {
    Entry e = keys.get(p);
    if (e != null) {
      return e;
    }
    byte[] k = new byte[KEY];
    RANDOM.nextBytes(k);
    Long free = freeSlots.poll();
    long slot = free != null ? free : slots++;
    ByteBuffer b = ByteBuffer.allocate(SLOT);
    b.put((byte) 1).put(HEX.parseHex(p)).put(k);
    b.clear();
    try {
      file.write(b, HEADER + slot * SLOT);
    } catch (IOException ex) {
      if (free != null) {
        freeSlots.addFirst(free);
      }
      throw new UncheckedIOException(
          "could not store a new subject key in the vault; check the disk of the data directory",
          ex);
    }
    e = new Entry(slot, new SecretKeySpec(k, "AES"));
    keys.put(p, e);
    return e;
  }

  private byte[] seal(String pseudonym, SecretKeySpec key, byte[] plain) {
    byte[] out = new byte[2 + NONCE + plain.length + TAG_BITS / 8];
    out[0] = SEALED;
    out[1] = FORMAT;
    byte[] nonce = nonces.get().next();
    System.arraycopy(nonce, 0, out, 2, NONCE);
    try {
      Cipher c = ciphers.get();
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(pseudonym.getBytes(StandardCharsets.US_ASCII));
      c.doFinal(plain, 0, plain.length, out, 2 + NONCE);
      return out;
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", ex);
    }
  }

  /**
   * GCM nonces of one thread: a random 64-bit prefix drawn from {@link SecureRandom} and a 32-bit
   * counter, with a fresh prefix before the counter wraps. Every nonce a generator hands out is
   * distinct, and two generators collide only if their random prefixes do (2^-64 per pair), which
   * keeps the uniqueness GCM needs per key while drawing from the system's entropy source once per
   * 2^32 values instead of once per value (that draw was two thirds of the cost of sealing).
   */
  static final class Nonces {
    private final byte[] nonce = new byte[NONCE];
    private long counter = 1L << 32;

    byte[] next() {
      if (counter == 1L << 32) {
        RANDOM.nextBytes(nonce);
        counter = 0;
      }
      int c = (int) counter++;
      nonce[8] = (byte) (c >>> 24);
      nonce[9] = (byte) (c >>> 16);
      nonce[10] = (byte) (c >>> 8);
      nonce[11] = (byte) c;
      return nonce;
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** Forces newly created keys to disk (also done on close). */
  public void sync() {
    try {
      file.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("could not force the subject key vault to disk", e);
    }
  }

  @Override
  public void close() {
    try {
      file.force(true);
      file.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not close the subject key vault", e);
    }
  }
}
