package io.linkcast.state.compact;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * 8-bit vectors with one power-of-two scale per vector: element i is {@code q_i · 2^e}, q_i in [-127, 127].
 * Used for neighbour snapshots, which are bounded GRU outputs copied from other nodes.
 *
 * <p>The scale is the smallest power of two (not below 2^{@value #MIN_EXPONENT}) that fits the largest
 * magnitude in 127 steps. A power of two, unlike max/127, makes every quantised value exact in float and makes
 * rounding idempotent: a rounded vector's largest |q| is at least 64, so it gets the same exponent again and
 * rounds to itself. That is what lets records be rounded where they are made and the codec stay lossless.
 *
 * <p>A vector holding a NaN, an infinity, or a magnitude too large for the exponent byte is left as it is
 * (the codec then stores it in float32, see {@link #RAW}).
 */
public final class Snapshot8 {
    /** Smallest exponent: q · 2^-133 is still exact as a (subnormal) float. */
    public static final int MIN_EXPONENT = -133;
    /** Largest exponent: 127 · 2^121 is below Float.MAX_VALUE. */
    public static final int MAX_EXPONENT = 121;
    /** Exponent byte of a vector stored in float32; other values are e - MIN_EXPONENT (0..254). */
    public static final int RAW = 0xff;
    private static final int NEGATIVE_ZERO = 0x80000000;

    private Snapshot8() {
    }

    /**
     * The exponent byte of {@code v[from, from+len)}: e - {@link #MIN_EXPONENT}, or {@link #RAW} when the
     * vector cannot be quantised.
     */
    public static int exponentByte(float[] v, int from, int len) {
        float max = 0;
        for (int i = from; i < from + len; i++) {
            float a = Math.abs(v[i]);
            if (!(a <= Float.MAX_VALUE)) {
                return RAW; // NaN or infinity
            }
            max = Math.max(max, a);
        }
        if (max > 127 * Math.scalb(1f, MAX_EXPONENT)) {
            return RAW;
        }
        int e = Math.max(MIN_EXPONENT, Math.getExponent(max) - 6);
        while (max > 127 * Math.scalb(1.0, e)) {
            e++;
        }
        return e - MIN_EXPONENT;
    }

    /** q for {@code x} at exponent byte {@code eb} (not RAW): round half to even of x / 2^e. */
    public static int quantise(float x, int eb) {
        return quantiseBy(x, inverseScale(eb));
    }

    /** The float of q at exponent byte {@code eb}; exact. */
    public static float value(int q, int eb) {
        return valueBy(q, scale(eb));
    }

    // Multiplying by a power of two in double is exact over this exponent range, and much cheaper than scalb
    // per element: loops take the two factors once per vector.
    static double scale(int eb) {
        return Math.scalb(1.0, eb + MIN_EXPONENT);
    }

    static double inverseScale(int eb) {
        return Math.scalb(1.0, -(eb + MIN_EXPONENT));
    }

    static int quantiseBy(float x, double inverseScale) {
        return (int) Math.rint(x * inverseScale);
    }

    static float valueBy(int q, double scale) {
        return (float) (q * scale);
    }

    /** {@code v} rounded to 8 bits per element; {@code v} itself when it already is (or cannot be). */
    public static float[] round(float[] v) {
        return round(v, 0, v.length);
    }

    /** {@code v} rounded in chunks of {@code width} elements, one scale each; {@code v} itself if unchanged. */
    public static float[] roundRows(float[] v, int width) {
        if (width == 0) {
            return v;
        }
        float[] out = v;
        for (int from = 0; from < v.length; from += width) {
            out = roundInto(v, out, from, width);
        }
        return out;
    }

    private static float[] round(float[] v, int from, int len) {
        return roundInto(v, v, from, len);
    }

    /** Rounds v[from, from+len) into out, copying v into a new array the first time a value changes. */
    private static float[] roundInto(float[] v, float[] out, int from, int len) {
        int eb = exponentByte(v, from, len);
        if (eb == RAW) {
            return out;
        }
        double scale = scale(eb);
        double inverse = inverseScale(eb);
        for (int i = from; i < from + len; i++) {
            float r = valueBy(quantiseBy(v[i], inverse), scale);
            if (Float.floatToRawIntBits(r) != Float.floatToRawIntBits(v[i])) {
                if (out == v) {
                    out = v.clone();
                }
                out[i] = r;
            }
        }
        return out;
    }

    /** Bytes of a coded snapshot of {@code len} floats: the exponent byte, then one byte per float. */
    public static int codeBytes(int len) {
        return 1 + len;
    }

    /**
     * The record form of v[from, from+len) into code[at, at + {@link #codeBytes}(len)): its exponent byte and
     * one signed byte per float when 8 bits hold the vector exactly; otherwise code[at] = {@link #RAW} (the
     * codec then stores the floats) and false. A state keeps the code of each snapshot it makes, so that a
     * record that is written again, event after event, copies its unchanged snapshots instead of coding them
     * anew.
     */
    public static boolean code(float[] v, int from, int len, byte[] code, int at) {
        int eb = exponentByte(v, from, len);
        code[at] = (byte) RAW;
        if (eb == RAW) {
            return false;
        }
        double inverse = inverseScale(eb);
        boolean exact = true;
        for (int i = 0; i < len; i++) {
            // exact means x / 2^e is an integer (then the cast equals round-half-even) and x is not -0
            float x = v[from + i];
            double y = x * inverse;
            int q = (int) y;
            exact &= q == y & Float.floatToRawIntBits(x) != NEGATIVE_ZERO;
            code[at + 1 + i] = (byte) q;
        }
        if (exact) {
            code[at] = (byte) eb;
        }
        return exact;
    }

    /**
     * The {@link #code} of {@link #round}({@code v}) into code[at, ...), without making the rounded floats;
     * false (and code[at] = {@link #RAW}) when {@code v} cannot be quantised.
     */
    public static boolean roundToCode(float[] v, byte[] code, int at) {
        int eb = exponentByte(v, 0, v.length);
        if (eb == RAW) {
            code[at] = (byte) RAW;
            return false;
        }
        double inverse = inverseScale(eb);
        for (int i = 0; i < v.length; i++) {
            code[at + 1 + i] = (byte) quantiseBy(v[i], inverse);
        }
        code[at] = (byte) eb;
        return true;
    }

    /** The floats of a code made by {@link #code} that is not {@link #RAW}, into out[from, from+len). */
    public static void decode(byte[] code, int at, float[] out, int from, int len) {
        decode(code, at, 0, out, from, len);
    }

    /**
     * Elements [first, first+len) of the vector coded at code[at] (not {@link #RAW}) into out[from, from+len).
     *
     * <p>Across vector lanes where the CPU has 256 bits or more (every neighbour snapshot a wave reads is decoded
     * here; docs/results.md, session 7). In float, {@code q · 2^e} is as exact as in double: q has 8 bits and
     * 2^e is itself a float (subnormal at the smallest exponents), so the bits equal {@link #value}'s.
     */
    public static void decode(byte[] code, int at, int first, float[] out, int from, int len) {
        int eb = code[at] & 0xff;
        int src = at + 1 + first;
        int i = 0;
        if (LANES) {
            float scale = (float) scale(eb);
            for (int end = len - FLOATS.length(); i <= end; i += FLOATS.length()) {
                ((FloatVector) ByteVector.fromArray(BYTES, code, src + i).convertShape(VectorOperators.B2F, FLOATS, 0))
                        .mul(scale).intoArray(out, from + i);
            }
        }
        double scale = scale(eb);
        for (; i < len; i++) {
            out[from + i] = valueBy(code[src + i], scale);
        }
    }

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    /** Narrower shapes than 256 bits have no byte species a quarter their size (the smallest is 64 bits). */
    private static final boolean LANES = FLOATS.vectorBitSize() >= 256;
    private static final VectorSpecies<Byte> BYTES = LANES
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(FLOATS.vectorBitSize() / 4)) : null;

    /** Whether v[from, from+len) is stored exactly in 8 bits at exponent byte {@code eb} (not RAW). */
    public static boolean isExact(float[] v, int from, int len, int eb) {
        double scale = scale(eb);
        double inverse = inverseScale(eb);
        for (int i = from; i < from + len; i++) {
            if (Float.floatToRawIntBits(valueBy(quantiseBy(v[i], inverse), scale)) != Float.floatToRawIntBits(v[i])) {
                return false;
            }
        }
        return true;
    }
}
