package io.linkcast.model.engine;

import io.linkcast.state.StateCodec;
import java.util.Objects;

/**
 * The model the stream runs now, replaceable while it runs (hot swap). The engine reads it once per
 * micro-batch, so a batch is never split between two versions, and every prediction names the version
 * that made it. The node states are kept: a replacement must read the records the current model writes.
 */
public final class ModelHandle<S> {
    private volatile StreamModel<S> current;

    public ModelHandle(StreamModel<S> model) {
        this.current = Objects.requireNonNull(model, "model");
    }

    public StreamModel<S> current() {
        return current;
    }

    /**
     * Replaces the model. Refused unless the replacement has the same name and reads the state records the
     * current model writes (a model with other dimensions would misread every node).
     */
    public synchronized ModelInfo swap(StreamModel<S> replacement) {
        StreamModel<S> old = current;
        if (!old.info().name().equals(replacement.info().name())) {
            throw new IllegalArgumentException("cannot replace model '" + old.info().name() + "' with '"
                    + replacement.info().name() + "'");
        }
        checkCompatible(old, replacement);
        current = replacement;
        return replacement.info();
    }

    private static <S> void checkCompatible(StreamModel<S> old, StreamModel<S> replacement) {
        if (!old.stateFingerprint().equals(replacement.stateFingerprint())) {
            throw new IllegalArgumentException("model " + replacement.info() + " keeps its node states differently from "
                    + old.info() + ": " + replacement.stateFingerprint() + " against " + old.stateFingerprint());
        }
        StateCodec<S> oldCodec = old.codec();
        byte[] sample = oldCodec.encode(old.emptyState(1));
        try {
            S decoded = replacement.codec().decode(sample);
            if (!java.util.Arrays.equals(replacement.codec().encode(decoded), sample)) {
                throw new IllegalArgumentException("model " + replacement.info() + " does not keep the state records of "
                        + old.info() + " unchanged");
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("model ")) {
                throw iae;
            }
            throw new IllegalArgumentException("model " + replacement.info() + " cannot read the state of " + old.info()
                    + ": " + e.getMessage(), e);
        }
    }
}
