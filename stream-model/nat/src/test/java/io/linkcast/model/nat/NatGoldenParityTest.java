package io.linkcast.model.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.compact.StatePrecision;
import io.linkcast.state.nat.NatNodeState;
import io.linkcast.state.nat.NatSlots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replays the golden fixture of the original Python NAT (shared/golden/nat, see its README) through the
 * engine with batch size 1 under the original code's slot semantics (the fixture {@link OriginalSlotSemantics}):
 * every N-cache slot must match key, edge id and
 * time exactly, slot by slot, and every logit, probability, Z and self representation within
 * 1e-5·max(1, |ref|). The model keeps float32 state ({@link StatePrecision#FP32}), as the original does.
 */
class NatGoldenParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOL = 1e-5;


    private int slotComparisons;
    private int valueComparisons;
    private double worstLogit;

    @ParameterizedTest
    @EnumSource(value = InferenceBackend.class, names = {"DJL", "CPU"})
    void shouldReproduceTheOriginalNatReplaySlotBySlot(InferenceBackend backend) throws IOException {
        String dir = System.getProperty("linkcast.golden.dir");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "nat")), "golden fixture not found: " + dir);
        Path golden = Path.of(dir, "nat");
        JsonNode config = JSON.readTree(golden.resolve("config.json").toFile());
        JsonNode weights = JSON.readTree(golden.resolve("weights.json").toFile());
        List<JsonNode> trace = new ArrayList<>();
        for (String line : Files.readAllLines(golden.resolve("trace.jsonl"))) {
            trace.add(JSON.readTree(line));
        }
        JsonNode dims = config.get("dims");
        JsonNode hyper = config.get("hyper");
        NatConfig natConfig = OriginalSlotSemantics.config()
                .withSlots(dims.get("num_neighbors [M0, M1, M2]").get(1).asInt(),
                        dims.get("num_neighbors [M0, M1, M2]").get(2).asInt())
                .withDims(dims.get("d_z (ngh_dim)").asInt(), dims.get("d_s (self_dim)").asInt(),
                        dims.get("d_p (pos_dim)").asInt(), dims.get("d_t (time_dim)").asInt(), dims.get("d_n").asInt(),
                        dims.get("d_e").asInt(), dims.get("heads").asInt())
                .withAlpha(hyper.get("replace_prob_alpha").asDouble()).withDropout(hyper.get("dropout").asDouble());

        InMemoryNodeStateStore<NatNodeState> store = new InMemoryNodeStateStore<>();
        try (NatNetwork network = NatNetwork.create(natConfig, 0, Device.cpu())) {
            int loaded = loadWeights(network, weights);
            assertThat(loaded).isEqualTo(network.block().parametersByName().size());
            NeighbourSelfSource live = node -> {
                NatNodeState s = store.getAll(new long[] {node}).get(0);
                return s == null ? null : s.self();
            };
            NatModel model = new NatModel(network, "golden",
                    OriginalSlotSemantics.of(hyper.get("hash_seed_a").asLong(), live), backend, StatePrecision.FP32);
            MicroBatchEngine<NatNodeState> engine = new MicroBatchEngine<>(model, store);

            for (JsonNode e : trace) {
                int k = e.get("event").asInt();
                long u = e.get("u").asLong();
                long v = e.get("v").asLong();
                long neg = e.get("neg").asLong();
                double t = e.get("t").asDouble();
                assertThat(e.get("eidx").asLong()).isEqualTo(k);

                float negLogit = model.scoreLogits(List.of(new Query(u, neg, t)), List.of(stateOf(store, model, u)),
                        List.of(stateOf(store, model, neg)))[0];
                float[] posLogit = new float[1];
                Interaction event = new Interaction(Long.toString(u), Long.toString(v), u, v, t, 0, Double.NaN, null);
                List<ModelOutput> out = engine.process(List.of(new SequencedEvent(k, event)), wave -> {
                    NatModel.StepResult r = model.stepWithLogits(wave);
                    posLogit[0] = r.logits()[0];
                    return r.output();
                });

                String where = "event " + k;
                close(posLogit[0], e.get("pos_logit").asDouble(), where + " pos_logit");
                close(negLogit, e.get("neg_logit").asDouble(), where + " neg_logit");
                close(out.get(0).pLink(), e.get("pos_prob").asDouble(), where + " pos_prob");
                close(NatModel.sigmoid(negLogit), e.get("neg_prob").asDouble(), where + " neg_prob");
                worstLogit = Math.max(worstLogit, Math.abs(posLogit[0] - e.get("pos_logit").asDouble()));
                Iterator<Map.Entry<String, JsonNode>> nodes = e.get("state_after").fields();
                while (nodes.hasNext()) {
                    Map.Entry<String, JsonNode> n = nodes.next();
                    long id = Long.parseLong(n.getKey());
                    compareNode(stateOf(store, model, id), n.getValue(), where + " node " + id);
                }
            }
            JsonNode fin = JSON.readTree(golden.resolve("final_state.json").toFile());
            Iterator<Map.Entry<String, JsonNode>> nodes = fin.fields();
            int finalNodes = 0;
            while (nodes.hasNext()) {
                Map.Entry<String, JsonNode> n = nodes.next();
                long id = Long.parseLong(n.getKey());
                compareNode(stateOf(store, model, id), n.getValue(), "final node " + id);
                finalNodes++;
            }
            assertThat(finalNodes).isEqualTo(12);
        }
        // 40 events x 3 nodes x 9 slots, plus the final 12 nodes x 9 slots
        assertThat(slotComparisons).isEqualTo(40 * 3 * 9 + 12 * 9);
        assertThat(valueComparisons).isGreaterThan(1000);
        System.out.printf("NAT golden parity (" + backend + "): %d slots exact, %d values within tolerance, worst |pos logit - ref| %.3g%n",
                slotComparisons, valueComparisons, worstLogit);
    }

    private static NatNodeState stateOf(InMemoryNodeStateStore<NatNodeState> store, NatModel model, long id) {
        NatNodeState s = store.getAll(new long[] {id}).get(0);
        return s != null ? s : model.emptyState(id);
    }

    private static int loadWeights(NatNetwork network, JsonNode weights) {
        int loaded = 0;
        Iterator<Map.Entry<String, JsonNode>> it = weights.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> w = it.next();
            if (!network.block().parametersByName().containsKey(w.getKey())) {
                // the frozen feature tables: all zeros in the fixture, and linkcast events carry no features
                assertThat(w.getKey()).isIn("node_raw_embed.weight", "edge_raw_embed.weight");
                assertThat(flatten(w.getValue().get("values"))).containsOnly(0f);
                continue;
            }
            network.setParameter(w.getKey(), flatten(w.getValue().get("values")));
            loaded++;
        }
        return loaded;
    }

    private static float[] flatten(JsonNode values) {
        List<Float> out = new ArrayList<>();
        flattenInto(values, out);
        float[] a = new float[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    private static void flattenInto(JsonNode node, List<Float> out) {
        if (node.isArray()) {
            node.forEach(c -> flattenInto(c, out));
        } else {
            out.add((float) node.asDouble());
        }
    }

    private void compareNode(NatNodeState s, JsonNode ref, String where) {
        compareHop(s.n0(), ref.get("n0"), where + " n0", true);
        compareHop(s.n1(), ref.get("n1"), where + " n1", false);
        compareHop(s.n2(), ref.get("n2"), where + " n2", false);
        JsonNode self = ref.get("self_rep");
        assertThat(self.size()).isEqualTo(s.self().length);
        for (int i = 0; i < self.size(); i++) {
            close(s.self()[i], self.get(i).asDouble(), where + " self_rep[" + i + "]");
        }
        JsonNode prev = ref.get("prev_raw");
        long other = prev.get("other").asLong();
        assertThat(s.previous().present()).as(where + " prev present").isEqualTo(other != 0);
        assertThat(s.previous().other()).as(where + " prev other").isEqualTo(other);
        assertThat(s.previous().seq()).as(where + " prev eidx").isEqualTo(prev.get("eidx").asLong());
        assertThat(s.previous().time()).as(where + " prev ts").isEqualTo(prev.get("ts").asDouble());
    }

    private void compareHop(NatSlots slots, JsonNode ref, String where, boolean implicitKey) {
        assertThat(ref.size()).as(where + " slot count").isEqualTo(slots.capacity());
        for (int i = 0; i < ref.size(); i++) {
            JsonNode r = ref.get(i);
            long key = r.get("key").asLong();
            double ts = r.get("ts").asDouble();
            String at = where + " slot " + i;
            // N^(0) keys are implicit here: the original sets them for every queried node, even with ts = 0
            boolean written = key != 0 && !(implicitKey && ts == 0);
            assertThat(slots.isUsed(i)).as(at + " written").isEqualTo(written);
            if (written) {
                assertThat(slots.key(i)).as(at + " key").isEqualTo(key);
                assertThat(slots.seq(i)).as(at + " eidx").isEqualTo(r.get("eidx").asLong());
                assertThat(slots.time(i)).as(at + " ts").isEqualTo(ts);
                JsonNode z = r.get("z");
                for (int j = 0; j < z.size(); j++) {
                    close(slots.value(i, j), z.get(j).asDouble(), at + " z[" + j + "]");
                }
            }
            slotComparisons++;
        }
    }

    private void close(double actual, double ref, String what) {
        assertThat(Math.abs(actual - ref)).as(what + ": java " + actual + " vs ref " + ref)
                .isLessThanOrEqualTo(TOL * Math.max(1, Math.abs(ref)));
        valueComparisons++;
    }
}
