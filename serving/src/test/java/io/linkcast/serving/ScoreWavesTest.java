package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.SyntheticConfig;
import io.linkcast.ingest.SyntheticStream;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.nat.NatConfig;
import io.linkcast.model.nat.NatModel;
import io.linkcast.model.nat.NatNetwork;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.nat.NatNodeState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Score requests gathered into waves (issue 19, item 1): the same numbers as one pair at a time, with a NAT on the CPU
 * backend over a seeded stream; requests that wait together are scored together; the bounds refuse at once.
 */
class ScoreWavesTest {
    private static final NatConfig SMALL = NatConfig.defaults().withSlots(16, 8).withDims(4, 32, 8, 10, 32, 0, 2);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService clients = Executors.newFixedThreadPool(12);
    private NatNetwork network;
    private MicroBatchEngine<NatNodeState> engine;

    @BeforeEach
    void streamIntoANat() {
        network = NatNetwork.create(SMALL, 5, Device.cpu());
        engine = new MicroBatchEngine<>(new NatModel(network, "v1"), new InMemoryNodeStateStore<>());
        Iterator<Interaction> it = new SyntheticStream(SyntheticConfig.defaults(200, 3_000, 11)).iterator();
        List<SequencedEvent> events = new ArrayList<>();
        for (long seq = 0; it.hasNext(); seq++) {
            events.add(new SequencedEvent(seq, it.next()));
        }
        engine.process(events);
    }

    @AfterEach
    void close() {
        clients.shutdownNow();
        network.close();
    }

    @Test
    void shouldScoreRequestsThatWaitTogetherAsOneWaveWithTheNumbersOfOnePairAtATime() throws Exception {
        QueryGate gate = new QueryGate(1, 16, 60_000, registry);
        List<List<Query>> requests = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            // one request of three pairs among single ones
            requests.add(i == 4 ? List.of(q(i, 7), q(7, i), q(i, i + 100)) : List.of(q(i, 50 + i)));
        }
        List<Future<List<ModelOutput>>> answers = new ArrayList<>();
        try (ScoreWaves waves = new ScoreWaves(engine::score, gate, 16, 60_000, 1_000, registry)) {
            // while another query holds the only turn, the first request reaches the worker and the rest queue behind it
            gate.submit(() -> {
                answers.add(clients.submit(() -> waves.score(requests.get(0))));
                while (!gate.turnWanted()) {
                    Thread.sleep(1);
                }
                for (List<Query> r : requests.subList(1, requests.size())) {
                    answers.add(clients.submit(() -> waves.score(r)));
                }
                while (waves.waiting() < requests.size() - 1) {
                    Thread.sleep(1);
                }
                return null;
            }).get();
            for (int i = 0; i < requests.size(); i++) {
                List<ModelOutput> got = answers.get(i).get();
                List<ModelOutput> alone = new ArrayList<>();
                for (Query q : requests.get(i)) {
                    alone.addAll(engine.score(List.of(q)));
                }
                assertThat(got).as("request %d", i).isEqualTo(alone);
            }
        }
        var waveSizes = registry.get("linkcast_query_wave_pairs").summary();
        assertThat(waveSizes.count()).isEqualTo(2);
        assertThat(waveSizes.max()).isEqualTo(10);
        assertThat(gate.figures()).containsEntry("admitted", 1L + requests.size()).containsEntry("refused", 0L);
    }

    @Test
    void shouldRefuseAtOnceWhenTheQueueIsFullAndAfterTheLongestWait() throws Exception {
        QueryGate gate = new QueryGate(1, 16, 60_000, registry);
        try (ScoreWaves waves = new ScoreWaves(engine::score, gate, 1, 1, 1_000, registry)) {
            Future<List<ModelOutput>>[] held = holdTurnWhile(gate, waves);
            assertThat(held[0].get()).hasSize(1);
            assertThatThrownBy(() -> held[1].get()).hasCauseInstanceOf(QueryGate.Full.class)
                    .hasMessageContaining("no turn to score within 1 ms");
        }
        assertThat(gate.figures()).containsEntry("refused", 2L);
    }

    /**
     * Holds the gate's turn while one request reaches the worker, a second one fills the queue of one, and a third is
     * refused at once; the turn is released after the second has waited more than its 1 ms.
     */
    @SuppressWarnings("unchecked")
    private Future<List<ModelOutput>>[] holdTurnWhile(QueryGate gate, ScoreWaves waves) throws Exception {
        Future<List<ModelOutput>>[] f = new Future[2];
        gate.submit(() -> {
            f[0] = clients.submit(() -> waves.score(List.of(q(1, 2))));
            while (!gate.turnWanted()) {
                Thread.sleep(1);
            }
            f[1] = clients.submit(() -> waves.score(List.of(q(3, 4))));
            while (waves.waiting() < 1) {
                Thread.sleep(1);
            }
            assertThatThrownBy(() -> waves.score(List.of(q(5, 6)))).isInstanceOf(QueryGate.Full.class)
                    .hasMessageContaining("too many score requests waiting");
            Thread.sleep(20);
            return null;
        }).get();
        return f;
    }

    private static Query q(long src, long dst) {
        return new Query(src, dst, 1e9);
    }
}
