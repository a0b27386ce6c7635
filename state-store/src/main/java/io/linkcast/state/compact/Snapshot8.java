package io.linkcast.state.compact;

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
