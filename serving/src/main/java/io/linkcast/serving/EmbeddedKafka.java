package io.linkcast.serving;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running in this JVM, started the
 * way a production broker starts: the storage is formatted with {@code StorageTool}, then
 * {@code KafkaRaftServer} runs. It is what the demo and the integration tests talk to when no Kafka
 * address is given; nothing is mocked.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code dataDir} (if new) and starts a broker on loopback ports: the ports it had in {@code dataDir}
     * before where they are free, so that a restarted service is at the same address, else free ones.
     */
    public static EmbeddedKafka start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /**
     * {@link #start(Path)} with broker settings over the defaults, e.g. SASL on the client listener, which is named
     * PLAINTEXT: {@code listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:SASL_PLAINTEXT} and its JAAS.
     */
    static EmbeddedKafka start(Path dataDir, Map<String, String> overrides) {
        try {
            Files.createDirectories(dataDir);
            Path cfg = dataDir.resolve("server.properties");
            Properties before = new Properties();
            if (Files.exists(cfg)) {
                try (Reader r = Files.newBufferedReader(cfg, StandardCharsets.UTF_8)) {
                    before.load(r);
                }
            }
            int brokerPort = portOr(before.getProperty("linkcast.broker.port"));
            int controllerPort = portOr(before.getProperty("linkcast.controller.port"));
            // a port just released may come back from the next ask for a free one (the suite met it once)
            while (controllerPort == brokerPort) {
                controllerPort = freePort();
            }
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", dataDir.resolve("logs").toString());
            p.put("num.partitions", "1");
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "1");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("auto.create.topics.enable", "false");
            p.putAll(overrides);
            Properties stored = new Properties();
            stored.putAll(p);
            stored.put("linkcast.broker.port", Integer.toString(brokerPort));
            stored.put("linkcast.controller.port", Integer.toString(controllerPort));
            try (Writer w = Files.newBufferedWriter(cfg, StandardCharsets.UTF_8)) {
                stored.store(w, "linkcast embedded broker");
            }
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                ByteArrayOutputStream log = new ByteArrayOutputStream();
                int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                        "-c", cfg.toString(), "--standalone"}, new PrintStream(log, true, StandardCharsets.UTF_8));
                if (rc != 0) {
                    throw new IllegalStateException("formatting the embedded broker's storage failed: "
                            + log.toString(StandardCharsets.UTF_8));
                }
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafka(server, "127.0.0.1:" + brokerPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** The port stored before if it is free now, else a free one. */
    private static int portOr(String stored) throws IOException {
        if (stored != null) {
            try (ServerSocket s = new ServerSocket(Integer.parseInt(stored), 50, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                return s.getLocalPort();
            } catch (IOException | NumberFormatException taken) {
                // another process has it now: a new address
            }
        }
        return freePort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
