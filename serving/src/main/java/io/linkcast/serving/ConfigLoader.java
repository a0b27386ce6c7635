package io.linkcast.serving;

import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.serving.topology.TopologySettings;
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
 * Reads {@link ServiceConfig} from {@code key=value} settings. Every key is known, typed and range-checked
 * ({@link ConfigKeys}); an unknown key or a bad value fails at start with the key's name, so a typo never runs
 * silently with a default.
 */
public final class ConfigLoader {
    private ConfigLoader() {
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
            if (!ConfigKeys.known(key) && !KafkaClientSettings.isKafkaKey(key)) {
                throw new ConfigException("unknown config key '" + key + "'; known keys: "
                        + new TreeSet<>(ConfigKeys.DEFINITION.names()) + ", and Kafka client settings: security.protocol, "
                        + "sasl.*, ssl.*, kafka.<any client setting>");
            }
        }
        Map<String, Object> v = ConfigKeys.parse(values);
        String bootstrap = (String) v.get("bootstrap.servers");
        Map<String, String> kafka = KafkaClientSettings.from(values);
        if (bootstrap.isEmpty()) {
            for (String name : kafka.keySet()) {
                if (name.equals("security.protocol") || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                    throw new ConfigException("config key '" + name + "': security settings need bootstrap.servers "
                            + "(the embedded broker is plaintext on the loopback address)");
                }
            }
        }
        TopologySettings topology = new TopologySettings((String) v.get("topic.interactions"), (String) v.get("topic.dlq"),
                (String) v.get("topic.predictions"), (int) v.get("batch.max"), (long) v.get("batch.flush.ms"),
                (int) v.get("record.max.bytes"), (boolean) v.get("quality.live"), (boolean) v.get("quality.baseline"),
                (int) v.get("state.cache.nodes"), (int) v.get("topic.partitions"), (int) v.get("chain.window"));
        String httpHost = (String) v.get("http.host");
        int httpPort = (int) v.get("http.port");
        InferenceBackend backend = InferenceBackend.parse("config key 'model.backend'", (String) v.get("model.backend"));
        String modelsDir = (String) v.get("models.dir");
        if (!modelsDir.isEmpty() && !Files.isDirectory(Path.of(modelsDir))) {
            throw new ConfigException("config key 'models.dir': " + modelsDir + " is not a directory");
        }
        HttpAccess access = new HttpAccess((String) v.get("http.admin.token"), (String) v.get("http.read.token"),
                modelsDir.isEmpty() ? null : Path.of(modelsDir).toAbsolutePath().normalize());
        ServiceConfig.QueryLimits limits = new ServiceConfig.QueryLimits((int) v.get("query.concurrency"),
                (int) v.get("query.queue"), (long) v.get("query.wait.ms"), (int) v.get("query.http.threads"));
        String stateDir = (String) v.get("state.dir");
        // made up last, so that a rejected config leaves no directory behind
        Path dir;
        try {
            dir = stateDir.isEmpty() ? TemporaryStateDir.create("linkcast-state") : Path.of(stateDir);
        } catch (IOException e) {
            throw new ConfigException("config key 'state.dir': cannot create a temporary directory: " + e.getMessage());
        }
        return new ServiceConfig(bootstrap.isEmpty() ? null : bootstrap, (String) v.get("application.id"), dir, topology,
                (int) v.get("stream.threads"), (int) v.get("standby.replicas"), httpHost, httpPort,
                v.get("processing.guarantee").equals("exactly_once_v2"), (long) v.get("commit.interval.ms"), backend,
                access, limits, (int) v.get("quality.window"),
                advertised((String) v.get("http.advertised"), httpHost, httpPort), kafka);
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
}
