package io.linkcast.model.engine;

import java.util.List;

/**
 * The predictions of a wave (each from the state before its event) and the endpoints' new states.
 *
 * <p>For a self-loop the engine stores {@code newDst} (it is written after {@code newSrc}), so a model
 * must return the node's complete new state there.
 */
public record WaveOutput<S>(List<ModelOutput> outputs, List<S> newSrc, List<S> newDst) {
    public WaveOutput {
        if (outputs.size() != newSrc.size() || outputs.size() != newDst.size()) {
            throw new IllegalArgumentException("wave output lists differ in size");
        }
    }
}
