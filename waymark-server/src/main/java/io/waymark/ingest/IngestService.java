package io.waymark.ingest;

import io.waymark.admin.ApiKeyPrincipal;
import io.waymark.admin.ApiKeys;
import io.waymark.admin.Role;
import io.waymark.eventlog.EventLog;
import io.waymark.events.Event;
import io.waymark.vault.SubjectVault;
import io.waymark.vault.Suppressions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's core, independent of any HTTP server: authenticate, rate-limit, decode, validate,
 * append the valid events to the log and quarantine the rest. The answer completes only once Kafka
 * has acknowledged every accepted event.
 */
public final class IngestService {

  private static final Logger log = LoggerFactory.getLogger(IngestService.class);

  private final CollectorSettings settings;
  private final ApiKeys keys;
  private final EventLog eventLog;
  private final String eventsTopic;
  private final Quarantine quarantine;
  private final EventDecoder decoder;
  private final TokenBuckets rateLimits = new TokenBuckets(System::nanoTime);
  private final CollectorMetrics metrics;
  private final Clock clock;
  private final SubjectVault vault;
  private final Suppressions suppressions;
  private final Backfill backfill;
  private final UnauthenticatedRequests unauthenticated;
  private final InFlightBytes inFlight;

  IngestService(
      CollectorSettings settings,
      ApiKeys keys,
      EventLog eventLog,
      String eventsTopic,
      Quarantine quarantine,
      CollectorMetrics metrics,
      SubjectVault vault,
      Suppressions suppressions,
      Clock clock) {
    this.vault = vault;
    this.suppressions = suppressions;
    this.settings = settings;
    this.keys = keys;
    this.eventLog = eventLog;
    this.eventsTopic = eventsTopic;
    this.quarantine = quarantine;
    this.metrics = metrics;
    this.clock = clock;
    EventRules rules = new EventRules(settings.maxFutureSkew(), settings.maxEventAge());
    this.decoder =
        new EventDecoder(
            rules, (int) settings.maxEventBytes().toBytes(), settings.maxEventsPerRequest());
    this.backfill = new Backfill(eventLog, eventsTopic, quarantine, settings, vault, suppressions);
    this.unauthenticated =
        new UnauthenticatedRequests(settings.unauthenticatedSample(), System::nanoTime);
    this.inFlight = new InFlightBytes(settings.limits().maxInFlightBytes().toBytes());
  }

  /**
   * The trusted entry point of bulk imports (the caller has authorised the import): checks the
   * events of a file, appends the valid ones to the log as backfill under {@code source} and
   * quarantines the rest, with no rate limit, budget or age limit. Completes when Kafka has
   * acknowledged every write.
   */
  public CompletableFuture<Backfill.Outcome> importEvents(List<Backfill.Row> rows, String source) {
    return backfill.events(rows, source, clock.millis());
  }

  /** Quarantines rows a bulk import refused (transactions, tickets, products), all of them. */
  public CompletableFuture<Void> quarantineImported(
      List<Backfill.Rejected> rejected, String source) {
    return backfill.quarantine(rejected, source, clock.millis());
  }

  public long maxBodyBytes() {
    return settings.maxBodyBytes().toBytes();
  }

  /**
   * The origin a CORS preflight may be answered for, or null to refuse it. With {@code ?key=} the
   * key's own origins count; without, the origins any key allows.
   */
  public String preflight(String origin, String queryKey, String host) {
    if (origin == null) {
      return null;
    }
    if (Cors.sameOrigin(origin, host)) {
      return origin;
    }
    if (queryKey != null) {
      return preflightFor(origin, keys.authenticate(queryKey), host);
    }
    return keys.anyKeyAllows(origin) ? origin : null;
  }

  /** {@link #preflight} for a request whose {@code ?key=} was already looked up. */
  String preflightFor(String origin, Optional<ApiKeyPrincipal> key, String host) {
    if (origin == null) {
      return null;
    }
    if (Cors.sameOrigin(origin, host)) {
      return origin;
    }
    return key.filter(k -> allows(k, origin)).map(k -> origin).orElse(null);
  }

