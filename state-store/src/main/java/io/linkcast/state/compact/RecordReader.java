package io.linkcast.state.compact;

import io.linkcast.state.StateFormatException;

/**
 * Reads what {@link RecordWriter} wrote. Running past the end throws {@link StateFormatException} naming the
 * record kind and its length. Not thread-safe.
 */
public final class RecordReader {
    private final byte[] in;
    private final String kind;
    private int pos;

    public RecordReader(byte[] in, int from, String kind) {
        this.in = in;
        this.pos = from;
        this.kind = kind;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return in.length - pos;
    }

    private void need(int n) {
        if (in.length - pos < n) {
            throw new StateFormatException(kind + " record truncated at " + in.length + " bytes");
        }
    }

    public int u8() {
        need(1);
        return in[pos++] & 0xff;
    }

    public int u16() {
        need(2);
        int v = ((in[pos] & 0xff) << 8) | (in[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int i32() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (in[pos++] & 0xff);
        }
        return v;
    }

    public long i64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (in[pos++] & 0xff);
        }
        return v;
    }

    public float f32() {
        return Float.intBitsToFloat(i32());
    }

    public double f64() {
        return Double.longBitsToDouble(i64());
    }

    public long varLong() {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new StateFormatException(kind + " record holds a variable-length integer longer than 10 bytes");
    }

    public long zigzag() {
        long v = varLong();
        return (v >>> 1) ^ -(v & 1);
    }

    /** The time written by {@link RecordWriter#time} against the same {@code base}. */
    public double time(double base) {
        long v = varLong();
        if ((v & 1) != 0) {
            if (v != 1) {
                throw new StateFormatException(kind + " record holds an invalid time tag " + v);
            }
            return f64();
        }
        long z = v >>> 1;
        long d = (z >>> 1) ^ -(z & 1);
        return (double) ((long) base + d);
    }

    /** {@code len} floats into {@code out} from {@code from}, as halves or float32. */
    public void dense(float[] out, int from, int len, boolean halves) {
        if (halves) {
            need(2 * len);
            for (int i = from; i < from + len; i++) {
                out[i] = Half.toFloat((short) (((in[pos] & 0xff) << 8) | (in[pos + 1] & 0xff)));
                pos += 2;
            }
        } else {
            need(4 * len);
            for (int i = from; i < from + len; i++) {
                out[i] = f32();
            }
        }
    }

    /**
     * A snapshot written by {@link RecordWriter#snapshot} into out[from, from+len), and its
     * {@link Snapshot8#code} into code[at, ...).
     */
    public void snapshot(float[] out, int from, int len, byte[] code, int at) {
        if (snapshotCode(code, at, len)) {
            Snapshot8.decode(code, at, out, from, len);
        } else {
            dense(out, from, len, false);
        }
    }

    /**
     * The {@link Snapshot8#code} of a snapshot written by {@link RecordWriter#snapshot} into code[at, ...), without
     * decoding it; false when it was stored in float32 (code[at] is then {@link Snapshot8#RAW} and the
     * {@code len} floats are next: read them with {@link #dense}).
     */
    public boolean snapshotCode(byte[] code, int at, int len) {
        int eb = u8();
        code[at] = (byte) eb;
        if (eb == Snapshot8.RAW) {
            return false;
        }
        need(len);
        System.arraycopy(in, pos, code, at + 1, len);
        pos += len;
        return true;
    }

    /** A snapshot written by {@link RecordWriter#snapshot}. */
    public void snapshot(float[] out, int from, int len) {
        snapshot(out, from, len, new byte[Snapshot8.codeBytes(len)], 0);
    }
}
