package io.linkcast.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.linkcast.ingest.Interaction;
import io.linkcast.model.nat.NatConfig;
import io.linkcast.model.nat.NatModel;
import io.linkcast.model.nat.NatNetwork;
import io.linkcast.model.semba.SembaConfig;
import io.linkcast.model.semba.SembaModel;
import io.linkcast.model.semba.SembaTask;
import io.linkcast.state.InMemoryNodeStateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Explanations on a small hand-built stream whose answer is known (issue 19, item 4): 1 and 2 both rated 3 and 4, and
 * 5 rated only 6. NAT sees 3 and 4 in both 1-hop dictionaries of (1, 2) and nothing shared for (1, 5); SEMBA sees the
 * balance of the paths 1–3–2 (friend of a friend: +) and 1–4–2 (enemy of a friend: −).
 */
class ExplanationTest {
    private static final NatConfig NAT = NatConfig.defaults().withSlots(16, 8).withDims(4, 32, 8, 10, 32, 0, 2);
    private static final SembaConfig SEMBA = SembaConfig.defaults(SembaTask.SIGNLINK).withDimensions(16, 8, 16, 4, 10);

    private static List<SequencedEvent> stream() {
        String[][] events = {{"1", "3", "1"}, {"2", "3", "1"}, {"1", "4", "-1"}, {"2", "4", "1"}, {"5", "6", "1"}};
        List<SequencedEvent> out = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            out.add(new SequencedEvent(i, Interaction.of(events[i][0], events[i][1], 100 + i,
                    Integer.parseInt(events[i][2]), Integer.parseInt(events[i][2]), "e" + i)));
        }
        return out;
    }

    private static <S> Map<String, Object> explain(StreamModel<S> model, long src, long dst) {
        InMemoryNodeStateStore<S> store = new InMemoryNodeStateStore<>();
        new MicroBatchEngine<>(model, store).process(stream());
        List<S> states = store.getAll(new long[] {src, dst});
        return model.explain(new Query(src, dst, 200), states.get(0), states.get(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldNameTheNeighboursBothNatDictionariesHoldWithTheirHops() {
        try (NatNetwork network = NatNetwork.create(NAT, 3, Device.cpu())) {
            NatModel nat = new NatModel(network, "v1");

            Map<String, Object> joint = explain(nat, 1, 2);
            List<Map<String, Object>> shared = (List<Map<String, Object>>) joint.get("shared_neighbours");
            assertThat(shared).filteredOn(e -> e.get("src_hops").equals(List.of(1)) && e.get("dst_hops").equals(List.of(1)))
                    .extracting(e -> e.get("node")).containsExactlyInAnyOrder(new NodeRef(3), new NodeRef(4));
            // 2 reached 1 through 3 (2's 2-hop dictionary), and 1 is in its own 0-hop one
            assertThat(shared).contains(Map.of("node", new NodeRef(1), "src_hops", List.of(0), "dst_hops", List.of(2)));
            assertThat(shared).extracting(x -> ((List<Integer>) x.get("src_hops")).get(0)
                    + ((List<Integer>) x.get("dst_hops")).get(0)).as("the nearest come first").isSorted();
            assertThat((int) joint.get("joint_groups")).isEqualTo((int) joint.get("src_entries")
                    + (int) joint.get("dst_entries") - shared.size());

            Map<String, Object> apart = explain(nat, 1, 5);
            assertThat((List<?>) apart.get("shared_neighbours")).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveSembasBalanceConfigurationOfTheSharedNeighbours() {
        try (SembaModel semba = SembaModel.initialise(SEMBA, 23)) {
            Map<String, Object> e = explain(semba, 1, 2);

            assertThat((List<Map<String, Object>>) e.get("balance")).containsExactly(
                    Map.of("via", new NodeRef(3), "src_sign", 1, "dst_sign", 1, "implied_sign", 1),
                    Map.of("via", new NodeRef(4), "src_sign", -1, "dst_sign", 1, "implied_sign", -1));
            assertThat(e.get("balance_implies")).isEqualTo(Map.of("positive", 1, "negative", 1));
            assertThat(e.get("previous_sign")).isNull();
            assertThat((List<Map<String, Object>>) e.get("src_neighbours")).extracting(n -> n.get("node"), n -> n.get("sign"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(new NodeRef(4), -1),
                            org.assertj.core.groups.Tuple.tuple(new NodeRef(3), 1));
        }
    }
}
