package io.linkcast.serving;

import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.serving.topology.TopologySettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The service's configuration, typed and validated. Built by {@link ConfigLoader} from a properties file
 * and command-line overrides; nothing untyped travels past it.
 *
 * @param bootstrapServers Kafka to use, or null to start the embedded broker
 * @param applicationId Kafka Streams application id (consumer group, changelog topic prefix)
 * @param stateDir where Kafka Streams keeps the RocksDB stores (and the embedded broker its logs)
 * @param topology topics and micro-batching
 * @param streamThreads Kafka Streams stream threads of this instance
 * @param standbyReplicas Kafka Streams standby replicas of each stateful task ({@code standby.replicas})
 * @param httpHost interface the HTTP API binds to
 * @param httpPort HTTP port, 0 for any free port
 * @param exactlyOnce exactly-once v2 (default) or at-least-once processing
 * @param commitIntervalMs Kafka Streams commit interval
 * @param modelBackend how served models infer ({@code model.backend}); eval and the HTTP scorer use the same models
 * @param qualityWindow events in the live quality window ({@code quality.window})
 * @param advertised host:port other instances reach this one's HTTP API at, for queries routed to a node's owner
 *     ({@code http.advertised}, else http.host:http.port; null with port 0: this instance does not route)
 */
public record ServiceConfig(
        String bootstrapServers,
        String applicationId,
        Path stateDir,
        TopologySettings topology,
        int streamThreads,
        int standbyReplicas,
        String httpHost,
        int httpPort,
        boolean exactlyOnce,
        long commitIntervalMs,
        InferenceBackend modelBackend,
        HttpAccess httpAccess,
        QueryLimits queryLimits,
        int qualityWindow,
        String advertised,
        Map<String, String> kafkaSettings) {

    public ServiceConfig {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(modelBackend, "modelBackend");
        Objects.requireNonNull(httpAccess, "httpAccess");
        Objects.requireNonNull(queryLimits, "queryLimits");
        kafkaSettings = Map.copyOf(kafkaSettings);
    }

    public boolean embedded() {
        return bootstrapServers == null;
    }

    public ServiceConfig withBootstrapServers(String servers) {
        return new ServiceConfig(servers, applicationId, stateDir, topology, streamThreads, standbyReplicas, httpHost, httpPort,
                exactlyOnce, commitIntervalMs, modelBackend, httpAccess, queryLimits, qualityWindow, advertised, kafkaSettings);
    }

    /**
     * The settings of a Kafka client of linkcast's: the bootstrap servers, the passed-through client settings
     * ({@link KafkaClientSettings}: security, tuning) and {@code own}, which wins.
     */
    public Map<String, Object> kafkaClient(Map<String, Object> own) {
        Map<String, Object> p = new HashMap<>(kafkaSettings);
        p.put("bootstrap.servers", bootstrapServers);
        p.putAll(own);
        return p;
    }

    /**
     * How many on-demand queries compute at once, how many more may wait, and for how long ({@link QueryGate}).
     *
     * @param concurrency queries computing at once
     * @param queue queries waiting at most; more are refused at once
     * @param waitMs the longest a query waits for its turn
     * @param httpThreads the HTTP server's threads at most (Jetty's pool)
     */
    public record QueryLimits(int concurrency, int queue, long waitMs, int httpThreads) {
    }
}
