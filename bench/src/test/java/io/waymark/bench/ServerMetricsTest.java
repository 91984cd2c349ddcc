package io.waymark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerMetricsTest {

  @Test
  void readsTheStreamLagAndTheSinkCounter() {
    String text =
        """
        # HELP waymark_stream_lag_events events on the log not yet processed
        # TYPE waymark_stream_lag_events gauge
        waymark_stream_lag_events{application="waymark"} 150.0
        kafka_consumer_fetch_manager_records_lag_max{client_id="a"} 999.0
        waymark_store_sink_events_written{application="waymark"} 4500.0
        """;

    ServerMetrics.Reading r = ServerMetrics.parse(text);

    assertThat(r.streamLag()).isEqualTo(150);
    assertThat(r.storeWritten()).isEqualTo(4500);
  }
}
