package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.InteractionJson;
import io.linkcast.ingest.SyntheticConfig;
import io.linkcast.ingest.SyntheticStream;
import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.model.engine.CompositeModel;
import io.linkcast.model.engine.CompositeState;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.ModelLoaders;
import io.linkcast.model.nat.NatArtifact;
import io.linkcast.model.nat.NatConfig;
import io.linkcast.model.nat.NatNetwork;
import io.linkcast.model.semba.SembaArtifact;
import io.linkcast.model.semba.SembaConfig;
import io.linkcast.model.semba.SembaModel;
import io.linkcast.model.semba.SembaTask;
import io.linkcast.model.semba.SembaTrainingConfig;
import io.linkcast.model.semba.SembaTrainingMetrics;
import io.linkcast.serving.topology.Prediction;
import io.linkcast.serving.topology.PredictionJson;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.NodeKeys;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Kills the service with SIGKILL in the middle of a stream (a separate JVM, so nothing gets to clean up),
 * restarts it, and checks that every input event has exactly one prediction, equal to an uninterrupted
 * run, and that the final node states in the changelog equal the uninterrupted run's states.
 */
class CrashRecoveryIntegrationTest extends EmbeddedBrokerTest {
    private static final int EVENTS = 6000;
    private static Process serve(String stateDir) throws Exception {
        return serve("crash", stateDir);
    }

