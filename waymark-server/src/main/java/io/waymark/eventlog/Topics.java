package io.waymark.eventlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates Waymark's topics when they are missing; existing topics are left as they are. */
final class Topics {

  private static final Logger log = LoggerFactory.getLogger(Topics.class);

  private Topics() {}

  static void ensure(String bootstrapServers, EventLogSettings settings) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      String retention = String.valueOf(settings.retention().toMillis());
      List<NewTopic> missing = new ArrayList<>();
      for (String name :
          List.of(
              settings.eventsTopic(),
              settings.quarantineTopic(),
              settings.sessionsTopic(),
              settings.alertsTopic())) {
        if (!existing.contains(name)) {
          missing.add(
              new NewTopic(name, settings.partitions(), settings.replicationFactor())
                  .configs(Map.of("retention.ms", retention, "compression.type", "producer")));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
      }
    } catch (Exception e) {
      throw new IllegalStateException(
          "could not create Waymark's Kafka topics on "
              + bootstrapServers
              + ": "
              + e.getMessage()
              + ". Check that the brokers are reachable and that this client may create topics.",
          e);
    }
  }
}
