package io.waymark.alerts;

import java.io.IOException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** This instance's subscribers to live alerts (server-sent events, event name 'alert'). */
final class AlertPush {

  private final CopyOnWriteArrayList<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
  private final Function<Alert, Object> view;

  AlertPush(Function<Alert, Object> view) {
    this.view = view;
  }

  /** Pushes alerts to {@code emitter} until it ends (its limits are {@code EventStreams}'). */
  SseEmitter subscribe(SseEmitter emitter) {
    subscribers.add(emitter);
    emitter.onCompletion(() -> subscribers.remove(emitter));
    emitter.onTimeout(() -> subscribers.remove(emitter));
    emitter.onError(e -> subscribers.remove(emitter));
    try {
      emitter.send(SseEmitter.event().comment("subscribed"));
    } catch (IOException | IllegalStateException e) {
      subscribers.remove(emitter);
    }
    return emitter;
  }

  void push(Alert a) {
    if (subscribers.isEmpty()) {
      return;
    }
    SseEmitter.SseEventBuilder event =
        SseEmitter.event()
            .name("alert")
            .id(a.id().toString())
            .data(view.apply(a), MediaType.APPLICATION_JSON);
    for (SseEmitter s : subscribers) {
      try {
        s.send(event);
      } catch (IOException | IllegalStateException gone) {
        subscribers.remove(s);
      }
    }
  }

  int subscribers() {
    return subscribers.size();
  }
}
