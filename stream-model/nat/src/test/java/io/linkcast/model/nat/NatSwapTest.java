package io.linkcast.model.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.linkcast.model.engine.CompositeModel;
import io.linkcast.model.engine.CompositeState;
import io.linkcast.model.engine.ModelHandle;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hot swap refuses a NAT whose records read byte for byte like the running one's but mean something else (issue
 * 15, item 3): another slot hash puts a neighbour in another slot, so the running dictionaries would be misread.
 */
class NatSwapTest {
    private static final NatConfig SMALL = NatConfig.defaults().withSlots(16, 8).withDims(4, 32, 8, 10, 32, 0, 2);

    @Test
    void shouldRefuseAnotherSlotHashAndAcceptOtherWeights() throws Exception {
        try (NatNetwork running = NatNetwork.create(SMALL, 1, Device.cpu());
                NatNetwork retrained = NatNetwork.create(SMALL, 2, Device.cpu());
                NatNetwork rehashed = NatNetwork.create(SMALL.withHashSeed(12345L), 1,
                        Device.cpu())) {
            ModelHandle<CompositeState> handle = new ModelHandle<>(
                    new CompositeModel(List.of(new NatModel(running, "v1"))));
            assertThatThrownBy(() -> handle.swap(new CompositeModel(List.of(new NatModel(rehashed, "v3")))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keeps its node states differently")
                    .hasMessageContaining("hash=Mix64[seed=12345]");
            assertThat(handle.swap(new CompositeModel(List.of(new NatModel(retrained, "v2")))).version())
                    .contains("v2");
        }
    }
}
