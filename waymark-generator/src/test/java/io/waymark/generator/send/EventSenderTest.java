package io.waymark.generator.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.client.WaymarkClient;
import io.waymark.generator.shop.Catalogue;
import io.waymark.generator.simulation.ShopperSimulation;
import io.waymark.generator.simulation.SimulationSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventSenderTest {

  private static final Clock WALL_CLOCK = Clock.systemUTC();
  private static final Instant NOV_1_2026 = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void stoppingDeliversThePartialBatchAndEndsTheRun() throws Exception {
    try (FakeCollector collector = new FakeCollector()) {
      Stopper stopper = new Stopper();
      SendStats stats = new SendStats();
      SendReport report =
          new SendReport(
              stats,
              WALL_CLOCK,
              stopper,
              collector.url(),
              Duration.ofSeconds(60),
              new PrintStream(new ByteArrayOutputStream()));
      WaymarkClient client =
          EventSender.clientSettings(
                  WaymarkClient.builder(collector.url(), "k"), 500, Duration.ofSeconds(60), report)
              .build();
      EventSender sender =
          new EventSender(
              new ShopperSimulation(SimulationSettings.of(5, NOV_1_2026), Catalogue.standard()),
              new Pacer(100, WALL_CLOCK, stopper),
              client,
              report,
              WALL_CLOCK,
              Long.MAX_VALUE);

      CompletableFuture<Void> run =
          CompletableFuture.runAsync(
              () -> {
                try {
                  sender.run();
                } catch (SendFailure e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(300);
      stopper.stop();
      run.get(5, TimeUnit.SECONDS);

      assertThat(stats.sent.get()).isPositive().isLessThan(500);
      assertThat(collector.acceptedEventIds()).hasSize((int) stats.sent.get());
      assertThat(stats.unsent.get()).isZero();
    }
  }
}
