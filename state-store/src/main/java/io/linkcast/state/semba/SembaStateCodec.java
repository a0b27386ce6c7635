package io.linkcast.state.semba;

import io.linkcast.state.RecordHeader;
import io.linkcast.state.StateCodec;
import io.linkcast.state.StateFormatException;
import io.linkcast.state.compact.RecordReader;
import io.linkcast.state.compact.RecordWriter;
import io.linkcast.state.compact.Snapshot8;
import io.linkcast.state.compact.StatePrecision;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Binary codec of {@link SembaNodeState}, version 2 (big-endian), lossless for records made at either
 * {@link StatePrecision}. "zz" is a zigzag LEB128 varint, "var" an unsigned one, "num(b)" a double relative to
 * b: the varint zigzag(x - b)·2 when x and b are integers, else the varint 1 and a float64.
 *
 * <pre>
 * header      magic "SMBA" (4), version 2 (u16)
 * d           memory dimension (u16)
 * m           memories: 2, or 1 for the one-memory variant (u8)
 * n           neighbour count (u8)
 * form        1 = memories in half precision, 0 = in float32 (u8)
 * memoryTime  num(0) (NaN = no event folded in yet)
 * history     outDegree, inDegree, negativeGiven, negativeReceived var; ratingGiven, ratingReceived num(0)
 * memories    m·d dense (positive, then negative)
 * neighbours  n, oldest first: node zz, t num(previous neighbour's t; 0 for the first),
 *             flags u8 (bits 0-1 sign + 1, bit 2 direction OUT, bits 3-4 weight: 0 none, 1 i8, 2 float32),
 *             the weight (i8 when it is an integer in [-128, 127], else float32), the snapshot of the
 *             partner's memories: exponent byte b, then m·d signed bytes q (value q·2^(b-133));
 *             b = 255: m·d float32 instead
 * </pre>
 *
 * <p>Bytes per node at the defaults (d = 64, two memories, at most 20 neighbours), compact precision
 * (measured in {@code SembaStateCodecTest}): 282 without events (256 of them the memories); 278 fixed once it
 * has events, plus about 135 per neighbour (129 snapshot, 1 flags, 1 integer rating, 2 node id, 2 time
 * delta; the first neighbour's time 5): 1,631 with 10 neighbours, 2,981 with 20. At FP32 a neighbour takes
 * about 520. Version 1 took 562 / 534 per neighbour / 11,242.
 *
 * <p>Version 1 ({@link SembaLegacyFormat}), and version-2 records in float32 form, are still read and migrated:
 * their vectors are rounded on read to the codec's precision (its model's), as if the record had been made now.
 * Immutable and thread-safe.
 */
public final class SembaStateCodec implements StateCodec<SembaNodeState> {
    public static final int MAGIC = RecordHeader.magic("SMBA");
    public static final int VERSION = 2;
    private static final int FORM_FP32 = 0;
    private static final int FORM_HALVES = 1;
    private static final int OUT_BIT = 4;
    private static final int WEIGHT_NONE = 0;
    private static final int WEIGHT_BYTE = 1;
    private static final int WEIGHT_FLOAT = 2;

    private final StatePrecision precision;

    /** A codec migrating float32 records to {@code precision} on read. */
    public SembaStateCodec(StatePrecision precision) {
        this.precision = Objects.requireNonNull(precision, "precision");
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public byte[] encode(SembaNodeState s) {
        int memories = s.hasNegativeMemory() ? 2 : 1;
        int d = s.memoryDim();
        int width = s.memoryWidth();
        boolean halves = RecordWriter.halvesExact(s.positiveMemory(), 0, d)
                && RecordWriter.halvesExact(s.negativeMemory(), 0, s.negativeMemory().length);
        RecordWriter w = new RecordWriter(64 + 2 * width + s.neighbours().size() * (16 + width));
        w.i32(MAGIC).u16(VERSION);
        w.u16(d).u8(memories).u8(s.neighbours().size()).u8(halves ? FORM_HALVES : FORM_FP32);
        w.time(s.memoryTime(), 0);
        SembaHistory h = s.history();
        w.varLong(h.outDegree()).varLong(h.inDegree()).varLong(h.negativeGiven()).varLong(h.negativeReceived());
        w.time(h.ratingGiven(), 0).time(h.ratingReceived(), 0);
        w.dense(s.positiveMemory(), 0, d, halves);
        w.dense(s.negativeMemory(), 0, s.negativeMemory().length, halves);
        double base = 0;
        for (SembaNeighbour n : s.neighbours()) {
            w.zigzag(n.node()).time(n.t(), base);
            base = n.t();
            int kind = weightKind(n.weight());
            w.u8((n.sign() + 1) | (n.direction() == SembaNeighbour.OUT ? OUT_BIT : 0) | kind << 3);
            if (kind == WEIGHT_BYTE) {
                w.u8((int) n.weight());
            } else if (kind == WEIGHT_FLOAT) {
                w.f32(n.weight());
            }
            w.snapshot(n.raw(), 0, width, n.code(), 0);
        }
        return w.toByteArray();
    }

    /** Ratings are small integers in most signed datasets: those take one byte. */
    private static int weightKind(float weight) {
        if (Float.isNaN(weight)) {
            return WEIGHT_NONE;
        }
        boolean smallInteger = weight == Math.rint(weight) && weight >= -128 && weight <= 127
                && Float.floatToRawIntBits(weight) != Float.floatToRawIntBits(-0f);
        return smallInteger ? WEIGHT_BYTE : WEIGHT_FLOAT;
    }

    @Override
    public SembaNodeState decode(byte[] bytes) {
        int version = RecordHeader.check(ByteBuffer.wrap(bytes), MAGIC, "SEMBA state", VERSION,
                SembaLegacyFormat.VERSION);
        if (version == SembaLegacyFormat.VERSION) {
            return SembaLegacyFormat.decode(bytes, precision);
        }
        try {
            RecordReader r = new RecordReader(bytes, RecordHeader.BYTES, "SEMBA state");
            int d = r.u16();
            int memories = r.u8();
            int count = r.u8();
            int form = r.u8();
            if (memories != 1 && memories != 2) {
                throw new StateFormatException("SEMBA state: memories must be 1 or 2, got " + memories);
            }
            if (form != FORM_FP32 && form != FORM_HALVES) {
                throw new StateFormatException("SEMBA state record has form " + form
                        + "; expected 0 (float32) or 1 (half)");
            }
            boolean halves = form == FORM_HALVES;
            double memoryTime = r.time(0);
            SembaHistory history = new SembaHistory(varInt(r), varInt(r), varInt(r), varInt(r), r.time(0),
                    r.time(0));
            float[] positive = new float[d];
            r.dense(positive, 0, d, halves);
            float[] negative = new float[memories == 2 ? d : 0];
            r.dense(negative, 0, negative.length, halves);
            int width = d * memories;
            List<SembaNeighbour> neighbours = new ArrayList<>(count);
            double base = 0;
            for (int i = 0; i < count; i++) {
                long node = r.zigzag();
                double t = r.time(base);
                base = t;
                int flags = r.u8();
                int kind = flags >>> 3;
                if ((flags & 3) == 3 || kind > WEIGHT_FLOAT) {
                    throw new StateFormatException("SEMBA state record has neighbour flags " + flags);
                }
                float weight = kind == WEIGHT_NONE ? Float.NaN : kind == WEIGHT_BYTE ? (byte) r.u8() : r.f32();
                byte[] code = new byte[Snapshot8.codeBytes(width)];
                float[] snapshot = null;
                if (!r.snapshotCode(code, 0, width)) {
                    snapshot = new float[width];
                    r.dense(snapshot, 0, width, false);
                }
                neighbours.add(new SembaNeighbour(node, t, (flags & 3) - 1,
                        (flags & OUT_BIT) != 0 ? SembaNeighbour.OUT : SembaNeighbour.IN, weight,
                        snapshot, code, precision));
            }
            if (r.remaining() > 0) {
                throw new StateFormatException("SEMBA state record has " + r.remaining() + " bytes left over ("
                        + bytes.length + " bytes in all)");
            }
            return halves ? new SembaNodeState(positive, negative, memoryTime, history, neighbours)
                    : SembaNodeState.rounded(precision, positive, negative, memoryTime, history, neighbours);
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("SEMBA state record holds an invalid value: " + e.getMessage());
        }
    }

    private static int varInt(RecordReader r) {
        long v = r.varLong();
        if (v > Integer.MAX_VALUE) {
            throw new StateFormatException("SEMBA state record holds a count of " + v + ", beyond 32 bits");
        }
        return (int) v;
    }
}
