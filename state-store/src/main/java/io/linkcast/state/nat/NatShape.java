package io.linkcast.state.nat;

/**
 * The dimensions of a NAT node record: how many slots each N-cache hop has and how wide the stored vectors
 * are. Every record of one model has the same shape; its size then depends only on how many slots are used.
 *
 * @param m1 slots of the 1-hop cache N^(1); a power of two in [1, 4096]
 * @param m2 slots of the 2-hop cache N^(2); 0 (no 2-hop cache) or a power of two in [1, 4096]
 * @param valueDim d_z, floats in the value vector of every slot, in [1, 4096]
 * @param selfDim d_s, floats in the self representation (and in each slot's neighbour snapshot), in [1, 4096]
 */
public record NatShape(int m1, int m2, int valueDim, int selfDim) {
    /** Largest slot count or vector width a record may have (keeps records far below any store limit). */
    public static final int MAX = 4096;

    public NatShape {
        if (m1 < 1 || m1 > MAX || Integer.bitCount(m1) != 1) {
            throw new IllegalArgumentException("m1 must be a power of two in [1, " + MAX + "], got " + m1);
        }
        if (m2 != 0 && (m2 > MAX || m2 < 0 || Integer.bitCount(m2) != 1)) {
            throw new IllegalArgumentException("m2 must be 0 or a power of two in [1, " + MAX + "], got " + m2);
        }
        if (valueDim < 1 || valueDim > MAX) {
            throw new IllegalArgumentException("valueDim must be in [1, " + MAX + "], got " + valueDim);
        }
        if (selfDim < 1 || selfDim > MAX) {
            throw new IllegalArgumentException("selfDim must be in [1, " + MAX + "], got " + selfDim);
        }
    }

    /** Slots of hop {@code hop} (0, 1 or 2). */
    public int slots(int hop) {
        switch (hop) {
            case 0:
                return 1;
            case 1:
                return m1;
            case 2:
                return m2;
            default:
                throw new IllegalArgumentException("hop must be 0, 1 or 2, got " + hop);
        }
    }

    /** Width of the neighbour snapshot stored per slot of {@code hop}: N^(0) refreshes from the node's own self. */
    public int snapshotDim(int hop) {
        return hop == 0 ? 0 : selfDim;
    }
}
