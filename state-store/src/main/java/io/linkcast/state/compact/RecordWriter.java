package io.linkcast.state.compact;

import java.util.Arrays;

/**
 * Writes the compact parts of a state record into a growing byte array, big-endian: variable-length integers,
 * times as integer deltas where that is exact, vectors in half precision or 8 bits where that is exact.
 * Every method is lossless; {@link RecordReader} reads the same forms back. Not thread-safe.
 */
public final class RecordWriter {
    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);
    /** Integral times beyond 2^52 in magnitude are written as raw doubles (their delta may not be exact). */
    private static final double INTEGRAL_LIMIT = 0x1p52;

    private byte[] buf;
    private int size;

    public RecordWriter(int expectedBytes) {
        buf = new byte[Math.max(16, expectedBytes)];
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    public RecordWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public RecordWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public RecordWriter i32(int v) {
        ensure(4);
        for (int s = 24; s >= 0; s -= 8) {
            buf[size++] = (byte) (v >>> s);
        }
        return this;
    }

    public RecordWriter i64(long v) {
        ensure(8);
        for (int s = 56; s >= 0; s -= 8) {
            buf[size++] = (byte) (v >>> s);
        }
        return this;
    }

    public RecordWriter f32(float v) {
        return i32(Float.floatToRawIntBits(v));
    }

    public RecordWriter f64(double v) {
        return i64(Double.doubleToRawLongBits(v));
    }

    /** Unsigned LEB128: 7 bits a byte, low bits first; 1 byte below 128, at most 10. */
    public RecordWriter varLong(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            buf[size++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    /** A signed value as a zigzag varint: small magnitudes, either sign, take few bytes. */
    public RecordWriter zigzag(long v) {
        return varLong((v << 1) ^ (v >> 63));
    }

    /**
     * A time (or any double) relative to {@code base}: when both are integers below 2^52 in magnitude (Unix
     * seconds, counts), the varint {@code zigzag(t - base) << 1}; otherwise the varint 1 and the raw 8 bytes.
     * A reader that knows {@code base} gets {@code t} back bit for bit.
     */
    public RecordWriter time(double t, double base) {
        if (integral(t) && integral(base)) {
            long d = (long) t - (long) base;
            return varLong(((d << 1) ^ (d >> 63)) << 1);
        }
        return varLong(1).f64(t);
    }

    static boolean integral(double v) {
        return Math.abs(v) < INTEGRAL_LIMIT && v == Math.rint(v) && Double.doubleToRawLongBits(v) != NEGATIVE_ZERO;
    }

    /** {@code len} floats of {@code v} from {@code from}: as halves when {@code halves}, else float32. */
    public RecordWriter dense(float[] v, int from, int len, boolean halves) {
        if (halves) {
            ensure(2 * len);
            for (int i = from; i < from + len; i++) {
                short h = Half.fromFloat(v[i]);
                buf[size++] = (byte) (h >>> 8);
                buf[size++] = (byte) h;
            }
        } else {
            ensure(4 * len);
            for (int i = from; i < from + len; i++) {
                f32(v[i]);
            }
        }
        return this;
    }

    /**
     * A snapshot: its exponent byte, then one signed byte per float when the 8-bit form holds it exactly,
     * else exponent byte {@link Snapshot8#RAW} and float32s.
     */
    public RecordWriter snapshot(float[] v, int from, int len) {
        ensure(Snapshot8.codeBytes(len));
        if (Snapshot8.code(v, from, len, buf, size)) {
            size += Snapshot8.codeBytes(len);
            return this;
        }
        u8(Snapshot8.RAW);
        return dense(v, from, len, false);
    }

    /**
     * The snapshot v[from, from+len) whose {@link Snapshot8#code} is code[at, ...): the same bytes as
     * {@link #snapshot}, copied instead of computed.
     */
    public RecordWriter snapshot(float[] v, int from, int len, byte[] code, int at) {
        if ((code[at] & 0xff) == Snapshot8.RAW) {
            u8(Snapshot8.RAW);
            return dense(v, from, len, false);
        }
        int n = Snapshot8.codeBytes(len);
        ensure(n);
        System.arraycopy(code, at, buf, size, n);
        size += n;
        return this;
    }

    /** Whether every float of v[from, from+len) is a half bit for bit, so {@link #dense} may store halves. */
    public static boolean halvesExact(float[] v, int from, int len) {
        for (int i = from; i < from + len; i++) {
            if (!Half.isExact(v[i])) {
                return false;
            }
        }
        return true;
    }
}
