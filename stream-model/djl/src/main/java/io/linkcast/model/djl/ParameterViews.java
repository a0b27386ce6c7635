package io.linkcast.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Arrays derived from a model's parameters inside one network call (a reshaped, padded or concatenated weight).
 * DJL attaches an op's result to its first operand's manager, which for a parameter is the model's, alive as long
 * as the model: unless moved onto the call's manager, every such array stays allocated until the model closes.
 * That leaked every wave's padded weights, in training and in serving, until each derived array went through
 * {@link #onCall} (how fast: docs/results.md, "Figures behind the code").
 */
public final class ParameterViews {
    private ParameterViews() {
    }

    /** Moves {@code derived} onto {@code call}'s manager, so that it is freed when the call's manager closes. */
    public static NDArray onCall(NDArray derived, NDManager call) {
        derived.attach(call);
        return derived;
    }
}
