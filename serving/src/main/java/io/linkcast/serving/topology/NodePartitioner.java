package io.linkcast.serving.topology;

import io.linkcast.state.NodeKeys;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The owner of a node: partition {@code mix(id) mod P} of every chain topic, for a record keyed by the node's id
 * ({@link NodeKeys}). One function for the three topics, so that they are co-partitioned by node, and for the
 * queries that look for a node's owner. The id is mixed first: integer ids are often dense and sequential, and
 * hashed ids already random, so both spread evenly.
 */
public final class NodePartitioner implements StreamPartitioner<byte[], byte[]> {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** The partition (of {@code partitions}) that owns {@code node}. */
    public static int owner(long node, int partitions) {
        long z = node * GOLDEN;
        z = (z ^ (z >>> 32)) * 0xD6E8FEB86659FD93L;
        return Math.floorMod(z ^ (z >>> 32), partitions);
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, byte[] key, byte[] value, int numPartitions) {
        return Optional.of(Set.of(owner(NodeKeys.fromKey(Bytes.wrap(key)), numPartitions)));
    }
}
