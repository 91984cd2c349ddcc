package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import io.waymark.eventlog.EventLogSettings;
import io.waymark.eventlog.KafkaEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the quarantine keeps about people: sealed for each one named, nothing for the suppressed.
 */
class QuarantinePrivacyIT extends EndToEndTest {

  @Autowired KafkaEndpoint kafka;
  @Autowired EventLogSettings logSettings;

  private final String tag = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void aRefusedBatchNamingSeveralPeopleIsUnreadableInTheLogOnceAnyOneOfThemIsErased() {
    String ann = "qp-ann-" + tag;
    String bob = "qp-bob-" + tag;
    String broken =
        "[{\"type\":\"click\",\"user_id\":\""
            + ann
            + "\"},{\"type\":\"click\",\"user_id\":\""
            + bob
            + "\"";
    Reply r = collector().post("/api/v1/events", INGEST_KEY, broken);
    assertThat(r.status()).isEqualTo(400);
    String id = r.json().get("quarantine_id").asText();
    ConsumerRecord<byte[], byte[]> record = quarantineRecord(id);
    String pseudonym = new String(record.key(), StandardCharsets.US_ASCII);
    assertThat(new String(vault.open(pseudonym, record.value()), StandardCharsets.UTF_8))
        .contains(ann, bob);

    erase(bob, false);

    assertThat(vault.open(pseudonym, record.value()))
        .as("the record names %s, erased, although it is keyed by %s", bob, ann)
        .isNull();
    assertThat(vault.holds(ann)).isTrue();
  }

  @Test
  void aRefusalNamingSomeoneErasedWithSuppressionIsNotQuarantinedAndGetsThemNoNewKey() {
    String quiet = "qp-quiet-" + tag;
    erase(quiet, true);
    double withheld = withheld();

    Reply r = collector().post("/api/v1/events", INGEST_KEY, "{\"user_id\":\"" + quiet + "\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("type");
    assertThat(r.json().get("errors").get(0).has("quarantine_id")).isFalse();
    assertThat(vault.holds(quiet)).isFalse();
    assertThat(withheld() - withheld).isEqualTo(1.0);
  }

  private void erase(String user, boolean suppress) {
    String id =
        api()
            .send(
                "DELETE",
                "/api/v1/users/" + user + (suppress ? "?suppress=true" : ""),
                ADMIN_KEY,
                null)
            .json()
            .get("id")
            .asText();
    JsonNode done =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> api().get("/api/v1/privacy/erasures/" + id, ADMIN_KEY).json(),
                j -> j.get("status").asText().matches("completed|failed"));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
  }

  /** The quarantine topic's record of item {@code id}, read from the log itself. */
  private ConsumerRecord<byte[], byte[]> quarantineRecord(String id) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          consumer.partitionsFor(logSettings.quarantineTopic()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < until) {
        for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(500))) {
          String key = rec.key() == null ? null : new String(rec.key(), StandardCharsets.US_ASCII);
          byte[] plain = vault.open(key, rec.value());
          if (plain != null && new String(plain, StandardCharsets.UTF_8).contains(id)) {
            return rec;
          }
        }
      }
    }
    throw new AssertionError("no record of quarantine item " + id + " on the log");
  }

  private double withheld() {
    for (String line : management().get("/actuator/prometheus", null).raw().split("\n")) {
      if (line.startsWith("waymark_collector_quarantine_withheld_total{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
