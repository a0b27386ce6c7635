package io.linkcast.model.engine;

/**
 * One vectorised step over a wave: predict, then transition. The engine calls {@link StreamModel#step} when
 * serving; the trainer passes a step that also records gradients, so both run the same engine
 * (architecture contract 5).
 */
@FunctionalInterface
public interface WaveStep<S> {
    WaveOutput<S> apply(Wave<S> wave);
}
