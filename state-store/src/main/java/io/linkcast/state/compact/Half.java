package io.linkcast.state.compact;

/**
 * IEEE 754 binary16 ("half") conversions. Java 17 has no {@code Float.floatToFloat16}, so this is written out:
 * round to nearest, ties to even, overflow to infinity, subnormals kept, NaN kept as a quiet NaN (its payload's
 * top bits are kept so that a NaN stays a NaN; the payload is not otherwise preserved).
 */
public final class Half {
    /** Largest finite half value. */
    public static final float MAX_VALUE = 65504f;

    private Half() {
    }

    /** The half nearest to {@code f} (ties to even), as its 16 bits. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            // infinity, or NaN forced quiet so that dropping low payload bits cannot turn it into infinity
            return (short) (sign | 0x7c00 | (mant == 0 ? 0 : 0x200 | (mant >>> 13)));
        }
        int e = exp - 127 + 15; // the half's biased exponent
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            // subnormal half (or zero): shift the mantissa, implicit bit included, by 14 - e places in all
            if (e < -10) {
                return (short) sign; // below half the smallest subnormal: rounds to zero
            }
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rest > mid || (rest == mid && (half & 1) == 1)) {
                half++; // may carry into the smallest normal, which is the right answer
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // a carry out of the mantissa bumps the exponent, up to infinity: also right
        }
        return (short) (sign | half);
    }

    /** The float value of the half {@code h} (exact: every half is a float). */
    public static float toFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // subnormal: mant * 2^-24, exact in float
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** {@code f} rounded to half precision, as a float. */
    public static float round(float f) {
        return toFloat(fromFloat(f));
    }

    /** Whether {@code f} is a half value bit for bit (NaNs only when their payload survives the trip). */
    public static boolean isExact(float f) {
        return Float.floatToRawIntBits(round(f)) == Float.floatToRawIntBits(f);
    }
}
