package io.waymark.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Requests refused for a missing or unknown key: counted, and a small sample of the latest kept in
 * memory for admins (decision 42). They are answered from their headers alone, so nothing of their
 * body is read, kept, sealed or logged, and they reach neither Kafka nor the vault. Each client
 * address may add only a few entries per second, so one noisy client cannot fill the whole sample.
 */
final class UnauthenticatedRequests {

  /** Longest text kept of any header in a sample entry. */
  static final int MAX_TEXT = 200;

  /** Characters of a refused key kept: as many as the key prefix an admin sees for a real key. */
  static final int KEY_PREFIX = 14;

  /** Why a request was refused. */
  enum Reason {
    MISSING_KEY,
    UNKNOWN_KEY;

    /** As the API and the metric write it: {@code missing_key}, {@code unknown_key}. */
    @com.fasterxml.jackson.annotation.JsonValue
    String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One sampled refusal: when, where, why and from whom, never the body. */
  record Entry(
      long sequence,
      Instant receivedAt,
      String endpoint,
      Reason reason,
      String keyPrefix,
      String remoteAddress,
      String origin,
      String userAgent,
      long contentLength) {}

  private final AtomicReferenceArray<Entry> ring;
  private final AtomicLong sequence = new AtomicLong();
  private final LongAdder missing = new LongAdder();
  private final LongAdder unknown = new LongAdder();
  private final TokenBuckets perAddress;
  private final CollectorSettings.UnauthenticatedSample settings;

  UnauthenticatedRequests(CollectorSettings.UnauthenticatedSample settings, LongSupplier ticker) {
    this.settings = settings;
    this.ring = new AtomicReferenceArray<>(Math.max(1, settings.size()));
    this.perAddress = new TokenBuckets(ticker, settings.maxAddresses());
  }

  /**
   * Counts the refusal and adds it to the sample if its address has room; returns whether it was
   * kept.
   */
  boolean sample(
      long receivedAtMillis,
      Endpoint endpoint,
      Reason reason,
      String presentedKey,
      String remoteAddress,
      String origin,
      String userAgent,
      long contentLength) {
    (reason == Reason.MISSING_KEY ? missing : unknown).increment();
    String address = remoteAddress == null ? "unknown" : remoteAddress;
    if (!perAddress.tryTake(address, settings.perAddressPerSecond(), settings.perAddressBurst())) {
      return false;
    }
    long seq = sequence.incrementAndGet();
    ring.set(
        (int) (seq % ring.length()),
        new Entry(
            seq,
            Instant.ofEpochMilli(receivedAtMillis),
            endpoint.path(),
            reason,
            cut(presentedKey, KEY_PREFIX),
            cut(remoteAddress, MAX_TEXT),
            cut(origin, MAX_TEXT),
            cut(userAgent, MAX_TEXT),
            contentLength));
    return true;
  }

  /** The sampled entries, newest first. */
  List<Entry> latest() {
    List<Entry> out = new ArrayList<>(ring.length());
    for (int i = 0; i < ring.length(); i++) {
      Entry e = ring.get(i);
      if (e != null) {
        out.add(e);
      }
    }
    out.sort(Comparator.comparingLong(Entry::sequence).reversed());
    return out;
  }

  /** Refusals counted since start, by reason. */
  long refused(Reason reason) {
    return (reason == Reason.MISSING_KEY ? missing : unknown).sum();
  }

  int capacity() {
    return ring.length();
  }

  /** Client addresses currently tracked for the per-address limit (bounded). */
  int addressesTracked() {
    return perAddress.size();
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
