package io.linkcast.serving;

import io.linkcast.model.engine.StreamModel;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * Everything one linkcast process runs, started in order and closed in reverse: the embedded broker (when
 * no Kafka address is configured), the stream application, and the HTTP API.
 */
public final class LinkcastRuntime implements AutoCloseable {
    private final EmbeddedKafka broker;
    private final LinkcastService<?> service;
    private final HttpApi http;
    private final PrometheusMeterRegistry registry;

    private LinkcastRuntime(EmbeddedKafka broker, LinkcastService<?> service, HttpApi http,
            PrometheusMeterRegistry registry) {
        this.broker = broker;
        this.service = service;
        this.http = http;
        this.registry = registry;
    }

    public static <S> LinkcastRuntime start(ServiceConfig config, StreamModel<S> model) {
        EmbeddedKafka broker = null;
        LinkcastService<S> service = null;
        try {
            if (config.embedded()) {
                broker = EmbeddedKafka.start(config.stateDir().resolve("kafka"));
                config = config.withBootstrapServers(broker.bootstrapServers());
            }
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            service = new LinkcastService<>(config, model, registry);
            service.start(Duration.ofSeconds(60));
            HttpApi http = HttpApi.start(service, registry, config.httpHost(), config.httpPort());
            return new LinkcastRuntime(broker, service, http, registry);
        } catch (RuntimeException e) {
            if (service != null) {
                service.close();
            }
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    public String bootstrapServers() {
        return service.config().bootstrapServers();
    }

    public LinkcastService<?> service() {
        return service;
    }

    public int httpPort() {
        return http.port();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        http.close();
        service.close();
        registry.close();
        if (broker != null) {
            broker.close();
        }
    }
}
