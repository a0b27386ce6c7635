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
}
