package io.linkcast.serving;

import io.linkcast.model.engine.ModelHandle;
import io.linkcast.model.engine.StreamModel;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;

/**
 * Everything one linkcast process runs, started in order and closed in reverse: the embedded broker (when
 * no Kafka address is configured), the stream application, the stats timeline and the HTTP API.
 */
public final class LinkcastRuntime implements AutoCloseable {
    private final EmbeddedKafka broker;
    private final LinkcastService<?> service;
    private final HttpApi http;
    private final PrometheusMeterRegistry registry;
    private final StatsTimeline timeline;
    private final InputLag inputLag;
    private final JvmGcMetrics gcMetrics;

    private LinkcastRuntime(EmbeddedKafka broker, LinkcastService<?> service, HttpApi http,
            PrometheusMeterRegistry registry, StatsTimeline timeline, InputLag inputLag, JvmGcMetrics gcMetrics) {
        this.broker = broker;
        this.service = service;
        this.http = http;
        this.registry = registry;
        this.timeline = timeline;
        this.inputLag = inputLag;
        this.gcMetrics = gcMetrics;
    }

    public static <S> LinkcastRuntime start(ServiceConfig config, StreamModel<S> model) {
        return start(config, new ModelHandle<>(model));
    }

    /** Runs the given models (a composite that can be hot-swapped over HTTP). */
    public static LinkcastRuntime start(ServiceConfig config, ServedModels models) {
        return start(config, models.handle(), models);
    }

    public static <S> LinkcastRuntime start(ServiceConfig config, ModelHandle<S> model) {
        return start(config, model, null);
    }

    private static <S> LinkcastRuntime start(ServiceConfig config, ModelHandle<S> model, ServedModels swappable) {
        EmbeddedKafka broker = null;
        LinkcastService<S> service = null;
        StatsTimeline timeline = null;
        InputLag inputLag = null;
        JvmGcMetrics gcMetrics = null;
        try {
            if (config.embedded()) {
                broker = EmbeddedKafka.start(config.stateDir().resolve("kafka"));
                config = config.withBootstrapServers(broker.bootstrapServers());
            }
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            bindProcessMetrics(registry);
            gcMetrics = new JvmGcMetrics();
            gcMetrics.bindTo(registry);
            service = new LinkcastService<>(config, model, registry);
            service.start(Duration.ofSeconds(60));
            inputLag = new InputLag(config.kafkaClient(Map.of()), config.applicationId(),
                    config.topology().interactionsTopic());
            timeline = new StatsTimeline(service.metrics(), inputLag);
            timeline.start();
            HttpApi http = HttpApi.start(service, swappable, registry, timeline, config.httpHost(), config.httpPort(),
                    config.httpAccess(), config.queryLimits());
            return new LinkcastRuntime(broker, service, http, registry, timeline, inputLag, gcMetrics);
        } catch (RuntimeException e) {
            if (gcMetrics != null) {
                gcMetrics.close();
            }
            if (timeline != null) {
                timeline.close();
            }
            if (inputLag != null) {
                inputLag.close();
            }
            if (service != null) {
                service.close();
            }
            if (broker != null) {
                broker.close();
            }
            TemporaryStateDir.deleteIfTemporary(config.stateDir());
            throw e;
        }
    }

    /** Heap, threads and CPU of the JVM, and the resident memory that includes the native side. */
    private static void bindProcessMetrics(PrometheusMeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        ResidentMemory.bindTo(registry);
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

    /** The per-second history behind {@code /v1/stats} and the dashboard. */
    public StatsTimeline timeline() {
        return timeline;
    }

    @Override
    public void close() {
        timeline.close();
        inputLag.close();
        http.close();
        service.close();
        gcMetrics.close();
        registry.close();
        if (broker != null) {
            broker.close();
        }
        // a state directory linkcast made up for this run cannot be found by a later one
        TemporaryStateDir.deleteIfTemporary(service.config().stateDir());
    }
}
