package io.linkcast.serving;

import io.linkcast.model.engine.CompositeModel;
import io.linkcast.model.engine.ModelHandle;
import io.linkcast.model.engine.ModelLoaders;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.StoredNode;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.serving.topology.LinkcastTopology;
import io.linkcast.serving.topology.TopologySettings;
import io.linkcast.state.LinkcastRocksDbConfig;
import io.linkcast.state.NodeKeys;
import io.linkcast.state.NodeStores;
import io.linkcast.state.QueryableNodeStore;
import io.linkcast.state.ReadOnlyNodeStates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One running linkcast instance: the topics, the Kafka Streams application running the topology, and
 * read-only access to its live node states for the HTTP API.
 *
 * @param <S> the model's per-node state
 */
public final class LinkcastService<S> implements AutoCloseable {
    private final ServiceConfig config;
    private final ModelHandle<S> model;
    private final StreamMetrics metrics;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final NodeRouter router;
    private final RestoreProgress restore;

    public LinkcastService(ServiceConfig config, StreamModel<S> model, MeterRegistry registry) {
        this(config, new ModelHandle<>(model), registry);
    }

    public LinkcastService(ServiceConfig config, ModelHandle<S> model, MeterRegistry registry) {
        if (config.embedded()) {
            throw new IllegalArgumentException("the service needs bootstrap servers (start the embedded broker first)");
        }
        this.config = config;
        this.model = model;
        this.metrics = new StreamMetrics(registry, new LiveQuality(config.qualityWindow()),
                new LiveQuality(config.qualityWindow()));
        this.streams = new KafkaStreams(LinkcastTopology.build(config.topology(), model, yardstick(model), metrics),
                streamsProperties(config));
        // at most 3 replacements in 10 minutes: a failure that keeps coming back stops the client instead
        this.streams.setUncaughtExceptionHandler(new ThreadReplacement(3, TimeUnit.MINUTES.toNanos(10),
                System::nanoTime, registry));
        this.router = new NodeRouter(streams, config.topology(), config.advertised() == null ? null
                : HostInfo.buildFromEndpoint(config.advertised()), config.httpAccess().readToken());
        this.restore = new RestoreProgress(registry);
        streams.setGlobalStateRestoreListener(restore);
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        // RocksDB's rocksdb.estimate-num-keys: overwrites inflate it (61,060 on a 20,000-node stream), so the name says
        // estimate; an exact count would scan the store
        Gauge.builder("linkcast_store_nodes_estimate", this, s -> s.storeSize().orElse(Double.NaN))
                .description("RocksDB's estimate of the nodes in the node-state store (overwrites inflate it)")
                .register(registry);
    }

    /** The baseline predictors beside the served models, for the live margin; none when they are what is served. */
    private static Optional<StreamModel<?>> yardstick(ModelHandle<?> served) {
        if (served.current().info().name().equals(ServedModels.BASELINE)) {
            return Optional.empty();
        }
        return Optional.of(ModelLoaders.untrained(ServedModels.BASELINE));
    }

