package io.linkcast.serving;

import io.linkcast.serving.topology.TopologySettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Every setting of the service as a Kafka {@link ConfigDef}: its type, default, valid values and meaning, in one
 * place. {@link ConfigLoader} parses with it; {@link #markdownTable()} renders the README's configuration table
 * ({@code linkcast config} prints it, and {@code ReadmeConfigTableTest} keeps the README equal to it).
 */
final class ConfigKeys {
    private static final ConfigDef.Validator NON_EMPTY = new ConfigDef.NonEmptyString();

    static final ConfigDef DEFINITION = new ConfigDef()
            .define("bootstrap.servers", Type.STRING, "", null, Importance.HIGH,
                    "Kafka to use; empty starts the embedded broker")
            .define("application.id", Type.STRING, "linkcast", NON_EMPTY, Importance.HIGH,
                    "Kafka Streams application id (consumer group, changelog prefix)")
            .define("state.dir", Type.STRING, "", null, Importance.HIGH,
                    "RocksDB stores (and the embedded broker's log); empty = a new temporary directory, deleted "
                    + "when the process stops; set it to keep state across restarts")
            .define("topic.interactions", Type.STRING, "interactions", NON_EMPTY, Importance.HIGH,
                    "input topic")
            .define("topic.dlq", Type.STRING, "interactions.dlq", NON_EMPTY, Importance.HIGH,
                    "dead-letter topic")
            .define("topic.predictions", Type.STRING, "predictions", NON_EMPTY, Importance.HIGH,
                    "output topic")
            .define("topic.partitions", Type.INT, 1, new Between(1, TopologySettings.MAX_PARTITIONS), Importance.HIGH,
                    "partitions of node state. `1`: one sequential task (sequential semantics, bit for bit; the "
                    + "input topic must have one partition, and `serve` refuses a wider one, naming it). More: node "
                    + "state partitioned by node id (the owner chain, \"How it works\"), over any input width; "
                    + "linkcast creates `<topic.predictions>.by-source`, `.asks` and `.answers` with this many "
                    + "partitions and refuses to start if they exist with another width (changing it means a new "
                    + "application and a replay)")
            .define("chain.window", Type.INT, TopologySettings.DEFAULT_CHAIN_WINDOW, new Between(0, 1_000_000),
                    Importance.MEDIUM,
                    "with `topic.partitions` > 1: events per partition whose answer may be in flight; later events "
                    + "wait for it. It bounds how stale a read can be, at the price of rate (about window × "
                    + "partitions events per round trip of three commits); `0` = no bound: fastest, but on a backlog "
                    + "reads race far ahead of the updates. Partitioned, `commit.interval.ms=20` shortens the round "
                    + "trip: more rate for more CPU per event (how much: docs/results.md, \"Figures behind the code\")")
            .define("stream.threads", Type.INT, 1, new Between(1, 64), Importance.MEDIUM,
                    "Kafka Streams stream threads of this instance; more than one pays only with `topic.partitions` "
                    + "> 1 and cores to spare")
            .define("standby.replicas", Type.INT, 0, new Between(0, 8), Importance.MEDIUM,
                    "Kafka Streams standby replicas of each partition's stores on other instances: a killed "
                    + "instance's partitions then resume without restoring from the changelogs")
            .define("http.advertised", Type.STRING, "", null, Importance.MEDIUM,
                    "`host:port` at which other instances reach this one's HTTP API, for routed queries; empty = "
                    + "`http.host:http.port` (with `http.port=0` the instance does not route: one instance)")
            .define("quality.window", Type.INT, 5000, new Between(1, 10_000_000), Importance.LOW,
                    "events in the live quality window (`/metrics`, `/v1/stats`, the dashboard)")
            .define("batch.max", Type.INT, 256, new Between(1, 100_000), Importance.MEDIUM,
                    "flush a micro-batch at this many events")
            .define("batch.flush.ms", Type.LONG, 20L, new Between(1, 60_000), Importance.MEDIUM,
                    "flush a batch whose oldest event has waited this long (wall clock), bounding latency on a "
                    + "quiet stream; a busy stream flushes full batches")
            .define("record.max.bytes", Type.INT, 4096, new Between(64, 1 << 20), Importance.MEDIUM,
                    "larger records are dead-lettered")
            .define("http.admin.token", Type.PASSWORD, "", null, Importance.MEDIUM,
                    "bearer token of `POST /admin/models`; empty = admin calls are off")
            .define("http.read.token", Type.PASSWORD, "", null, Importance.MEDIUM,
                    "bearer token of the read API (`/v1/*`, `GET /admin/models`); the admin token reads too; "
                    + "`/health`, `/ready`, `/metrics`, `/dashboard` and its feed `/v1/stats` stay open (probes, "
                    + "scrapers, the page). Empty = open")
            .define("query.concurrency", Type.INT, 1, new Between(1, 64), Importance.MEDIUM,
                    "on-demand queries (`/v1/score`, `/v1/nodes/{id}`, `/candidates`) computing at once: on 2 cores "
                    + "one leaves the other core to the stream thread")
            .define("query.queue", Type.INT, 16, new Between(0, 10_000), Importance.MEDIUM,
                    "queries that may wait for a turn; past that a query is refused at once with 503 and "
                    + "`Retry-After: 1`")
            .define("query.wait.ms", Type.LONG, 1000L, new Between(0, 60_000), Importance.MEDIUM,
                    "the longest a query waits for its turn before the same 503")
            .define("query.http.threads", Type.INT, 8, new Between(8, 1_000), Importance.MEDIUM,
                    "the HTTP server's threads at most (Jetty's pool): a waiting query holds none, and under a "
                    + "flood of requests more threads only take CPU from the stream and the query worker")
            .define("models.dir", Type.STRING, "", null, Importance.MEDIUM,
                    "the directory of the artifacts `POST /admin/models` may load, one per name; checked at start")
            .define("quality.live", Type.BOOLEAN, true, null, Importance.LOW,
                    "score one deterministic negative per event, read-only, for the live link AP/AUC (only the "
                    + "model that predicts links scores it, NAT when served with SEMBA; `false` turns it off)")
            .define("quality.baseline", Type.BOOLEAN, true, null, Importance.LOW,
                    "with `quality.live`, run the baseline predictors beside the served models on the same events "
                    + "and negatives (their own RocksDB store), for the live margin; ignored when the baseline itself "
                    + "is served. It costs stream-thread CPU per event (docs/results.md, \"Figures behind the code\"): "
                    + "`false` gives it back")
            .define("state.cache.nodes", Type.INT, 4096, new Between(0, 10_000_000), Importance.MEDIUM,
                    "decoded states of the most recently used nodes kept in memory in front of RocksDB, per stream "
                    + "task (write-through; a few KB each with NAT + SEMBA); queries read them too but never add to "
                    + "them; `0` = none. Larger caches cost GC pauses, which raise the latency's p99 (docs/results.md, "
                    + "\"Figures behind the code\")")
            .define("model.backend", Type.STRING, "auto", new OneOf(true, List.of("auto", "cpu", "djl")),
                    Importance.MEDIUM,
                    "how NAT and SEMBA run inference: `cpu` (fused Java kernels over `jdk.incubator.vector`, several "
                    + "times cheaper per event than DJL, the same scores to ~2e-6), `djl` (PyTorch through DJL, the "
                    + "training engine and the accelerator path) or `auto` (`cpu` for models on the CPU). "
                    + "`eval --backend` takes the same values. With several models served, the models after the "
                    + "first step on a thread of their own (`linkcast-model-step`), SEMBA beside NAT, with the same "
                    + "results; `-Dlinkcast.model.parallel=false` in `LINKCAST_JAVA_OPTS` steps them in turn, and "
                    + "`-Dlinkcast.model.crew=true` lets each of the two threads take chunks of the other's loops "
                    + "when done with its own (same results; off by default: on these 2 shared cores it cost CPU). "
                    + "Both choices measured: docs/results.md, \"Figures behind the code\"")
            .define("http.host", Type.STRING, "127.0.0.1", NON_EMPTY, Importance.HIGH,
                    "HTTP interface (`0.0.0.0` in a container)")
            .define("http.port", Type.INT, 8080, new Between(0, 65_535), Importance.HIGH,
                    "HTTP port, `0` = any free port")
            .define("processing.guarantee", Type.STRING, "exactly_once_v2",
                    new OneOf(false, List.of("exactly_once_v2", "at_least_once")), Importance.HIGH,
                    "exactly once: a prediction is readable when its transaction commits, with the state it wrote; "
                    + "at least once: a crash may publish some predictions twice")
            .define("commit.interval.ms", Type.LONG, 100L, new Between(1, 600_000), Importance.MEDIUM,
                    "Kafka Streams commit interval: under exactly-once a prediction becomes readable when its "
                    + "transaction commits, and the stream thread waits for the broker at each commit: a longer "
                    + "interval gives more throughput and a longer latency (docs/results.md, \"Figures behind the "
                    + "code\")");

    private ConfigKeys() {
    }

    /** Whether {@code key} is one of the service's own settings. */
    static boolean known(String key) {
        return DEFINITION.configKeys().containsKey(key);
    }

    /**
     * Every setting, typed, from {@code values} (the service's own keys only; a key not given takes its default).
     * A value that does not parse or is not valid fails with the key's name, what it expects and what it got.
     */
    static Map<String, Object> parse(Map<String, String> values) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (ConfigKey k : DEFINITION.configKeys().values()) {
            String raw = values.get(k.name);
            Object value;
            try {
                value = raw == null ? k.defaultValue : ConfigDef.parseType(k.name, raw, k.type);
                if (k.validator != null) {
                    k.validator.ensureValid(k.name, value);
                }
            } catch (org.apache.kafka.common.config.ConfigException e) {
                throw new ConfigException("config key '" + k.name + "': expected " + accepted(k, true) + ", got '"
                        + raw + "'");
            }
            parsed.put(k.name, value instanceof Password p ? p.value() : value);
        }
        return parsed;
    }

    /** The README's configuration table: key, default, valid values and meaning, in the order of definition. */
    static String markdownTable() {
        List<String> lines = new ArrayList<>();
        lines.add("| key | default | values | meaning |");
        lines.add("|---|---|---|---|");
        for (ConfigKey k : DEFINITION.configKeys().values()) {
            String dflt = k.defaultValue instanceof Password p ? p.value() : String.valueOf(k.defaultValue);
            String shown = dflt.isEmpty() ? "empty" : "`" + dflt + "`";
            lines.add("| `" + k.name + "` | " + shown + " | " + accepted(k, false) + " | " + k.documentation + " |");
        }
        return String.join("\n", lines) + "\n";
    }

    /** What {@code k} accepts: as the table's "values" cell, or as the object of "expected" in an error message. */
    private static String accepted(ConfigKey k, boolean sentence) {
        if (k.validator instanceof Between || k.validator instanceof OneOf) {
            return (sentence ? k.validator instanceof Between ? "an integer in " : "one of " : "") + k.validator;
        }
        if (k.type == Type.BOOLEAN) {
            return sentence ? "true or false" : "true, false";
        }
        if (k.validator == NON_EMPTY) {
            return sentence ? "a value that is not empty" : "not empty";
        }
        return sentence ? "a " + k.type.name().toLowerCase(java.util.Locale.ROOT) : "";
    }

    /** An integer in min..max (ConfigDef's own Range says "at least"/"no more than", without the other bound). */
    record Between(long min, long max) implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            long n = ((Number) value).longValue();
            if (n < min || n > max) {
                throw new org.apache.kafka.common.config.ConfigException(name, value, "outside " + this);
            }
        }

        @Override
        public String toString() {
            return min + ".." + max;
        }
    }

    /** One of a list of strings, in that order (ConfigDef's ValidString and its case-insensitive twin print a set). */
    record OneOf(boolean ignoreCase, List<String> values) implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String v = (String) value;
            if (values.stream().noneMatch(ignoreCase ? v::equalsIgnoreCase : v::equals)) {
                throw new org.apache.kafka.common.config.ConfigException(name, value, "not one of " + this);
            }
        }

        @Override
        public String toString() {
            return String.join(", ", values) + (ignoreCase ? " (any case)" : "");
        }
    }
}
