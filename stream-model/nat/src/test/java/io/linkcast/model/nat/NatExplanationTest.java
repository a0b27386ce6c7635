package io.linkcast.model.nat;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.linkcast.model.engine.HandBuiltStream;
import io.linkcast.model.engine.NodeRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NAT's explanation on a small hand-built stream whose answer is known (issue 19, item 4): 1 and 2 both rated 3 and 4,
 * and 5 rated only 6, so (1, 2) share 3 and 4 at hop 1 on both sides and (1, 5) share nothing.
 */
class NatExplanationTest {
    private static final NatConfig NAT = NatConfig.defaults().withSlots(16, 8).withDims(4, 32, 8, 10, 32, 0, 2);

    @Test
    @SuppressWarnings("unchecked")
    void shouldNameTheNeighboursBothNatDictionariesHoldWithTheirHops() {
        try (NatNetwork network = NatNetwork.create(NAT, 3, Device.cpu())) {
            NatModel nat = new NatModel(network, "v1");

            Map<String, Object> joint = HandBuiltStream.explain(nat, 1, 2);
            List<Map<String, Object>> shared = (List<Map<String, Object>>) joint.get("shared_neighbours");
            assertThat(shared).filteredOn(e -> e.get("src_hops").equals(List.of(1)) && e.get("dst_hops").equals(List.of(1)))
                    .extracting(e -> e.get("node")).containsExactlyInAnyOrder(new NodeRef(3), new NodeRef(4));
            // 2 reached 1 through 3 (2's 2-hop dictionary), and 1 is in its own 0-hop one
            assertThat(shared).contains(Map.of("node", new NodeRef(1), "src_hops", List.of(0), "dst_hops", List.of(2)));
            assertThat(shared).extracting(x -> ((List<Integer>) x.get("src_hops")).get(0)
                    + ((List<Integer>) x.get("dst_hops")).get(0)).as("the nearest come first").isSorted();
            assertThat((int) joint.get("joint_groups")).isEqualTo((int) joint.get("src_entries")
                    + (int) joint.get("dst_entries") - shared.size());

            Map<String, Object> apart = HandBuiltStream.explain(nat, 1, 5);
            assertThat((List<?>) apart.get("shared_neighbours")).isEmpty();
        }
    }

}
