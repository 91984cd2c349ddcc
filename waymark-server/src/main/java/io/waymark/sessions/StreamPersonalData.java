package io.waymark.sessions;

import io.waymark.eventlog.EventLog;
import io.waymark.privacy.ErasureSubject;
import io.waymark.privacy.PersonalDataHolder;
import io.waymark.vault.EraseMarker;
import io.waymark.vault.SubjectVault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A person's entry in the stream's per-user state (sessions, alert windows, 7-day profile, links).
 * The state belongs to the stream threads, so an erasure appends a marker to the events topic under
 * each identity's pseudonym and waits until the processor, reaching it, has dropped the entry. Its
 * changelog then holds a tombstone; older changelog records stay sealed with the destroyed key.
 */
final class StreamPersonalData implements PersonalDataHolder {

  private final StreamsRuntime streams;
  private final EventLog log;
  private final String eventsTopic;
  private final SubjectVault vault;
  private final Duration timeout;

  StreamPersonalData(
      StreamsRuntime streams,
      EventLog log,
      String eventsTopic,
      SubjectVault vault,
      Duration timeout) {
    this.streams = streams;
    this.log = log;
    this.eventsTopic = eventsTopic;
    this.vault = vault;
    this.timeout = timeout;
  }

  @Override
  public String holderName() {
    return "stream.user_state";
  }

  @Override
  public long count(ErasureSubject subject) {
    return subject.identities().stream()
        .filter(id -> streams.holdsEntry(vault.pseudonym(id)))
        .count();
  }

  @Override
  public long erase(ErasureSubject subject) {
    List<String> held =
        subject.identities().stream().map(vault::pseudonym).filter(streams::holdsEntry).toList();
    // A marker for every identity, held or not: an event still on its way must not revive one.
    List<CompletableFuture<Void>> writes =
        subject.identities().stream()
            .map(
                id ->
                    log.append(
                        eventsTopic,
                        vault.pseudonym(id).getBytes(StandardCharsets.US_ASCII),
                        EraseMarker.value()))
            .toList();
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (held.stream().anyMatch(streams::holdsEntry)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the stream processor did not reach the erasure marker within "
                + timeout
                + " (it is lagging or stopped: see waymark_stream_lag_events); the request is"
                + " retried, and the entries stay sealed with keys about to be destroyed");
      }
      sleep();
    }
    return held.size();
  }

  @Override
  public Phase phase() {
    return Phase.STREAM;
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the stream processor", e);
    }
  }
}
