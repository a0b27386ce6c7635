package io.linkcast.state;

import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;

/**
 * Store keys of node ids: the 8-byte big-endian form of the internal id. Big-endian keeps RocksDB's byte order
 * equal to the numeric order of non-negative ids, so range scans follow ids.
 */
public final class NodeKeys {
    /** Length of every node key. */
    public static final int BYTES = Long.BYTES;

    private NodeKeys() {
    }

    /** The key of node {@code id}. */
    public static Bytes toKey(long id) {
        return Bytes.wrap(ByteBuffer.allocate(BYTES).putLong(id).array());
    }

    /**
     * The node id of {@code key}.
     *
     * @throws IllegalArgumentException if the key is not 8 bytes long
     */
    public static long fromKey(Bytes key) {
        byte[] b = key.get();
        if (b.length != BYTES) {
            throw new IllegalArgumentException("a node key has " + BYTES + " bytes, got " + b.length);
        }
        return ByteBuffer.wrap(b).getLong();
    }
}
