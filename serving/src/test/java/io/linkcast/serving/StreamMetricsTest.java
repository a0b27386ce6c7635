package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.state.NodeCacheReads;
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

    @Test
    void shouldAddUpTheCacheReadsOfEveryTaskAndQueryPerReader() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StreamMetrics m = new StreamMetrics(registry);
        assertThat(m.cacheHitRatio(NodeCacheReads.Reader.STREAM)).isNaN();
        // two tasks' batches (partitioned state: a store, and a cache, per task), then two queries
        m.stateCacheReads(NodeCacheReads.Reader.STREAM, 30, 10);
        m.stateCacheReads(NodeCacheReads.Reader.STREAM, 5, 15);
        m.stateCacheReads(NodeCacheReads.Reader.QUERY, 1, 0);
        m.stateCacheReads(NodeCacheReads.Reader.QUERY, 0, 1);
        assertThat(registry.scrape())
                .contains("linkcast_state_cache_reads_total{reader=\"stream\",result=\"hit\"} 35.0")
                .contains("linkcast_state_cache_reads_total{reader=\"stream\",result=\"miss\"} 25.0")
                .contains("linkcast_state_cache_reads_total{reader=\"query\",result=\"hit\"} 1.0")
                .contains("linkcast_state_cache_reads_total{reader=\"query\",result=\"miss\"} 1.0")
                .contains("linkcast_state_cache_hit_ratio{reader=\"stream\"} 0.58")
                .contains("linkcast_state_cache_hit_ratio{reader=\"query\"} 0.5");
        assertThat(m.cacheHitRatio(NodeCacheReads.Reader.STREAM)).isEqualTo(35.0 / 60);
        assertThat(m.cacheHitRatio(NodeCacheReads.Reader.QUERY)).isEqualTo(0.5);
    }
}
