package io.waymark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerMetricsTest {

  @Test
  void sumsTheEventsTopicLagOverPartitionsAndReadsTheSinkCounter() {
    String text =
        """
        # HELP kafka_consumer_fetch_manager_records_lag The latest lag of the partition
        kafka_consumer_fetch_manager_records_lag{client_id="a",partition="0",topic="events"} 120.0
        kafka_consumer_fetch_manager_records_lag{client_id="a",partition="1",topic="events"} 30.0
        kafka_consumer_fetch_manager_records_lag{client_id="a",partition="0",topic="other"} 999.0
        kafka_consumer_fetch_manager_records_lag{client_id="b",partition="2",topic="events"} NaN
        waymark_store_sink_events_written{application="waymark"} 4500.0
        """;

    ServerMetrics.Reading r = ServerMetrics.parse(text);

    assertThat(r.streamLag()).isEqualTo(150);
    assertThat(r.storeWritten()).isEqualTo(4500);
  }
}
