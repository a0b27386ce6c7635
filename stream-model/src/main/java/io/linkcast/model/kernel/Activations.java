package io.linkcast.model.kernel;

/**
 * Element-wise functions in double precision, rounded once to float: within an ulp of libtorch's float32
 * results, and the same for a value wherever it sits in a batch.
 */
public final class Activations {
    private Activations() {
    }

    /** 1 / (1 + e^−x). */
    public static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** tanh through one exp (Math.tanh is not an intrinsic on JDK 17 and costs several times more). */
    public static float tanh(float x) {
        double e = Math.exp(-2.0 * Math.abs(x));
        double t = (1.0 - e) / (1.0 + e);
        return (float) (x < 0 ? -t : t);
    }

    /**
     * cos(x·ω + φ) with the argument rounded to float after each step, as a float32 tensor computes it: for
     * time inputs of 10^9 s the rounding of x·ω decides the result, so it must be the same rounding.
     */
    public static float cosEncoding(float x, float omega, float phi) {
        float arg = x * omega;
        return (float) Math.cos(arg + phi);
    }
}
