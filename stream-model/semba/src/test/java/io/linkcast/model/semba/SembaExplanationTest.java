package io.linkcast.model.semba;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.model.engine.HandBuiltStream;
import io.linkcast.model.engine.NodeRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SEMBA's explanation on the hand-built stream (HandBuiltStream) (issue 19, item 4): the balance of the paths 1–3–2
 * (friend of a friend: +) and 1–4–2 (enemy of a friend: −).
 */
class SembaExplanationTest {
    private static final SembaConfig SEMBA = SembaConfig.defaults(SembaTask.SIGNLINK).withDimensions(16, 8, 16, 4, 10);

    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveSembasBalanceConfigurationOfTheSharedNeighbours() {
        try (SembaModel semba = SembaModel.initialise(SEMBA, 23)) {
            Map<String, Object> e = HandBuiltStream.explain(semba, 1, 2);

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
