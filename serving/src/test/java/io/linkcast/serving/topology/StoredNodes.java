package io.linkcast.serving.topology;

import io.linkcast.state.DecodedNodeStore;
import io.linkcast.state.StateCodec;
import org.apache.kafka.streams.TopologyTestDriver;

/** The node store of a driven topology, and a codec for writing records through it as they are. */
final class StoredNodes {
    /** Leaves records as they are: for storing bytes no model would write (a corrupt record). */
    static final StateCodec<byte[]> AS_STORED = new StateCodec<>() {
        @Override
        public int version() {
            return 0;
        }

        @Override
        public byte[] encode(byte[] state) {
            return state;
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return bytes;
        }
    };

    private StoredNodes() {
    }

    /** The served models' node store: the layer the processor reads and writes through. */
    static DecodedNodeStore of(TopologyTestDriver driver) {
        return (DecodedNodeStore) driver.getStateStore(TopologySettings.NODE_STATE_STORE);
    }
}
