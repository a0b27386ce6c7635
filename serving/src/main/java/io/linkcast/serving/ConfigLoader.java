package io.linkcast.serving;

import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.topology.TopologySettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reads {@link ServiceConfig} from {@code key=value} settings. Every key is known, typed and range-checked;
 * an unknown key or a bad value fails at start with the key's name, so a typo never runs silently with a
 * default. The keys, their defaults and meanings are listed in {@link #KEYS} (and in the README).
 */
public final class ConfigLoader {
    /** Every accepted key with its default ("" = none) and what it means. */
    public static final Map<String, String[]> KEYS = keys();

    private ConfigLoader() {
    }

    private static Map<String, String[]> keys() {
        Map<String, String[]> k = new LinkedHashMap<>();
        k.put("bootstrap.servers", new String[] {"", "Kafka to connect to; empty starts the embedded broker"});
        k.put("application.id", new String[] {"linkcast", "Kafka Streams application id"});
        k.put("state.dir", new String[] {"", "directory of the RocksDB stores; empty = a new temporary directory"});
        k.put("topic.interactions", new String[] {"interactions", "input topic"});
        k.put("topic.dlq", new String[] {"interactions.dlq", "dead-letter topic"});
        k.put("topic.predictions", new String[] {"predictions", "output topic"});
        k.put("topic.partitions", new String[] {"1", "partitions of node state (1..1024): 1 = one sequential task and an input "
                + "topic of one partition; more = node state partitioned by node id (the owner chain), any input width"});
        k.put("chain.window", new String[] {Integer.toString(TopologySettings.DEFAULT_CHAIN_WINDOW), "with topic.partitions > 1: "
                + "events per partition whose source half may be in flight; later events wait, which bounds the staleness of reads "
                + "(and the rate: about window x partitions per round trip); 0 = no bound (0..1000000)"});
        k.put("stream.threads", new String[] {"1", "Kafka Streams stream threads of this instance (1..64); more than one "
                + "pays only with topic.partitions > 1 and spare cores"});
        k.put("batch.max", new String[] {"256", "flush a micro-batch at this many events (1..100000)"});
        k.put("batch.flush.ms", new String[] {"20", "flush a micro-batch at least this often, ms (1..60000)"});
        k.put("record.max.bytes", new String[] {"4096", "larger input records are dead-lettered (64..1048576)"});
        k.put("quality.live", new String[] {"true", "score one read-only negative per event for live link AP/AUC (true/false)"});
        k.put("quality.baseline", new String[] {"true", "with quality.live, also run the baseline predictors on the same "
                + "events and negatives, for the live margin of the models over them (true/false)"});
        k.put("quality.window", new String[] {"5000", "events in the live quality window of /metrics, /v1/stats and the "
                + "dashboard (1..10000000)"});
        k.put("state.cache.nodes", new String[] {"4096", "decoded node states kept in memory in front of RocksDB, 0 = none (0..10000000)"});
        k.put("http.host", new String[] {"127.0.0.1", "interface of the HTTP API"});
        k.put("http.port", new String[] {"8080", "port of the HTTP API, 0 = any free port"});
        k.put("standby.replicas", new String[] {"0", "Kafka Streams standby replicas of each partition's stores on other "
                + "instances (0..8): a killed instance's partitions then resume without restoring from the changelogs"});
        k.put("http.advertised", new String[] {"", "host:port at which other instances reach this one's HTTP API (queries "
                + "for nodes owned by another instance are forwarded there); empty = http.host:http.port (no routing with port 0)"});
        k.put("http.admin.token", new String[] {"", "bearer token of the mutating calls (POST /admin/models); empty = they are off"});
        k.put("http.read.token", new String[] {"", "bearer token of the read API (/v1/*, GET /admin/models); empty = open. "
                + "/health, /ready, /metrics and /dashboard stay open"});
        k.put("query.concurrency", new String[] {"1", "on-demand queries (score, node, candidates) computing at once (1..64); "
                + "the stream thread needs the rest of the cores"});
        k.put("query.queue", new String[] {"16", "queries that may wait for a turn (0..10000); more are refused at once with 503"});
        k.put("query.wait.ms", new String[] {"1000", "the longest a query waits for its turn, ms (0..60000); then 503"});
        k.put("query.http.threads", new String[] {"8", "HTTP server threads at most (8..1000); a waiting score request "
                + "holds none, and under a flood of requests more threads only take CPU from the stream"});
        k.put("models.dir", new String[] {"", "directory of the artifacts POST /admin/models may load, by name; empty = none"});
        k.put("processing.guarantee", new String[] {"exactly_once_v2", "exactly_once_v2 or at_least_once"});
        k.put("model.backend", new String[] {"auto", "inference of NAT and SEMBA: auto (cpu for models on the CPU), cpu (fused Java kernels) or djl (PyTorch; training's engine and the device path)"});
        k.put("commit.interval.ms", new String[] {"100", "Kafka Streams commit interval, ms (1..600000)"});
        return java.util.Collections.unmodifiableMap(k);
    }

    /** Loads a properties file; overrides (from the command line) win over the file. */
    public static ServiceConfig load(Path file, Map<String, String> overrides) {
        Properties p = new Properties();
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            values.put(name, p.getProperty(name).trim());
        }
        values.putAll(overrides);
        return from(values);
    }

    public static ServiceConfig from(Map<String, String> values) {
        for (String key : values.keySet()) {
            if (!KEYS.containsKey(key) && !KafkaClientSettings.isKafkaKey(key)) {
                throw new ConfigException("unknown config key '" + key + "'; known keys: " + new TreeSet<>(KEYS.keySet())
                        + ", and Kafka client settings: security.protocol, sasl.*, ssl.*, kafka.<any client setting>");
            }
        }
        Settings s = new Settings(values);
        String bootstrap = s.text("bootstrap.servers");
        Map<String, String> kafka = KafkaClientSettings.from(values);
        if (bootstrap.isEmpty()) {
            for (String name : kafka.keySet()) {
                if (name.equals("security.protocol") || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                    throw new ConfigException("config key '" + name + "': security settings need bootstrap.servers "
                            + "(the embedded broker is plaintext on the loopback address)");
                }
            }
        }
        String stateDir = s.text("state.dir");
        String guarantee = s.text("processing.guarantee");
        if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once")) {
            throw new ConfigException("config key 'processing.guarantee': expected exactly_once_v2 or at_least_once, got '"
                    + guarantee + "'");
        }
        TopologySettings topology = new TopologySettings(s.nonEmpty("topic.interactions"), s.nonEmpty("topic.dlq"),
                s.nonEmpty("topic.predictions"), (int) s.number("batch.max", 1, 100_000),
                s.number("batch.flush.ms", 1, 60_000), (int) s.number("record.max.bytes", 64, 1 << 20),
                s.bool("quality.live"), s.bool("quality.baseline"), (int) s.number("state.cache.nodes", 0, 10_000_000),
                (int) s.number("topic.partitions", 1, TopologySettings.MAX_PARTITIONS),
                (int) s.number("chain.window", 0, 1_000_000));
        int streamThreads = (int) s.number("stream.threads", 1, 64);
        int standbyReplicas = (int) s.number("standby.replicas", 0, 8);
        String applicationId = s.nonEmpty("application.id");
        String httpHost = s.nonEmpty("http.host");
        int httpPort = (int) s.number("http.port", 0, 65535);
        long commitIntervalMs = s.number("commit.interval.ms", 1, 600_000);
        InferenceBackend backend;
        try {
            backend = InferenceBackend.parse("config key 'model.backend'", s.text("model.backend"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        String modelsDir = s.text("models.dir");
        if (!modelsDir.isEmpty() && !Files.isDirectory(Path.of(modelsDir))) {
            throw new ConfigException("config key 'models.dir': " + modelsDir + " is not a directory");
        }
        HttpAccess access = new HttpAccess(s.text("http.admin.token"), s.text("http.read.token"),
                modelsDir.isEmpty() ? null : Path.of(modelsDir).toAbsolutePath().normalize());
        ServiceConfig.QueryLimits limits = new ServiceConfig.QueryLimits((int) s.number("query.concurrency", 1, 64),
                (int) s.number("query.queue", 0, 10_000), s.number("query.wait.ms", 0, 60_000),
                (int) s.number("query.http.threads", 8, 1_000));
        // made up last, so that a rejected config leaves no directory behind
        Path dir;
        try {
            dir = stateDir.isEmpty() ? TemporaryStateDir.create("linkcast-state") : Path.of(stateDir);
        } catch (IOException e) {
            throw new ConfigException("config key 'state.dir': cannot create a temporary directory: " + e.getMessage());
        }
        return new ServiceConfig(bootstrap.isEmpty() ? null : bootstrap, applicationId, dir, topology, streamThreads,
                standbyReplicas,
                httpHost, httpPort, guarantee.equals("exactly_once_v2"), commitIntervalMs, backend, access, limits,
                (int) s.number("quality.window", 1, 10_000_000), advertised(s.text("http.advertised"), httpHost, httpPort),
                kafka);
    }

    private static String advertised(String configured, String host, int port) {
        if (!configured.isEmpty()) {
            int colon = configured.lastIndexOf(':');
            if (colon <= 0 || !configured.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new ConfigException("config key 'http.advertised': expected host:port, got '" + configured + "'");
            }
            return configured;
        }
        return port == 0 ? null : host + ":" + port;
    }

    private record Settings(Map<String, String> values) {
        String text(String key) {
            String v = values.get(key);
            return v != null ? v : KEYS.get(key)[0];
        }

        String nonEmpty(String key) {
            String v = text(key);
            if (v.isEmpty()) {
                throw new ConfigException("config key '" + key + "' must not be empty");
            }
            return v;
        }

        boolean bool(String key) {
            String v = text(key);
            if (!v.equals("true") && !v.equals("false")) {
                throw new ConfigException("config key '" + key + "': expected true or false, got '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        }

        long number(String key, long min, long max) {
            String v = text(key);
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("config key '" + key + "': expected an integer in " + min + ".." + max
                        + ", got '" + v + "'");
            }
            if (n < min || n > max) {
                throw new ConfigException("config key '" + key + "': " + n + " is outside " + min + ".." + max);
            }
            return n;
        }
    }
}
