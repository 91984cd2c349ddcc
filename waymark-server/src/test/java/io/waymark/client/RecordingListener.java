package io.waymark.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every outcome the client reports, as readable lines. */
final class RecordingListener implements ClientListener {

  final List<String> rejected = new CopyOnWriteArrayList<>();
  final List<String> dropped = new CopyOnWriteArrayList<>();
  final List<String> failed = new CopyOnWriteArrayList<>();
  final List<String> retries = new CopyOnWriteArrayList<>();

  @Override
  public void rejected(Event event, String field, String reason) {
    rejected.add(event.eventId() + " " + field + ": " + reason);
  }

  @Override
  public void dropped(Event event, String reason) {
    dropped.add(event.eventId() + " " + reason);
  }

  @Override
  public void retrying(int attempt, java.time.Duration wait, String problem) {
    retries.add(attempt + " " + wait + " " + problem);
  }

  @Override
  public void failed(List<Event> events, int status, String reason) {
    failed.add(events.size() + " events, HTTP " + status + ": " + reason);
  }
}
