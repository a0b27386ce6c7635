package io.linkcast.model.nat;

import io.linkcast.state.nat.NatShape;

/**
 * Every setting of a NAT model (nat-spec.md §0), validated; stored in the artifact ({@link NatArtifact}).
 * {@link #defaults()} uses the spec's parser and README settings. The fixes of the original's defects (mixing
 * hash, Δt time input, written flag, neighbour snapshots) are not settings: they are what a served record means
 * ({@link ServedSlotSemantics}).
 *
 * @param m1 1-hop slots per node (power of two)
 * @param m2 2-hop slots per node (0 disables the 2-hop cache, else a power of two)
 * @param valueDim d_z, value vector per slot
 * @param selfDim d_s, self representation
 * @param positionDim d_p, distance-encoding embedding width
 * @param timeDim d_t, time-encoding width
 * @param pairDim d_n, width of the pair embedding (the original's node-feature width; linkcast events carry
 *     no node features, so the feature block of the joint rows is zero)
 * @param edgeFeatureDim d_e, width of the (always zero) edge-feature block of the GRU inputs; 0 drops it, a
 *     positive value keeps the original weight shapes loadable
 * @param heads H, projections of the aggregator (averaged)
 * @param alpha probability that a new key replaces a different occupant, in [0, 1]; an empty slot or the same
 *     key is always written (with α = 0 the original writes nothing at all, not even N^(0); that degenerate
 *     case is not reproduced)
 * @param dropout dropout of the aggregator in training, in [0, 1)
 * @param hashSeed seed of the slot hash ({@link SlotHash.Mix64})
 * @param coinSeed seed of the replacement coin (architecture contract 4)
 */
public record NatConfig(int m1, int m2, int valueDim, int selfDim, int positionDim, int timeDim, int pairDim,
        int edgeFeatureDim, int heads, double alpha, double dropout, long hashSeed, long coinSeed) {

    /** Number of distance-encoding codes: 3 hop bits for each of the two nodes of a pair. */
    public static final int POSITION_CODES = 64;

    public NatConfig {
        new NatShape(m1, m2, valueDim, selfDim);
        requireRange("positionDim", positionDim, 1, NatShape.MAX);
        requireRange("timeDim", timeDim, 1, NatShape.MAX);
        requireRange("pairDim", pairDim, 1, NatShape.MAX);
        requireRange("edgeFeatureDim", edgeFeatureDim, 0, NatShape.MAX);
        requireRange("heads", heads, 1, 64);
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    private static void requireRange(String name, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + value);
        }
    }

    /**
     * The spec's settings (parser defaults; M1/M2 = 32/16, d_z = 4, d_s = 72, d_p = 16, H = 2, α = 0.9,
     * dropout 0.1; d_n = 172 as in the README datasets), with the Δt time encoding over 10 frequencies
     * 1 … 1e-9 rad/s (one frequency at 1 rad/s would be noise for second-resolution Δt).
     */
    public static NatConfig defaults() {
        return new NatConfig(32, 16, 4, 72, 16, 10, 172, 0, 2, 0.9, 0.1, 0x9E3779B97F4A7C15L, 0x5DEECE66DL);
    }

    /** The per-node record shape this configuration needs. */
    public NatShape shape() {
        return new NatShape(m1, m2, valueDim, selfDim);
    }

    /** Width of the GRU inputs before projection: self ++ edge features ++ time encoding. */
    public int refreshInputDim() {
        return selfDim + edgeFeatureDim + timeDim;
    }

    /** Width of a joint row: count·F[w] ++ ΣZ' ++ PosEmb[code]. */
    public int jointRowDim() {
        return pairDim + valueDim + positionDim;
    }

    /** Width of the output MLP's input: pair embedding ++ both selves. */
    public int mlpInputDim() {
        return pairDim + 2 * selfDim;
    }

    public NatConfig withSlots(int newM1, int newM2) {
        return new NatConfig(newM1, newM2, valueDim, selfDim, positionDim, timeDim, pairDim, edgeFeatureDim, heads,
                alpha, dropout, hashSeed, coinSeed);
    }

    public NatConfig withDims(int newValueDim, int newSelfDim, int newPositionDim, int newTimeDim, int newPairDim,
            int newEdgeFeatureDim, int newHeads) {
        return new NatConfig(m1, m2, newValueDim, newSelfDim, newPositionDim, newTimeDim, newPairDim,
                newEdgeFeatureDim, newHeads, alpha, dropout, hashSeed, coinSeed);
    }

    public NatConfig withAlpha(double newAlpha) {
        return new NatConfig(m1, m2, valueDim, selfDim, positionDim, timeDim, pairDim, edgeFeatureDim, heads,
                newAlpha, dropout, hashSeed, coinSeed);
    }

    public NatConfig withDropout(double newDropout) {
        return new NatConfig(m1, m2, valueDim, selfDim, positionDim, timeDim, pairDim, edgeFeatureDim, heads,
                alpha, newDropout, hashSeed, coinSeed);
    }

    public NatConfig withHashSeed(long newHashSeed) {
        return new NatConfig(m1, m2, valueDim, selfDim, positionDim, timeDim, pairDim, edgeFeatureDim, heads,
                alpha, dropout, newHashSeed, coinSeed);
    }

    public NatConfig withCoinSeed(long newCoinSeed) {
        return new NatConfig(m1, m2, valueDim, selfDim, positionDim, timeDim, pairDim, edgeFeatureDim, heads,
                alpha, dropout, hashSeed, newCoinSeed);
    }
}
