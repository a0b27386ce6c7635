package io.linkcast.state.compact;

import java.util.Locale;

/**
 * How precisely node records keep their vectors: {@link #COMPACT} (the default) or {@link #FP32}.
 *
 * <p>Records are rounded where they are made (when a slot, neighbour, memory or self representation is put
 * into a state object), never in the codec: a record read back from RocksDB must equal, bit for bit, the one
 * that a cache or an in-memory store keeps, or a prediction would depend on where its record came from
 * (architecture contracts on batch and restart invariance, offline == live). The codecs are then lossless.
 *
 * <p>A precision is a value that whoever makes records holds and passes: a model gets one at construction, so
 * that two models of different precision can run side by side in one JVM. Users choose it with the system
 * property {@value #PROPERTY} ({@code compact} or {@code fp32}), which only the commands that load or train
 * models read, and {@link #parse} checks.
 */
public enum StatePrecision {
    /** Selves, memories and slot values in half precision, neighbour snapshots in 8 bits with a scale each. */
    COMPACT,
    /** Every vector in float32, as computed. */
    FP32;

    /** The system property that users choose the precision with; named here for {@link #parse}'s message. */
    public static final String PROPERTY = "linkcast.state.precision";

    /** {@code compact} or {@code fp32}, any case. */
    public static StatePrecision parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "compact":
                return COMPACT;
            case "fp32":
                return FP32;
            default:
                throw new IllegalArgumentException(PROPERTY + " must be compact or fp32, got '" + name + "'");
        }
    }

    /**
     * A dense vector (self representation, memory, slot value) at this precision: half precision for COMPACT,
     * unchanged for FP32. Returns {@code v} itself when nothing changes. A vector with a finite value beyond
     * the half range is left in float32, whole, rather than turned into infinities.
     */
    public float[] dense(float[] v) {
        if (this == FP32) {
            return v;
        }
        for (float x : v) {
            if (Math.abs(x) > Half.MAX_VALUE && Float.isFinite(x)) {
                return v;
            }
        }
        float[] out = v;
        for (int i = 0; i < v.length; i++) {
            float r = Half.round(v[i]);
            if (Float.floatToRawIntBits(r) != Float.floatToRawIntBits(v[i])) {
                if (out == v) {
                    out = v.clone();
                }
                out[i] = r;
            }
        }
        return out;
    }

    /** A neighbour snapshot at this precision: 8 bits with one scale for COMPACT, unchanged for FP32. */
    public float[] snapshot(float[] v) {
        return this == FP32 ? v : Snapshot8.round(v);
    }

    /**
     * The {@link Snapshot8#code} of {@link #snapshot}({@code v}) into code[at, ...), without making the rounded
     * floats: false when it is {@link Snapshot8#RAW} (then {@code v} is unchanged by rounding, and kept as it is).
     */
    public boolean code(float[] v, byte[] code, int at) {
        return this == FP32 ? Snapshot8.code(v, 0, v.length, code, at) : Snapshot8.roundToCode(v, code, at);
    }

    /** Consecutive snapshots of {@code width} floats each, rounded one by one like {@link #snapshot}. */
    public float[] snapshots(float[] v, int width) {
        return this == FP32 ? v : Snapshot8.roundRows(v, width);
    }

    /** Consecutive dense vectors of {@code width} floats each, rounded one by one like {@link #dense}. */
    public float[] denseRows(float[] v, int width) {
        if (this == FP32 || width == 0) {
            return v;
        }
        float[] out = v;
        for (int from = 0; from < v.length; from += width) {
            float[] row = java.util.Arrays.copyOfRange(v, from, from + width);
            float[] r = dense(row);
            if (r != row) {
                if (out == v) {
                    out = v.clone();
                }
                System.arraycopy(r, 0, out, from, width);
            }
        }
        return out;
    }
}
