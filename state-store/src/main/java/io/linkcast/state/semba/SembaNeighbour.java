package io.linkcast.state.semba;

import io.linkcast.state.compact.Snapshot8;
import io.linkcast.state.compact.StatePrecision;
import java.util.Arrays;

/**
 * One recent interaction of a node, as the node's own record keeps it.
 *
 * <p>The snapshot is the partner's memory (positive then negative half) as it was just before the
 * interaction: the embedding of a node attends over these snapshots instead of reading the partners' live
 * records, which keeps every read local to the node (architecture contract 2). It is rounded here, where the
 * entry is made, to the maker's {@link StatePrecision} ({@link StatePrecision#snapshot}: 8 bits with one scale
 * for COMPACT), straight into its record form.
 */
public final class SembaNeighbour {
    /** This node was the source (it rated the partner). */
    public static final int OUT = 1;
    /** This node was the target (the partner rated it). */
    public static final int IN = -1;

    private final long node;
    private final double t;
    private final int sign;
    private final int direction;
    private final float weight;
    private final int width;
    /** The snapshot in float32 when 8 bits cannot hold it ({@link #code} is then RAW alone); else null. */
    private final float[] raw;
    private final byte[] code;

    /** An entry made now, its snapshot rounded to {@code precision}. */
    public SembaNeighbour(long node, double t, int sign, int direction, float weight, float[] snapshot,
            StatePrecision precision) {
        this(node, t, sign, direction, weight, snapshot, null, precision);
    }

    /**
     * With the snapshot's {@link Snapshot8#code}, trusted to match it (the codec read it from a record; the
     * snapshot may then be null). A null code, or a {@link Snapshot8#RAW} one with the float32 snapshot, is made
     * here from the snapshot rounded to {@code precision} (so a float32 record read by a compact codec is
     * rounded as if made now; a snapshot that 8 bits cannot hold stays as it is).
     */
    SembaNeighbour(long node, double t, int sign, int direction, float weight, float[] snapshot, byte[] code,
            StatePrecision precision) {
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("t must be finite, got " + t);
        }
        if (sign < -1 || sign > 1) {
            throw new IllegalArgumentException("sign must be -1, 0 or +1, got " + sign);
        }
        if (direction != OUT && direction != IN) {
            throw new IllegalArgumentException("direction must be OUT (+1) or IN (-1), got " + direction);
        }
        if (Float.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be finite or NaN (absent), got " + weight);
        }
        this.node = node;
        this.t = t;
        this.sign = sign;
        this.direction = direction;
        this.weight = weight;
        boolean coded = code != null && (code[0] & 0xff) != Snapshot8.RAW;
        if (!coded) {
            if (snapshot == null) {
                throw new IllegalArgumentException("snapshot must not be null");
            }
            code = new byte[Snapshot8.codeBytes(snapshot.length)];
            coded = precision.code(snapshot, code, 0);
        }
        // a snapshot is kept in one form: its code (a quarter of the floats' bytes; states are cached until the
        // next event replaces them, so their size is what the garbage collector copies), or its float32s
        this.width = coded ? code.length - 1 : snapshot.length;
        this.raw = coded ? null : snapshot;
        this.code = coded ? code : RAW_CODE;
    }

    private static final byte[] RAW_CODE = {(byte) Snapshot8.RAW};

    /** internal id of the partner */
    public long node() {
        return node;
    }

    /** event time in seconds */
    public double t() {
        return t;
    }

    /** +1 or -1, or 0 when the event carried no sign */
    public int sign() {
        return sign;
    }

    /** {@link #OUT} when this node was the source of the event, {@link #IN} when it was the target */
    public int direction() {
        return direction;
    }

    /** the event's weight, or NaN when it carried none */
    public float weight() {
        return weight;
    }

    /** the partner's memories before the event: a new array */
    public float[] snapshot() {
        float[] out = new float[width];
        copySnapshot(0, out, 0, width);
        return out;
    }

    /** floats of the snapshot */
    public int width() {
        return width;
    }

    /** Snapshot elements [from, from+len) into out[at, at+len). */
    public void copySnapshot(int from, float[] out, int at, int len) {
        if (raw != null) {
            System.arraycopy(raw, from, out, at, len);
        } else {
            Snapshot8.decode(code, 0, from, out, at, len);
        }
    }

    /** The snapshot's record form, made once with the entry, so that a record written again copies it. */
    byte[] code() {
        return code;
    }

    /** The float32 snapshot when {@link #code} is RAW, else null. */
    float[] raw() {
        return raw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SembaNeighbour n && node == n.node && Double.compare(t, n.t) == 0 && sign == n.sign
                && direction == n.direction && Float.compare(weight, n.weight) == 0
                && Arrays.equals(code, n.code) && Arrays.equals(raw, n.raw); // codes are canonical
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(node);
        h = 31 * h + Double.hashCode(t);
        h = 31 * h + sign;
        h = 31 * h + direction;
        h = 31 * h + Float.hashCode(weight);
        return 31 * h + (raw != null ? Arrays.hashCode(raw) : Arrays.hashCode(code));
    }

    @Override
    public String toString() {
        return "SembaNeighbour[node=" + node + ", t=" + t + ", sign=" + sign + ", direction=" + direction
                + ", weight=" + weight + ", snapshot=" + width + " floats]";
    }
}
