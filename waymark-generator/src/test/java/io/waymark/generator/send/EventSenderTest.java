package io.waymark.generator.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.generator.shop.Catalogue;
import io.waymark.generator.simulation.ShopperSimulation;
import io.waymark.generator.simulation.SimulationSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
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
      BatchDelivery delivery =
          new BatchDelivery(
              new IngestClient(HttpClient.newHttpClient(), URI.create(collector.url()), "k"),
              new ObjectMapper(),
              stats,
              WALL_CLOCK,
              stopper,
              Duration.ofSeconds(60),
              collector.url(),
              new PrintStream(new ByteArrayOutputStream()));
      EventSender sender =
          new EventSender(
              new ShopperSimulation(SimulationSettings.of(5, NOV_1_2026), Catalogue.standard()),
              new Pacer(100, WALL_CLOCK, stopper),
              delivery,
              WALL_CLOCK,
              stopper,
              Long.MAX_VALUE,
              500);

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