    /** A separate serve JVM over topics {@code name.*} (application {@code name-app}), with {@code extra} arguments. */
    private static Process serve(String name, String stateDir, String... extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dai.djl.offline=true", LinkcastCli.class.getName(), "serve",
                "--bootstrap-servers", broker.bootstrapServers(), "--state-dir", dir.resolve(stateDir).toString(),
                "--http-port", "0", "--batch", "50", "--set", "application.id=" + name + "-app",
                "--set", "topic.interactions=" + name + ".interactions", "--set", "topic.dlq=" + name + ".dlq",
                "--set", "topic.predictions=" + name + ".predictions"));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(stateDir + ".log").toFile());
        return pb.start();
    }

    private static String tail(Path log) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Test
    void shouldLoseAndRepeatNothingWhenKilledMidStream() throws Exception {
        List<Interaction> events = new ArrayList<>();
        new SyntheticStream(SyntheticConfig.defaults(300, EVENTS, 21)).forEach(events::add);
        List<String> json = events.stream().map(e -> new String(InteractionJson.encode(e), StandardCharsets.UTF_8)).toList();
        String bootstrap = broker.bootstrapServers();

        Process first = serve("state-1");
        KafkaTestSupport.produce(bootstrap, "crash.interactions", json.subList(0, EVENTS / 2));
        // wait until it is visibly working, then kill it without warning
        List<ConsumerRecord<byte[], byte[]>> seen = KafkaTestSupport.consume(bootstrap, "crash.predictions", 500,
                Duration.ofSeconds(180));
        assertThat(seen.size()).as("predictions before the crash; service log:%n%s", tail(dir.resolve("state-1.log")))
                .isGreaterThanOrEqualTo(500);
        KafkaTestSupport.produce(bootstrap, "crash.interactions", json.subList(EVENTS / 2, EVENTS));
        first.destroyForcibly().waitFor();

        Process second = serve("state-2");
        try {
            // generous: after SIGKILL the dead producer's open transaction blocks read_committed readers until
            // the broker aborts it (transaction timeout), and the dead member holds the partition for a session
            List<ConsumerRecord<byte[], byte[]>> all = KafkaTestSupport.consume(bootstrap, "crash.predictions", EVENTS,
                    Duration.ofSeconds(300));
            assertThat(all).as("committed predictions after the restart; restarted service's log:%n%s",
                    tail(dir.resolve("state-2.log"))).hasSize(EVENTS);

            CompositeModel model = new CompositeModel(List.of(new BaselineModel(BaselineConfig.defaults())));
            InMemoryNodeStateStore<CompositeState> reference = new InMemoryNodeStateStore<>();
            MicroBatchEngine<CompositeState> engine = new MicroBatchEngine<>(model, reference);
            List<SequencedEvent> seq = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                seq.add(new SequencedEvent(i, events.get(i)));
            }
            List<ModelOutput> expected = engine.process(seq);
            for (int i = 0; i < EVENTS; i++) {
                Prediction p = PredictionJson.decode(all.get(i).value());
                assertThat(p.offset()).isEqualTo(i);
                assertThat(p.pLink()).as("p_link of event %d", i).isEqualTo(expected.get(i).pLink());
                assertThat(p.pPositive()).as("p_positive of event %d", i).isEqualTo(expected.get(i).pPositive());
            }

            Map<Long, byte[]> finalState = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : KafkaTestSupport.consume(bootstrap, "crash-app-node-state-changelog",
                    Integer.MAX_VALUE, Duration.ofSeconds(3))) {
                finalState.put(NodeKeys.fromKey(Bytes.wrap(r.key())), r.value());
            }
            long[] ids = finalState.keySet().stream().mapToLong(Long::longValue).toArray();
            List<CompositeState> want = reference.getAll(ids);
            assertThat(reference.approximateSize()).isEqualTo(ids.length);
            for (int i = 0; i < ids.length; i++) {
                assertThat(model.codec().decode(finalState.get(ids[i]))).as("state of node %d", ids[i]).isEqualTo(want.get(i));
            }
        } finally {
            second.destroy();
            second.waitFor();
        }
        assertThat(new File(dir.toFile(), "state-1.log")).exists();
    }

    /**
     * NAT and SEMBA served (seeded weights, saved as artifacts and loaded by serve as a user's would be), killed with
     * SIGKILL at three seeded points of the stream and restarted each time on the SAME state directory: every event
     * gets exactly one committed prediction, equal to what the same artifacts give in one uninterrupted pass.
     */
    @Test
    void shouldLoseAndRepeatNothingWithNatAndSembaKilledThreeTimesOnTheSameStateDir() throws Exception {
        int n = 3000;
        List<Interaction> events = new ArrayList<>();
        new SyntheticStream(SyntheticConfig.defaults(300, n, 31)).forEach(events::add);
        List<String> json = events.stream().map(e -> new String(InteractionJson.encode(e), StandardCharsets.UTF_8)).toList();
        Path nat = dir.resolve("nat-artifact");
        Path semba = dir.resolve("semba-artifact");
        try (NatNetwork network = NatNetwork.create(NatConfig.defaults(), 7, Device.cpu());
                SembaModel model = SembaModel.initialise(SembaConfig.defaults(SembaTask.SIGN), 8)) {
            NatArtifact.save(nat, network, Map.of("seed", 7));
            SembaArtifact.save(semba, model, new SembaTrainingMetrics(SembaTrainingConfig.defaults(), 0, 0, List.of(),
                    List.of(), List.of(), 0, Map.of(), 0));
        }
        String[] models = {"--model", "nat=" + nat, "--model", "semba=" + semba};
        String bootstrap = broker.bootstrapServers();
        SplittableRandom random = new SplittableRandom(13);
        int chunk = n / 4;
        Process serve = serve("models", "models-state", models);
        try {
            for (int kill = 0; kill < 3; kill++) {
                KafkaTestSupport.produce(bootstrap, "models.interactions", json.subList(kill * chunk, (kill + 1) * chunk));
                int at = kill * chunk + 50 + random.nextInt(chunk - 100);
                assertThat(KafkaTestSupport.consume(bootstrap, "models.predictions", at, Duration.ofSeconds(180)).size())
                        .as("predictions before kill %d; service log:%n%s", kill, tail(dir.resolve("models-state.log")))
                        .isGreaterThanOrEqualTo(at);
                serve.destroyForcibly().waitFor();
                serve = serve("models", "models-state", models);
            }
            KafkaTestSupport.produce(bootstrap, "models.interactions", json.subList(3 * chunk, n));
            List<ConsumerRecord<byte[], byte[]>> all = KafkaTestSupport.consume(bootstrap, "models.predictions", n,
                    Duration.ofSeconds(300));
            assertThat(all).as("committed predictions after three kills; log:%n%s", tail(dir.resolve("models-state.log")))
                    .hasSize(n);

            List<SequencedEvent> seq = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                seq.add(new SequencedEvent(i, events.get(i)));
            }
            List<ModelOutput> expected;
            try (ServedModels reference = ServedModels.load(List.of("nat=" + nat, "semba=" + semba),
                    ModelLoaders.discover().withBackend(InferenceBackend.AUTO))) {
                expected = new MicroBatchEngine<>(reference.handle().current(), new InMemoryNodeStateStore<>()).process(seq);
            }
            for (int i = 0; i < n; i++) {
                Prediction p = PredictionJson.decode(all.get(i).value());
                assertThat(p.offset()).isEqualTo(i);
                assertThat(p.pLink()).as("p_link of event %d", i).isEqualTo(expected.get(i).pLink());
                assertThat(p.pPositive()).as("p_positive of event %d", i).isEqualTo(expected.get(i).pPositive());
            }
        } finally {
            serve.destroy();
            serve.waitFor();
        }
    }
}