    static Properties streamsProperties(ServiceConfig c) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, c.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, c.stateDir().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                c.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, c.commitIntervalMs());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, c.streamThreads());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, c.standbyReplicas());
        if (c.topology().partitioned()) {
            // each hop of the owner chain waits for the receiving thread's next poll, and an idle thread blocks in poll
            // for poll.ms (100 by default) before it punctuates: 5 ms raised the rate of a partitioned backlog
            // (docs/results.md, "Session 10")
            p.put(StreamsConfig.POLL_MS_CONFIG, 5);
        }
        if (c.topology().partitioned() && c.advertised() != null) {
            // so that Kafka Streams knows which instance runs each partition, for queries routed to a node's owner
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, c.advertised());
        }
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, LinkcastRocksDbConfig.class);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        // Streams defaults the producer to linger.ms=100: records then wait for the commit's flush, which stalls
        // the stream thread under exactly-once; sending continuously leaves little to flush at commit
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // a crashed instance's partitions move to its replacement after 10 s instead of the default 45 s
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        // static membership: an instance restarted on the same host and state dir takes its partitions back at once
        // instead of waiting for its dead self's session to expire (the restart it shortens: docs/results.md, "Figures
        // behind the code")
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), staticMemberId(c));
        // security and tuning passed through (KafkaClientSettings): they may change the tuning above, never what
        // linkcast owns (refused at load)
        for (String name : c.kafkaSettings().keySet()) {
            // a setting given for every client replaces linkcast's for one of them (a prefixed one would win)
            for (String client : new String[] {"main.consumer.", "consumer.", "producer.", "admin."}) {
                if (!c.kafkaSettings().containsKey(client + name)) {
                    p.remove(client + name);
                }
            }
        }
        p.putAll(c.kafkaSettings());
        return p;
    }

    /**
     * This instance's static member id: stable across restarts on the same host and state dir, different for every
     * other instance (two instances on one host cannot share a state dir: Kafka Streams locks it).
     */
    static String staticMemberId(ServiceConfig c) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException unknown) {
            // no stable name: a random one, so that no other instance can ever share it
            host = UUID.randomUUID().toString();
        }
        String where = host + "|" + c.stateDir().toAbsolutePath().normalize();
        return c.applicationId() + "-" + UUID.nameUUIDFromBytes(where.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates the topics (if missing) and starts processing; returns once the application is running. */
    public void start(Duration timeout) {
        Topics.create(config);
        streams.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream application not running after " + timeout + ": " + streams.state());
            }
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("stream application failed to start: " + streams.state());
            }
            sleep(50);
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public boolean alive() {
        KafkaStreams.State s = streams.state();
        return s != KafkaStreams.State.ERROR && s != KafkaStreams.State.NOT_RUNNING
                && s != KafkaStreams.State.PENDING_ERROR;
    }

    /** The model serving now (it changes on a hot swap). */
    public StreamModel<S> model() {
        return model.current();
    }

    public ModelHandle<S> modelHandle() {
        return model;
    }

    /** Store/partition → changelog records still to restore on this instance. */
    public Map<String, Long> restoreRemaining() {
        return restore.remaining();
    }

    public StreamMetrics metrics() {
        return metrics;
    }

    public ServiceConfig config() {
        return config;
    }

    /**
     * This instance's live node states, read-only, through the processors' decoded-state cache; throws
     * InvalidStateStoreException while the store is not queryable.
     */
    public ReadOnlyNodeStates<S> nodeStates() {
        return nodeStore().decodedWith(model.current().codec());
    }

    private QueryableNodeStore nodeStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(TopologySettings.NODE_STATE_STORE,
                NodeStores.queryableNodeStates()));
    }

    /** The state of node {@code id} wherever it lives (another instance's, with partitioned state), or null. */
    public S nodeState(long id) {
        return router.states(new long[] {id}, model.current().codec()).get(0);
    }

    /** Read-only predictions from the live state; the endpoints' records are read from their owners. */
    public List<ModelOutput> score(List<Query> queries) {
        StreamModel<S> m = model.current();
        Endpoints<S> e = endpoints(m, queries);
        return m.score(queries, e.src(), e.dst());
    }

    /** A prediction with what drove it ({@link StreamModel#explain}), both from the same two records. */
    public record Explained(ModelOutput output, Map<String, Object> explanation) {
    }

    /** {@link #score} with each answer's explanation, read from the records the score read. */
    public List<Explained> explain(List<Query> queries) {
        StreamModel<S> m = model.current();
        Endpoints<S> e = endpoints(m, queries);
        List<ModelOutput> outputs = m.score(queries, e.src(), e.dst());
        List<Explained> out = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            Map<String, Object> x = m.explain(queries.get(i), e.src().get(i), e.dst().get(i));
            // keyed by model name, as the composite that serve runs keys them, whatever runs here
            out.add(new Explained(outputs.get(i), m instanceof CompositeModel || x.isEmpty() ? x
                    : Map.of(m.info().name(), x)));
        }
        return out;
    }

    private record Endpoints<S>(List<S> src, List<S> dst) {
    }

    /** The states of the queries' endpoints, each node's record read once (an empty state for a node never seen). */
    private Endpoints<S> endpoints(StreamModel<S> m, List<Query> queries) {
        Map<Long, Integer> index = new LinkedHashMap<>();
        for (Query q : queries) {
            index.putIfAbsent(q.src(), index.size());
            index.putIfAbsent(q.dst(), index.size());
        }
        long[] ids = index.keySet().stream().mapToLong(Long::longValue).toArray();
        List<S> states = new ArrayList<>(router.states(ids, m.codec()));
        for (int i = 0; i < ids.length; i++) {
            if (states.get(i) == null) {
                states.set(i, m.emptyState(ids[i]));
            }
        }
        List<S> src = new ArrayList<>(queries.size());
        List<S> dst = new ArrayList<>(queries.size());
        for (Query q : queries) {
            src.add(states.get(index.get(q.src())));
            dst.add(states.get(index.get(q.dst())));
        }
        return new Endpoints<>(src, dst);
    }

    /** The external form of an internal id: integers are their own, hashed ids come from the reverse dictionary. */
    public String externalId(long id) {
        return externalIds(new long[] {id}).get(0);
    }

    /** {@link #externalId} for many ids, the hashed ones looked up at their owners in one pass. */
    public List<String> externalIds(long[] ids) {
        long[] hashed = Arrays.stream(ids).filter(id -> id < 0).toArray();
        List<String> found = hashed.length == 0 ? List.of() : router.externalIds(hashed);
        List<String> out = new ArrayList<>(ids.length);
        int h = 0;
        for (long id : ids) {
            if (id >= 0) {
                out.add(Long.toString(id));
            } else {
                String external = found.get(h++);
                out.add(external == null ? "#" + Long.toUnsignedString(id) : external);
            }
        }
        return out;
    }

    /** The records of the nodes this instance owns, for another instance's routed query. */
    List<NodeRouter.Found> ownedRecords(long[] ids) {
        return router.local(ids);
    }

    /**
     * Up to {@code n} node records of this instance's store as stored (in key order, task after task), for a swap's
     * compatibility check; none while the store is not queryable (restoring, rebalancing).
     */
    public List<StoredNode> storedSample(int n) {
        List<StoredNode> out = new ArrayList<>(n);
        try (var it = nodeStore().records()) {
            while (it.hasNext() && out.size() < n) {
                var kv = it.next();
                out.add(new StoredNode(NodeKeys.fromKey(kv.key), kv.value));
            }
        } catch (InvalidStateStoreException e) {
            return List.of();
        }
        return out;
    }

    /** Mean size of the stored node records, in bytes (scans the store: for benchmarks, not hot paths). */
    public double meanStateBytes() {
        long n = 0;
        long bytes = 0;
        try (var it = nodeStore().records()) {
            while (it.hasNext()) {
                bytes += it.next().value.length;
                n++;
            }
        }
        return n == 0 ? Double.NaN : (double) bytes / n;
    }

    private Optional<Double> storeSize() {
        try {
            return Optional.of((double) nodeStates().approximateSize());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        streamsMetrics.close();
        // leave the group, so that a restarted instance takes over at once instead of after the session timeout
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
