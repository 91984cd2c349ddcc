package io.waymark.privacy;

import io.waymark.privacy.ErasureReport.HolderResult;
import io.waymark.privacy.ErasureRequest.Status;
import io.waymark.sessions.StreamsRuntime;
import io.waymark.store.AnalyticalStore;
import io.waymark.store.CompactionRun;
import io.waymark.store.StoreCompactor;
import io.waymark.store.StoreSink;
import io.waymark.vault.SubjectVault;
import io.waymark.vault.Suppressions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a person everywhere Waymark keeps data, one request at a time on a background thread:
 * resolve their identities, count what each holder keeps, suppress them if asked, drop the stream
 * state, destroy their keys, delete what is stored, then count again. A request that fails is
 * retried; every step is idempotent, so a retry (or a restart mid-way) finishes the job.
 */
public final class ErasureService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ErasureService.class);

  private final ErasureRequests requests;
  private final List<PersonalDataHolder> holders;
  private final AnalyticalStore store;
  private final Supplier<Optional<StreamsRuntime>> streams;
  private final SubjectVault vault;
  private final Suppressions suppressions;
  private final StoreSink sink;
  private final Supplier<Optional<StoreCompactor>> compactor;
  private final Clock clock;
  private final PrivacySettings settings;
  private final MetadataFile metadata;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("waymark-erasure").daemon().unstarted(r));

  ErasureService(
      ErasureRequests requests,
      List<PersonalDataHolder> holders,
      AnalyticalStore store,
      Supplier<Optional<StreamsRuntime>> streams,
      SubjectVault vault,
      Suppressions suppressions,
      StoreSink sink,
      Supplier<Optional<StoreCompactor>> compactor,
      Clock clock,
      PrivacySettings settings,
      MetadataFile metadata) {
    this.metadata = metadata;
    this.compactor = compactor;
    this.requests = requests;
    this.holders = ordered(holders);
    this.store = store;
    this.streams = streams;
    this.vault = vault;
    this.suppressions = suppressions;
    this.sink = sink;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Stream state first, then keys, then stored data; identity links last of all, so a retry can
   * still resolve the anonymous ids from them.
   */
  private static List<PersonalDataHolder> ordered(List<PersonalDataHolder> holders) {
    return holders.stream()
        .sorted(
            Comparator.comparing(PersonalDataHolder::phase)
                .thenComparing(h -> h.holderName().equals("store.identity_links"))
                .thenComparing(PersonalDataHolder::holderName))
        .toList();
  }

  /** Names of the places an erasure covers, in the order it erases them. */
  public List<String> holderNames() {
    return holders.stream().map(PersonalDataHolder::holderName).toList();
  }

  /**
   * Records a request and starts it. While the user has a request pending or running, that one is
   * returned instead: asking twice erases once.
   */
  public synchronized ErasureRequest request(String userId, boolean suppress, String by) {
    String pseudonym = vault.pseudonym(userId);
    Optional<ErasureRequest> open = requests.openFor(pseudonym);
    if (open.isPresent()) {
      return open.get();
    }
    ErasureRequest r =
        new ErasureRequest(
            UUID.randomUUID().toString(),
            userId,
            pseudonym,
            by,
            clock.instant(),
            suppress,
            Status.PENDING,
            "queued",
            0,
            clock.instant(),
            null,
            null,
            null);
    requests.insert(r);
    log.info("erasure {} requested by {} (suppress: {})", r.id(), by, suppress);
    worker.execute(() -> run(r.id()));
    return requests.find(r.id()).orElseThrow();
  }

  public Optional<ErasureRequest> find(String id) {
    return requests.find(id);
  }

  /** Newest first; {@code user} (a user id, found by its pseudonym) filters when not null. */
  public List<ErasureRequest> list(String user, Long beforeMillis, int limit) {
    return requests.list(user == null ? null : vault.pseudonym(user), beforeMillis, limit);
  }

  /** Runs a failed request again; returns it, or empty when there is no such request. */
  public synchronized Optional<ErasureRequest> retry(String id) {
    Optional<ErasureRequest> r = requests.find(id);
    if (r.isPresent() && r.get().status() == Status.FAILED) {
      requests.progress(id, Status.PENDING, "queued for retry", clock.instant());
      worker.execute(() -> run(id));
      return requests.find(id);
    }
    return r;
  }

  /**
   * Picks up requests a stopped or crashed instance left open, after giving requests written before
   * pseudonyms theirs (and rewriting the metadata file, so their ids are gone from it).
   */
  public void resumeOpen() {
    int earlier = requests.pseudonymiseEarlier(vault::pseudonym);
    if (earlier > 0) {
      worker.execute(
          () -> {
            try {
              metadata.rewrite();
              log.info("{} erasure requests now name their user by pseudonym", earlier);
            } catch (RuntimeException e) {
              log.warn("could not rewrite the metadata database's file: {}", e.getMessage());
            }
          });
    }
    for (ErasureRequest r : requests.open()) {
      log.info("resuming erasure {} (was {} at '{}')", r.id(), r.status(), r.step());
      worker.execute(() -> run(r.id()));
    }
  }

  private void run(String id) {
    ErasureRequest r = requests.find(id).orElse(null);
    if (r == null || !r.status().open()) {
      return;
    }
    requests.started(id, clock.instant());
    if (r.userId() == null) {
      complete(id, r.report()); // verified and forgotten before a stop: only the rewrite was left
      return;
    }
    int attempt = r.attempts() + 1;
    ErasureReport report = null;
    String error;
    try {
      report = erase(r);
      if (report.verified()) {
        complete(id, report);
        return;
      }
      error = "the verification found data left behind (see the report's remaining counts)";
    } catch (RuntimeException e) {
      error = e.getMessage() == null ? e.toString() : e.getMessage();
      log.warn("erasure {} attempt {} failed: {}", id, attempt, error, e);
    }
    if (attempt >= settings.maxAttempts()) {
      log.error(
          "erasure {} failed after {} attempts: {}. Fix the cause and retry it with POST"
              + " /api/v1/privacy/erasures/{}/retry",
          id,
          attempt,
          error,
          id);
      requests.finished(id, Status.FAILED, "failed", error, report, clock.instant(), now());
      return;
    }
    requests.finished(
        id,
        Status.PENDING,
        "attempt " + attempt + " failed; retrying in " + settings.retryDelay().toSeconds() + " s",
        error,
        report,
        clock.instant(),
        null);
    worker.schedule(() -> run(id), settings.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The erasure is verified: the request forgets the user id (its audit keeps the pseudonym), then
   * the metadata database's file is rewritten, so neither a row nor a free page of it still holds
   * the id, a deleted alert or a deleted quarantine decision (H2 keeps old row versions).
   */
  private void complete(String id, ErasureReport report) {
    requests.forget(id, "rewriting the metadata database's file", report, clock.instant());
    String step = "done";
    try {
      metadata.rewrite();
    } catch (RuntimeException e) {
      log.warn("erasure {}: {}", id, e.getMessage());
      step = "done; the metadata database's file was not rewritten: " + e.getMessage();
    }
    requests.finished(id, Status.COMPLETED, step, null, report, clock.instant(), now());
    log.info("erasure {} completed and verified", id);
  }

  private java.time.Instant now() {
    return clock.instant();
  }

  private ErasureReport erase(ErasureRequest r) {
    step(r, "resolving identities");
    ErasureSubject subject = new ErasureSubject(r.userId(), identities(r));
    List<Long> found = new ArrayList<>();
    for (PersonalDataHolder h : holders) {
      step(r, "counting in " + h.holderName());
      found.add(h.count(subject));
    }
    if (r.suppress()) {
      subject.identities().forEach(i -> suppressions.add(vault.pseudonym(i)));
    }
    List<Long> deleted = new ArrayList<>();
    for (int i = 0; i < holders.size(); i++) {
      PersonalDataHolder h = holders.get(i);
      if (h.phase() == PersonalDataHolder.Phase.STORED
          && (i == 0 || holders.get(i - 1).phase() != PersonalDataHolder.Phase.STORED)) {
        step(r, "waiting for the store sink's batches in flight");
        if (!sink.awaitBatchesInFlight(settings.sinkTimeout())) {
          throw new IllegalStateException(
              "the store sink did not finish its current batch within "
                  + settings.sinkTimeout()
                  + "; check the store's health (sinkError) and retry");
        }
      }
      step(r, (i + 1) + "/" + holders.size() + " erasing " + h.holderName());
      deleted.add(h.erase(subject));
    }
    step(r, "purging deleted rows from the store's files (checkpoint and compaction)");
    store.purgeDeleted();
    compactor
        .get()
        .ifPresent(
            c -> {
              CompactionRun run = c.compactNow("erasure " + r.id());
              if (run.status() != CompactionRun.Status.SUCCEEDED) {
                throw new IllegalStateException(
                    "the compaction that purges deleted rows from the store's file failed: "
                        + run.error());
              }
            });
    step(r, "verifying");
    List<HolderResult> results = new ArrayList<>();
    boolean clean = true;
    for (int i = 0; i < holders.size(); i++) {
      PersonalDataHolder h = holders.get(i);
      long remaining = h.count(subject);
      clean &= remaining == 0;
      results.add(new HolderResult(h.holderName(), found.get(i), deleted.get(i), remaining));
    }
    return new ErasureReport(
        subject.identities().size(), results, r.suppress(), clean, ErasureReport.LOG_MECHANISM);
  }

  /** The user id, the anonymous ids linked to it, and those an earlier attempt found. */
  private List<String> identities(ErasureRequest r) {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(r.userId());
    ids.addAll(requests.identities(r.id()));
    ids.addAll(store.linkedAnonymousIds(r.userId()));
    streams
        .get()
        .ifPresent(
            s -> {
              try {
                s.behaviourOf(r.userId()).ifPresent(b -> ids.addAll(b.linkedAnonymousIds()));
              } catch (IllegalStateException notQueryable) {
                throw new IllegalStateException(
                    "cannot read the user's links from the stream state yet: "
                        + notQueryable.getMessage());
              }
            });
    List<String> all = List.copyOf(ids);
    requests.identities(r.id(), all);
    return all;
  }

  private void step(ErasureRequest r, String step) {
    requests.progress(r.id(), Status.RUNNING, step, clock.instant());
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
