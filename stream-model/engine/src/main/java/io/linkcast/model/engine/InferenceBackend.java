package io.linkcast.model.engine;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which implementation computes a model's inference ({@code model.backend}).
 *
 * <p>DJL is the training engine and the device path; on a CPU its per-op cost (a JNI call of a few µs on tiny
 * tensors, ~120 ops per wave and model) dominates the arithmetic, so the CPU backend computes the same wave
 * step over flat float arrays in Java. Both give the same predictions and next states to rounding (1e-5).
 */
public enum InferenceBackend {
    /** The CPU backend when the model's weights live on the CPU, else DJL. */
    AUTO,
    /** DJL (PyTorch) NDArrays on the model's device. */
    DJL,
    /** Java over flat arrays (Vector API where it measures faster); CPU only. */
    CPU;

    /** The backend named {@code value} (case-insensitive), or an error naming {@code key} and the choices. */
    public static InferenceBackend parse(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be one of "
                    + Arrays.stream(values()).map(b -> b.name().toLowerCase(Locale.ROOT)).toList() + ", got '"
                    + value + "'");
        }
    }

    /** {@link #AUTO} resolved for a model whose weights are on the CPU ({@code onCpu}) or on an accelerator. */
    public InferenceBackend resolve(boolean onCpu) {
        if (this == AUTO) {
            return onCpu ? CPU : DJL;
        }
        if (this == CPU && !onCpu) {
            throw new IllegalArgumentException("model.backend=cpu needs the model on the CPU");
        }
        return this;
    }
}