  private static boolean allows(ApiKeyPrincipal k, String origin) {
    return k.origins().contains(origin.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * The key a request's headers name: the {@code Authorization: Bearer} token, else the {@code
   * ?key=} parameter (browsers); null when there is none.
   */
  static String presentedKey(String authorization, String queryKey) {
    if (hasBearer(authorization)) {
      return authorization.substring(7).trim();
    }
    return queryKey == null ? null : queryKey.trim();
  }

  /**
   * The key without blocking: the cache's answer, empty when there is no key, or null when it needs
   * a database lookup ({@link #lookUpKey}, off any event loop).
   */
  Optional<ApiKeyPrincipal> cachedKey(String presented) {
    return presented == null ? Optional.empty() : keys.cached(presented);
  }

  /** The key, looked up in the database when the cache does not know it (blocks). */
  Optional<ApiKeyPrincipal> lookUpKey(String presented) {
    return presented == null ? Optional.empty() : keys.authenticate(presented);
  }

  /**
   * The answer to a request whose key is missing or unknown, decided from its headers alone (call
   * it before reading the body, which is never read or kept): 401, counted by endpoint and reason,
   * and sampled in memory for admins (decision 42). Nothing reaches the quarantine or the vault.
   */
  IngestResponse refuseUnauthenticated(IngestRequest r, String userAgent) {
    boolean inQuery = !hasBearer(r.authorization()) && r.queryKey() != null;
    boolean missing =
        (r.authorization() == null || r.authorization().isBlank()) && r.queryKey() == null;
    String reason =
        missing
            ? "missing API key: send 'Authorization: Bearer <ingest key>' (browsers: ?key=<ingest"
                + " key>)"
            : "unknown or revoked API key";
    String field = inQuery ? "key" : "authorization";
    UnauthenticatedRequests.Reason why =
        missing
            ? UnauthenticatedRequests.Reason.MISSING_KEY
            : UnauthenticatedRequests.Reason.UNKNOWN_KEY;
    metrics.unauthenticated(r.endpoint(), why);
    metrics.recorded(r.endpoint(), 401, 0, 0);
    unauthenticated.sample(
        clock.millis(),
        r.endpoint(),
        why,
        presentedKey(r.authorization(), r.queryKey()),
        r.remoteAddress(),
        r.origin(),
        userAgent,
        r.declaredLength());
    IngestResponse answer =
        new IngestResponse(
            401,
            0,
            ResponseBodies.failure(
                reason, 0, List.of(new ResponseBodies.ItemError(null, field, reason, null)), null));
    return r.origin() == null ? answer : answer.withAllowOrigin(r.origin());
  }

  /**
   * The answer to a request turned away before its body was read because the collector is at one of
   * its limits ({@code limit} names the setting): 503 with Retry-After, nothing acknowledged.
   */
  IngestResponse overloaded(IngestRequest r, String limit) {
    metrics.overloaded(limit);
    metrics.recorded(r.endpoint(), 503, 0, 0);
    String msg =
        "the collector is at its limit ("
            + limit
            + "); nothing in this request was read or acknowledged: retry after 1 s";
    IngestResponse answer =
        new IngestResponse(503, 1, ResponseBodies.failure(msg, 0, List.of(), null));
    return r.origin() == null ? answer : answer.withAllowOrigin(r.origin());
  }

  /** Request-body bytes held by both ports' collector endpoints (one budget). */
  InFlightBytes inFlight() {
    return inFlight;
  }

  /**
   * The bytes to reserve for a body of {@code declared} bytes before reading it: all of it up to
   * the body limit, only the quarantined part beyond it, and nothing up front for a body of unknown
   * length (reserve its chunks as they come).
   */
  long bytesToHold(long declared) {
    if (declared < 0) {
      return 0;
    }
    return declared > maxBodyBytes() ? Quarantine.MAX_PAYLOAD_CHARS : declared;
  }

  /** The requests refused for a missing or unknown key that are kept as a sample. */
  UnauthenticatedRequests unauthenticatedRequests() {
    return unauthenticated;
  }

  /**
   * Handles a request whose key {@code k} is valid. A browser's answer always names its origin, so
   * the snippet can read a refusal and stop retrying; what enforces the key's origins is that their
   * events are refused.
   */
  CompletableFuture<IngestResponse> handle(IngestRequest r, ApiKeyPrincipal k) {
    long start = System.nanoTime(); // a duration for the ack latency metric, not processing time
    CompletableFuture<IngestResponse> answer = decide(r, k);
    answer.thenAccept(
        a -> {
          if (a.status() == 200) {
            metrics.ackLatency(System.nanoTime() - start);
          }
        });
    return r.origin() == null ? answer : answer.thenApply(a -> a.withAllowOrigin(r.origin()));
  }

  private CompletableFuture<IngestResponse> decide(IngestRequest r, ApiKeyPrincipal k) {
    long receivedAt = clock.millis();
    boolean inQuery = !hasBearer(r.authorization()) && r.queryKey() != null;
    if (inQuery && k.role() != Role.INGEST) {
      return refuse(
          r,
          receivedAt,
          k,
          401,
          "key",
          "only ingest keys may be sent as ?key= (URLs end up in logs); send other keys as"
              + " 'Authorization: Bearer <key>'",
          0);
    }
    if (k.role() != Role.INGEST && k.role() != Role.ADMIN) {
      return refuse(r, receivedAt, k, 403, "authorization", "this key may not write events", 0);
    }
    if (r.origin() != null && !Cors.sameOrigin(r.origin(), r.host()) && !allows(k, r.origin())) {
      return refuse(r, receivedAt, k, 403, "origin", Cors.refusalReason(r.origin()), 0);
    }
    return admit(r, receivedAt, k);
  }

  private CompletableFuture<IngestResponse> admit(
      IngestRequest r, long receivedAt, ApiKeyPrincipal k) {
    if (r.declaredLength() > maxBodyBytes()) {
      BodyException e = BodyException.tooLarge(r.declaredLength(), maxBodyBytes());
      return refuse(r, receivedAt, k, e.status(), e.field(), e.getMessage(), 0);
    }
    double rate = k.rateLimit() != null ? k.rateLimit() : settings.rateLimit().eventsPerSecond();
    double burst = k.rateLimitBurst() != null ? k.rateLimitBurst() : burstFor(rate);
    TokenBuckets.Admission admission = rateLimits.admit(k.id(), rate, burst);
    if (!admission.admitted()) {
      return refuse(
          r,
          receivedAt,
          k,
          429,
          "authorization",
          "rate limit of "
              + rate
              + " events/s for key "
              + k.prefix()
              + "... exceeded; retry after "
              + admission.retryAfterSeconds()
              + " s",
          admission.retryAfterSeconds());
    }
    EventDecoder.Decoded decoded;
    try {
      decoded = decode(r, receivedAt);
    } catch (BodyException e) {
      return refuse(r, receivedAt, k, e.status(), e.field(), e.getMessage(), 0);
    }
    rateLimits.charge(k.id(), decoded.total());
    return append(r, receivedAt, k, decoded);
  }

  /** A key's bucket holds as many seconds of its rate as the default bucket does. */
  double burstFor(double rate) {
    CollectorSettings.RateLimit d = settings.rateLimit();
    return Math.max(1, rate * d.burst() / d.eventsPerSecond());
  }

  private static boolean hasBearer(String authorization) {
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  /** The token of an {@code Authorization: Bearer} header, or null. */
  static String bearerToken(String authorization) {
    return hasBearer(authorization) ? authorization.substring(7).trim() : null;
  }

  private EventDecoder.Decoded decode(IngestRequest r, long receivedAt) {
    String source = "http:" + r.endpoint().path();
    return switch (r.endpoint()) {
      case EVENTS -> decoder.decodeJson(r.body(), Dialect.STANDARD, receivedAt, source);
      case PAGE -> decoder.decodeJson(r.body(), Dialect.PAGE, receivedAt, source);
      case BATCH -> decoder.decodeNdjson(r.body(), receivedAt, source);
    };
  }

  /**
   * A quarantined payload to run again through the collector: the source it was first sent to
   * ({@code http:<endpoint path>}), and {@code whole} when it is a whole request body rather than
   * one element of one.
   */
  record Resubmission(UUID quarantineId, String source, boolean whole, String payload) {}

  /** The appended events, or every field error when any event is still invalid (none appended). */
  record Resubmitted(List<Event> events, List<ResponseBodies.ItemError> errors) {}

  /** Whether a payload from this source can be resubmitted: it came to a collector endpoint. */
  static boolean resubmittable(String source) {
    return endpointOf(source) != null;
  }

  private static Endpoint endpointOf(String source) {
    for (Endpoint e : Endpoint.values()) {
      if (("http:" + e.path()).equals(source)) {
        return e;
      }
    }
    return null;
  }

  /**
   * Validates the payload with the same decoding and rules as the endpoint it was sent to, at the
   * current processing time, and appends its events only when all of them are valid. Events sent
   * without an {@code event_id} get ids derived from the quarantine id, so resubmitting the same
   * payload twice appends the same ids (the store keeps each once). Rate limits and the quarantine
   * do not apply: a reviewer is acting, not a client. Completes once Kafka acknowledged.
   */
  CompletableFuture<Resubmitted> resubmit(Resubmission r) {
    Endpoint endpoint = endpointOf(r.source());
    if (endpoint == null) {
      throw new IllegalArgumentException("not a collector source: " + r.source());
    }
    int[] n = {0};
    EventDecoder replayDecoder =
        new EventDecoder(
            new EventRules(
                settings.maxFutureSkew(),
                settings.maxEventAge(),
                () ->
                    UUID.nameUUIDFromBytes(
                        (r.quarantineId() + "#" + n[0]++).getBytes(StandardCharsets.UTF_8))),
            (int) settings.maxEventBytes().toBytes(),
            settings.maxEventsPerRequest());
    long receivedAt = clock.millis();
    String source = "quarantine:" + r.quarantineId();
    byte[] body = r.payload().getBytes(StandardCharsets.UTF_8);
    EventDecoder.Decoded decoded;
    try {
      if (body.length > maxBodyBytes()) {
        throw BodyException.tooLarge(body.length, maxBodyBytes());
      }
      decoded =
          endpoint == Endpoint.BATCH && r.whole()
              ? replayDecoder.decodeNdjson(body, receivedAt, source)
              : replayDecoder.decodeJson(
                  body,
                  endpoint == Endpoint.PAGE ? Dialect.PAGE : Dialect.STANDARD,
                  receivedAt,
                  source);
    } catch (BodyException e) {
      return CompletableFuture.completedFuture(
          new Resubmitted(
              List.of(),
              List.of(new ResponseBodies.ItemError(null, e.field(), e.getMessage(), null))));
    }
    if (!decoded.rejected().isEmpty()) {
      List<ResponseBodies.ItemError> errors = new ArrayList<>();
      for (EventDecoder.Rejection rej : decoded.rejected()) {
        Integer index = decoded.total() == 1 ? null : rej.index();
        for (FieldError fe : rej.errors()) {
          errors.add(new ResponseBodies.ItemError(index, fe.field(), fe.reason(), null));
        }
      }
      return CompletableFuture.completedFuture(new Resubmitted(List.of(), errors));
    }
    return appendEvents(decoded.accepted())
        .thenApply(ok -> new Resubmitted(decoded.accepted(), List.of()));
  }

  private CompletableFuture<Void> appendEvents(List<Event> accepted) {
    SealedEvents sealed = SealedEvents.of(accepted, vault, suppressions);
    if (sealed.suppressed() > 0) {
      metrics.suppressed(sealed.suppressed());
    }
    return eventLog.appendAll(eventsTopic, sealed.times(), sealed.keys(), sealed.values());
  }

  private CompletableFuture<IngestResponse> append(
      IngestRequest r, long receivedAt, ApiKeyPrincipal k, EventDecoder.Decoded decoded) {
    List<Event> accepted = decoded.accepted();
    List<CompletableFuture<?>> writes = new ArrayList<>(1 + decoded.rejected().size());
    writes.add(appendEvents(accepted));
    List<ResponseBodies.ItemError> errors = new ArrayList<>();
    boolean tooLarge = false;
    for (EventDecoder.Rejection rej : decoded.rejected()) {
      UUID qid =
          quarantine.keep(
              new Quarantine.Refusal(
                  r,
                  receivedAt,
                  k,
                  400,
                  rej.errors(),
                  rej.index(),
                  rej.userKey(),
                  rej.raw(),
                  false),
              writes);
      tooLarge |= rej.tooLarge();
      for (FieldError fe : rej.errors()) {
        errors.add(new ResponseBodies.ItemError(rej.index(), fe.field(), fe.reason(), qid));
      }
    }
    int status = accepted.isEmpty() ? (tooLarge ? 413 : 400) : 200;
    int rejected = decoded.rejected().size();
    // No timeout of our own: the producer fails every write within its delivery timeout.
    return CompletableFuture.allOf(writes.toArray(CompletableFuture<?>[]::new))
        .handle(
            (ok, failure) -> {
              if (failure != null) {
                return logUnavailable(r, accepted.size(), failure);
              }
              metrics.recorded(r.endpoint(), status, accepted.size(), rejected);
              metrics.acknowledged(accepted);
              return new IngestResponse(
                  status, 0, ResponseBodies.results(accepted.size(), rejected, errors));
            });
  }

  private CompletableFuture<IngestResponse> refuse(
      IngestRequest r,
      long receivedAt,
      ApiKeyPrincipal k,
      int status,
      String field,
      String reason,
      long retryAfter) {
    List<FieldError> errors = List.of(new FieldError(field, reason));
    int kept = Math.min(r.body().length, Quarantine.MAX_PAYLOAD_CHARS);
    boolean truncated = r.declaredLength() > r.body().length || r.body().length > kept;
    List<CompletableFuture<?>> writes = new ArrayList<>(1);
    UUID quarantineId =
        quarantine.keep(
            new Quarantine.Refusal(
                r,
                receivedAt,
                k,
                status,
                errors,
                null,
                null,
                new String(r.body(), 0, kept, StandardCharsets.UTF_8),
                truncated),
            writes);
    byte[] body =
        ResponseBodies.failure(
            reason,
            0,
            List.of(new ResponseBodies.ItemError(null, field, reason, null)),
            quarantineId);
    return CompletableFuture.allOf(writes.toArray(CompletableFuture<?>[]::new))
        .handle(
            (ok, failure) -> {
              if (failure != null) {
                log.warn(
                    "could not quarantine a refused request to {}: {}",
                    r.endpoint().path(),
                    failure.toString());
              }
              metrics.recorded(r.endpoint(), status, 0, 0);
              return new IngestResponse(status, retryAfter, body);
            });
  }

  private IngestResponse logUnavailable(IngestRequest r, int events, Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    log.error(
        "event log did not acknowledge {} events from {} to {}: {}. The client was told to retry;"
            + " check the Kafka broker (health at /actuator/health).",
        events,
        io.waymark.platform.LogSafe.address(r.remoteAddress()),
        r.endpoint().path(),
        cause.toString());
    metrics.recorded(r.endpoint(), 503, 0, 0);
    String msg =
        "the event log did not acknowledge the events ("
            + cause.getClass().getSimpleName()
            + "); nothing in this request is acknowledged: retry with the same event_ids";
    return new IngestResponse(503, 1, ResponseBodies.failure(msg, 0, List.of(), null));
  }
}
