package io.waymark.generator.send;

import io.waymark.client.WaymarkClient;
import io.waymark.generator.cli.Options;
import io.waymark.generator.cli.UsageException;
import io.waymark.generator.shop.Catalogue;
import io.waymark.generator.simulation.ShopperSimulation;
import io.waymark.generator.simulation.SimulationSettings;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code send}: streams simulated shopper events to a running Waymark in real time, paced to a
 * rate, until Ctrl-C or a number of events.
 */
public final class SendCommand {

  /** The option names {@code send} accepts. */
  public static final Set<String> OPTIONS = SendSettings.OPTIONS;

  static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private SendCommand() {}

  /** Runs the command; returns the process exit code. */
  public static int run(Options options, PrintStream err, Clock clock) throws UsageException {
    return run(options, err, clock, GIVE_UP_AFTER);
  }

  static int run(Options options, PrintStream err, Clock clock, Duration giveUpAfter)
      throws UsageException {
    SendSettings s = SendSettings.from(options);
    long seed =
        options.longValue("seed", new SecureRandom().nextLong(), Long.MIN_VALUE, Long.MAX_VALUE);
    Catalogue catalogue = Catalogue.standard();
    SimulationSettings sim =
        SimulationSettings.of(seed, clock.instant()).withUsers(s.users(), s.bots());
    // Spread sessions so simulated time runs about as fast as the wall clock at this rate.
    sim =
        sim.withMeanSessionGap(
            ShopperSimulation.profile(sim, catalogue).gapFor(s.users(), s.rate()));
    err.printf(
        "waymark-generator: sending to %s at %s events/s, %d users, seed %d%n",
        s.url().toString().replaceAll("/+$", "") + "/api/v1/events", s.rate(), s.users(), seed);

    Stopper stopper = new Stopper();
    SendStats stats = new SendStats();
    SendReport report = new SendReport(stats, clock, stopper, s.url().toString(), giveUpAfter, err);
    WaymarkClient client =
        EventSender.clientSettings(
                WaymarkClient.builder(s.url().toString(), s.key()).clock(clock),
                s.batch(),
                giveUpAfter,
                report)
            .build();
    EventSender sender =
        new EventSender(
            new ShopperSimulation(sim, catalogue),
            new Pacer(s.rate(), clock, stopper),
            client,
            report,
            clock,
            s.events());
    try (ProgressReporter progress = new ProgressReporter(stats, err, clock, PROGRESS_EVERY)) {
      return runWithShutdownHook(sender, stopper, progress, err);
    }
  }

  /** Ctrl-C stops the loop; the hook waits for it to finish and prints the summary once. */
  private static int runWithShutdownHook(
      EventSender sender, Stopper stopper, ProgressReporter progress, PrintStream err) {
    CountDownLatch finished = new CountDownLatch(1);
    AtomicBoolean summarised = new AtomicBoolean();
    Runnable summary =
        () -> {
          if (summarised.compareAndSet(false, true)) {
            err.println("waymark-generator: done: " + progress.summary());
          }
        };
    Thread hook =
        new Thread(
            () -> {
              stopper.stop();
              try {
                finished.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              summary.run();
            },
            "waymark-generator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int code = 0;
    try {
      sender.run();
    } catch (SendFailure f) {
      err.println("waymark-generator: " + f.getMessage());
      code = 1;
    } finally {
      finished.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return code; // the hook prints the summary
    }
    summary.run();
    return code;
  }
}
