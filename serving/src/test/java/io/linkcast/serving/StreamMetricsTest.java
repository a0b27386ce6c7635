package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class StreamMetricsTest {

    @Test
    void shouldLetOneAbsurdEventTimeMoveTheStreamsNowForOneBatchOnly() {
        StreamMetrics m = new StreamMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        assertThat(m.latestEventTime()).isNaN();
        m.eventTime(1_000);
        assertThat(m.latestEventTime()).isEqualTo(1_000);
        m.eventTime(1e308);
        assertThat(m.latestEventTime()).isEqualTo(1e308);
        m.eventTime(1_100);
        assertThat(m.latestEventTime()).isEqualTo(1_100);
    }

    @Test
    void shouldCountPredictionsPerPartitionAndKeepTheLatestWindowFigures() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StreamMetrics m = new StreamMetrics(registry);
        m.partition(3, 100, 40, 7);
        m.partition(3, 50, 12, 0);
        m.partition(1, 8, 64, 300);
        assertThat(m.partitions().keySet()).containsExactly(1, 3);
        assertThat(m.partitions().get(3)).containsExactly(150, 12, 0);
        assertThat(m.partitions().get(1)).containsExactly(8, 64, 300);
        assertThat(registry.scrape()).contains("linkcast_partition_predictions_total{partition=\"3\"} 150.0")
                .contains("linkcast_partition_waiting{partition=\"1\"} 300.0");
    }
}
