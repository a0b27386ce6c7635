package io.linkcast.model.eval;

import io.linkcast.model.engine.StreamModel;
import java.util.function.BiFunction;

/**
 * A model to evaluate: a trained artifact, or a baseline that is built (and, for the history logistic
 * regression, fitted on the training split) for each split.
 */
public interface CandidateModel {

    /** Column name in the report. */
    String name();

    /** Where the model comes from (artifact path, or a description of the baseline and its settings). */
    String artifact();

    /**
     * The model to run on {@code split}. Only {@code split.train()} (and, for settings such as the EdgeBank
     * window, the split's time boundaries) may be used; never test labels.
     */
    StreamModel<?> build(Split split, long seed);

    /** A candidate that is the same fixed model for every split (a loaded artifact). */
    static CandidateModel fixed(String name, String artifact, StreamModel<?> model) {
        return of(name, artifact, (split, seed) -> model);
    }

    /** A candidate that {@code build} makes for each split and seed (a baseline fitted on the split). */
    static CandidateModel of(String name, String artifact, BiFunction<Split, Long, StreamModel<?>> build) {
        return new CandidateModel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String artifact() {
                return artifact;
            }

            @Override
            public StreamModel<?> build(Split split, long seed) {
                return build.apply(split, seed);
            }
        };
    }
}
