package io.waymark.eventlog;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Reports whether the Kafka cluster answers, and how many brokers it has. */
final class KafkaHealth implements HealthIndicator, AutoCloseable {

  private final Admin admin;
  private final boolean embedded;

  KafkaHealth(String bootstrapServers, boolean embedded) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
    this.embedded = embedded;
  }

  @Override
  public Health health() {
    try {
      int brokers =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(3000))
              .nodes()
              .get(3, TimeUnit.SECONDS)
              .size();
      return Health.up().withDetail("brokers", brokers).withDetail("embedded", embedded).build();
    } catch (Exception e) {
      return Health.down()
          .withDetail("error", "Kafka did not answer within 3 s: " + e.getMessage())
          .withDetail("embedded", embedded)
          .build();
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
