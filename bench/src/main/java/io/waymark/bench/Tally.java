package io.waymark.bench;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What a load run observed: latencies, outcomes and acknowledged events.
 *
 * <p>Each worker fills its own tally on its event loop; tallies are merged after the run.
 */
final class Tally {

  private static final int SAMPLE_CHARS = 300;

  final Histogram latencyMicros = new Histogram(3);
  final Map<Integer, Long> statuses = new TreeMap<>();
  final Map<String, Long> failures = new TreeMap<>();
  long ok;
  long acceptedEvents;
  long rejectedEvents;
  long firstStartNanos = Long.MAX_VALUE;
  long lastEndNanos = Long.MIN_VALUE;
  String sampleOkBody;
  String sampleProblem;

  void started(long nanos) {
    firstStartNanos = Math.min(firstStartNanos, nanos);
  }

  /** Records one completed request; latency runs from {@code fromNanos} to {@code endNanos}. */
  void completed(long fromNanos, long endNanos) {
    latencyMicros.recordValue(Math.max(0, (endNanos - fromNanos) / 1000));
    lastEndNanos = Math.max(lastEndNanos, endNanos);
  }

  void response(int status, String body, boolean countsAcceptedEvents) {
    statuses.merge(status, 1L, Long::sum);
    if (status != 200) {
      sample("HTTP " + status + ": " + body);
      return;
    }
    ok++;
    if (sampleOkBody == null) {
      sampleOkBody = shorten(body);
    }
    if (countsAcceptedEvents) {
      long accepted = jsonCount(body, "accepted");
      long rejected = jsonCount(body, "rejected");
      acceptedEvents += Math.max(0, accepted);
      rejectedEvents += Math.max(0, rejected);
      if (rejected > 0) {
        sample("events rejected: " + body);
      }
    }
  }

  void failed(Throwable cause) {
    String what = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    failures.merge(cause.getClass().getSimpleName(), 1L, Long::sum);
    sample(what);
  }

  long requests() {
    return latencyMicros.getTotalCount();
  }

  long nonOk() {
    return statuses.entrySet().stream()
        .filter(e -> e.getKey() != 200)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  long failedRequests() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Requests that did not end in a 200 (error status or no answer at all). */
  long problems() {
    return nonOk() + failedRequests();
  }

  double seconds() {
    return lastEndNanos <= firstStartNanos ? 0 : (lastEndNanos - firstStartNanos) / 1e9;
  }

  double requestsPerSecond() {
    double s = seconds();
    return s == 0 ? 0 : requests() / s;
  }

  double acceptedPerSecond() {
    double s = seconds();
    return s == 0 ? 0 : acceptedEvents / s;
  }

  void merge(Tally other) {
    latencyMicros.add(other.latencyMicros);
    other.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
    other.failures.forEach((k, v) -> failures.merge(k, v, Long::sum));
    ok += other.ok;
    acceptedEvents += other.acceptedEvents;
    rejectedEvents += other.rejectedEvents;
    firstStartNanos = Math.min(firstStartNanos, other.firstStartNanos);
    lastEndNanos = Math.max(lastEndNanos, other.lastEndNanos);
    sampleOkBody = sampleOkBody != null ? sampleOkBody : other.sampleOkBody;
    sampleProblem = sampleProblem != null ? sampleProblem : other.sampleProblem;
  }

  /**
   * The whole number after {@code "field":} in a small JSON object, or -1 when absent. Cheaper than
   * a JSON parse per response, and the collector's answer is a flat object.
   */
  static long jsonCount(String json, String field) {
    int at = json.indexOf('"' + field + '"');
    if (at < 0) {
      return -1;
    }
    int i = at + field.length() + 2;
    while (i < json.length() && (json.charAt(i) == ':' || Character.isWhitespace(json.charAt(i)))) {
      i++;
    }
    long value = 0;
    int digits = 0;
    while (i < json.length() && Character.isDigit(json.charAt(i))) {
      value = value * 10 + (json.charAt(i++) - '0');
      digits++;
    }
    return digits == 0 ? -1 : value;
  }

  private void sample(String problem) {
    if (sampleProblem == null) {
      sampleProblem = shorten(problem);
    }
  }

  private static String shorten(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= SAMPLE_CHARS ? oneLine : oneLine.substring(0, SAMPLE_CHARS) + "...";
  }
}
