package io.linkcast.model.nat;

import io.linkcast.state.nat.NatShape;
import java.util.Objects;

/**
 * Every setting of a NAT model (nat-spec.md §0), validated. {@link #defaults()} uses the spec's parser and
 * README settings with the recommended fixes of the original's defects; {@link #faithful(long)} keeps the
 * original behaviour so that the golden replay of the Python code can be reproduced.
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
 * @param hashing how keys map to slots
 * @param hashSeed seed of the slot hash ({@link Hashing#ORIGINAL} uses {@code floorMod(hashSeed, 100)})
 * @param timeEncoding what the time encoder sees
 * @param valueMask which refreshed values count as empty
 * @param neighbourSelf where the refresh of a neighbour slot reads the neighbour's self representation
 * @param coinSeed seed of the replacement coin (architecture contract 4)
 */
public record NatConfig(int m1, int m2, int valueDim, int selfDim, int positionDim, int timeDim, int pairDim,
        int edgeFeatureDim, int heads, double alpha, double dropout, Hashing hashing, long hashSeed,
        TimeEncoding timeEncoding, ValueMask valueMask, NeighbourSelf neighbourSelf, long coinSeed) {

    /** Number of distance-encoding codes: 3 hop bits for each of the two nodes of a pair. */
    public static final int POSITION_CODES = 64;

    /** How a neighbour id picks its slot. */
    public enum Hashing {
        /**
         * The original polynomial {@code (a·w + (a+1)·w²) mod M}, a = hashSeed mod 100. With an even a it is not a
         * permutation and only a few slots are ever used (nat-spec.md §1.3); kept for parity only.
         */
        ORIGINAL,
        /** A 64-bit mixing hash (murmur3 finaliser) of the id and the seed; uses all slots for any seed. */
        MIX64
    }

    /** The input of the time encoder cos(x·ω + φ). */
    public enum TimeEncoding {
        /** x = the slot's absolute timestamp as float32 (the original; noise for Unix-second data). */
        ABSOLUTE,
        /** x = Δt = max(0, t_now − t_slot) in seconds, computed in double precision (the fix). */
        DELTA
    }

    /** Which refreshed slot values are masked to zero. */
    public enum ValueMask {
        /** Values of slots whose stored timestamp is 0 (the original; also masks real events at t = 0). */
        NONZERO_TIMESTAMP,
        /** Values of slots that were never written (the fix: an explicit written flag). */
        WRITTEN
    }

    /** Where the lazy refresh of a neighbour's slot reads that neighbour's self representation. */
    public enum NeighbourSelf {
        /** The snapshot stored in the slot when it was written: local (architecture contract 2). */
        SNAPSHOT,
        /**
         * The neighbour's current self representation, from a {@link NeighbourSelfSource} (the original reads a
         * global table). Breaks locality and batch invariance; for the parity replay with batch size 1 only.
         */
        LIVE
    }

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
        Objects.requireNonNull(hashing, "hashing");
        Objects.requireNonNull(timeEncoding, "timeEncoding");
        Objects.requireNonNull(valueMask, "valueMask");
        Objects.requireNonNull(neighbourSelf, "neighbourSelf");
    }

    private static void requireRange(String name, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + value);
        }
    }

    /**
     * The spec's settings (parser defaults; M1/M2 = 32/16, d_z = 4, d_s = 72, d_p = 16, H = 2, α = 0.9,
     * dropout 0.1; d_n = 172 as in the README datasets) with the fixes: mixing hash, Δt time encoding over
     * 10 frequencies 1 … 1e-9 rad/s (one frequency at 1 rad/s would be noise for second-resolution Δt),
     * explicit written flag, neighbour snapshots.
     */
    public static NatConfig defaults() {
        return new NatConfig(32, 16, 4, 72, 16, 10, 172, 0, 2, 0.9, 0.1, Hashing.MIX64, 0x9E3779B97F4A7C15L,
                TimeEncoding.DELTA, ValueMask.WRITTEN, NeighbourSelf.SNAPSHOT, 0x5DEECE66DL);
    }

    /**
     * The original's behaviour (nat-spec.md §9 "faithful"): polynomial hash with {@code a = hashSeed mod 100},
     * absolute float32 time, zero-timestamp mask, live neighbour reads; dimensions as {@link #defaults()}
     * but d_t = 1. Use the {@code with…} methods to match a particular run.
     */
    public static NatConfig faithful(long hashSeed) {
        return new NatConfig(32, 16, 4, 72, 16, 1, 172, 0, 2, 0.9, 0.1, Hashing.ORIGINAL, hashSeed,
                TimeEncoding.ABSOLUTE, ValueMask.NONZERO_TIMESTAMP, NeighbourSelf.LIVE, 0x5DEECE66DL);
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
                alpha, dropout, hashing, hashSeed, timeEncoding, valueMask, neighbourSelf, coinSeed);
    }

    public NatConfig withDims(int newValueDim, int newSelfDim, int newPositionDim, int newTimeDim, int newPairDim,
            int newEdgeFeatureDim, int newHeads) {
        return new NatConfig(m1, m2, newValueDim, newSelfDim, newPositionDim, newTimeDim, newPairDim,
                newEdgeFeatureDim, newHeads, alpha, dropout, hashing, hashSeed, timeEncoding, valueMask,
                neighbourSelf, coinSeed);
    }

    public NatConfig withAlpha(double newAlpha) {
        return new NatConfig(m1, m2, valueDim, selfDim, positionDim, timeDim, pairDim, edgeFeatureDim, heads,
                newAlpha, dropout, hashing, hashSeed, timeEncoding, valueMask, neighbourSelf, coinSeed);
    }

    public NatConfig withDropout(double newDropout) {
        return new NatConfig(m1, m2, valueDim, selfDim, positionDim, timeDim, pairDim, edgeFeatureDim, heads,
                alpha, newDropout, hashing, hashSeed, timeEncoding, valueMask, neighbourSelf, coinSeed);
    }

    public NatConfig withNeighbourSelf(NeighbourSelf mode) {
        return new NatConfig(m1, m2, valueDim, selfDim, positionDim, timeDim, pairDim, edgeFeatureDim, heads,
                alpha, dropout, hashing, hashSeed, timeEncoding, valueMask, mode, coinSeed);
    }

    public NatConfig withHashing(Hashing newHashing, long newHashSeed) {
        return new NatConfig(m1, m2, valueDim, selfDim, positionDim, timeDim, pairDim, edgeFeatureDim, heads,
                alpha, dropout, newHashing, newHashSeed, timeEncoding, valueMask, neighbourSelf, coinSeed);
    }

    public NatConfig withCoinSeed(long newCoinSeed) {
        return new NatConfig(m1, m2, valueDim, selfDim, positionDim, timeDim, pairDim, edgeFeatureDim, heads,
                alpha, dropout, hashing, hashSeed, timeEncoding, valueMask, neighbourSelf, newCoinSeed);
    }
}
