package io.waymark.generator.simulation;

import io.waymark.generator.event.Event;
import io.waymark.generator.shop.Catalogue;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * An endless, deterministic stream of shopper events in event-time order. Every shopper plans a
 * session ahead on its own seeded generator; a priority queue on the shoppers' next event times
 * merges them, so virtual time never depends on the wall clock.
 */
public final class ShopperSimulation implements Iterator<Event> {

  private static final int PROFILE_SAMPLE = 2000;
  private static final Comparator<Shopper> BY_NEXT_EVENT =
      Comparator.comparing(Shopper::nextTime).thenComparingInt(Shopper::slot);

  private final PriorityQueue<Shopper> queue = new PriorityQueue<>(BY_NEXT_EVENT);

  public ShopperSimulation(SimulationSettings settings, Catalogue catalogue) {
    SplittableRandom master = new SplittableRandom(settings.seed());
    int bots = settings.bots();
    long spreadMillis = settings.meanSessionGap().toMillis();
    for (int slot = 0; slot < settings.users(); slot++) {
      SplittableRandom random = master.split();
      // First sessions are spread over one mean gap, so the stream starts in a steady state.
      Duration offset = Duration.ofMillis(random.nextLong(spreadMillis));
      queue.add(
          new Shopper(
              slot,
              random,
              slot < bots,
              settings.meanSessionGap(),
              catalogue,
              settings.start().plus(offset)));
    }
  }

  /** Always true: shoppers keep coming back, and new visitors replace those who don't. */
  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Event next() {
    Shopper shopper = queue.remove();
    Event event = shopper.next();
    queue.add(shopper);
    return event;
  }

  /** The events as an endless stream; limit it. */
  public Stream<Event> stream() {
    return Stream.generate(this::next);
  }

  /** Samples first sessions of a population like the given one to measure an average session. */
  public static SessionProfile profile(SimulationSettings settings, Catalogue catalogue) {
    SplittableRandom master = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
    int bots = (int) Math.ceil(PROFILE_SAMPLE * settings.botFraction() - 1e-9);
    long events = 0;
    long millis = 0;
    for (int i = 0; i < PROFILE_SAMPLE; i++) {
      Shopper s =
          new Shopper(
              i, master.split(), i < bots, settings.meanSessionGap(), catalogue, settings.start());
      events += s.pendingEvents();
      millis += s.pendingDuration().toMillis();
    }
    return new SessionProfile(
        (double) events / PROFILE_SAMPLE, Duration.ofMillis(millis / PROFILE_SAMPLE));
  }
}
