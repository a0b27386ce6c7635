package io.linkcast.model.engine;

import io.linkcast.state.StateCodec;
import java.util.List;

/**
 * A model that does what {@code inner} does, for tests that change one step of it (a fault, a crew): it forwards
 * the five abstract methods; the default ones stay {@link StreamModel}'s unless a subclass forwards them too.
 */
public abstract class ForwardingModel<S> implements StreamModel<S> {
    protected final StreamModel<S> inner;

    protected ForwardingModel(StreamModel<S> inner) {
        this.inner = inner;
    }

    @Override
    public ModelInfo info() {
        return inner.info();
    }

    @Override
    public StateCodec<S> codec() {
        return inner.codec();
    }

    @Override
    public S emptyState(long node) {
        return inner.emptyState(node);
    }

    @Override
    public WaveOutput<S> step(Wave<S> wave) {
        return inner.step(wave);
    }

    @Override
    public List<ModelOutput> score(List<Query> queries, List<S> srcStates, List<S> dstStates) {
        return inner.score(queries, srcStates, dstStates);
    }
}
