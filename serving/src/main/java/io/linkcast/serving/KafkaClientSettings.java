package io.linkcast.serving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings linkcast passes through to its Kafka clients (Kafka Streams and its admin clients), so that it can use
 * a secured cluster and be tuned: {@code security.protocol}, {@code sasl.*} and {@code ssl.*} as they are, and any
 * other Kafka Streams, producer, consumer or admin setting behind {@code kafka.} ({@code kafka.producer.linger.ms},
 * {@code kafka.max.poll.records}). A name Kafka does not know fails at start, like any unknown key, and so does a
 * setting linkcast owns (it has its own key for it).
 */
final class KafkaClientSettings {
    static final String PREFIX = "kafka.";
    /** Kafka Streams' prefixes for one of its clients' settings. */
    private static final String[] CLIENT_PREFIXES = {"main.consumer.", "restore.consumer.", "global.consumer.", "consumer.",
        "producer.", "admin."};
    /** What linkcast sets itself, each with the linkcast key (or reason) that decides it. */
    private static final Map<String, String> OWNED = Map.of(
            "bootstrap.servers", "bootstrap.servers",
            "application.id", "application.id",
            "state.dir", "state.dir",
            "processing.guarantee", "processing.guarantee",
            "commit.interval.ms", "commit.interval.ms",
            "num.stream.threads", "stream.threads",
            "num.standby.replicas", "standby.replicas",
            "application.server", "http.advertised");
    private static final Set<String> KNOWN = known();

    private KafkaClientSettings() {
    }

    /** Whether {@code key} is a Kafka client setting rather than one of linkcast's own keys. */
    static boolean isKafkaKey(String key) {
        return key.startsWith(PREFIX) || key.equals("security.protocol") || key.startsWith("sasl.")
                || key.startsWith("ssl.");
    }

    /** The Kafka client settings among {@code values}, by Kafka's names, each checked; the others are ignored. */
    static Map<String, String> from(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (!isKafkaKey(key)) {
                continue;
            }
            String name = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
            String bare = withoutClientPrefix(name);
            if (OWNED.containsKey(bare)) {
                throw new ConfigException("config key '" + key + "': linkcast sets " + bare + " itself; use its key '"
                        + OWNED.get(bare) + "'");
            }
            if (!KNOWN.contains(bare)) {
                throw new ConfigException("config key '" + key + "': '" + bare + "' is not a Kafka Streams, producer, "
                        + "consumer or admin setting");
            }
            out.put(name, e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }

    private static String withoutClientPrefix(String name) {
        for (String p : CLIENT_PREFIXES) {
            if (name.startsWith(p)) {
                return name.substring(p.length());
            }
        }
        return name;
    }

    private static Set<String> known() {
        Set<String> names = new TreeSet<>();
        names.addAll(StreamsConfig.configDef().names());
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Collections.unmodifiableSet(names);
    }
}
