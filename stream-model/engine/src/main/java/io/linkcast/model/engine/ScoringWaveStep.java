package io.linkcast.model.engine;

import java.util.List;

/**
 * A wave step that also scores one read-only link query per event ({@link StreamModel#stepWithNegatives}'s
 * shape): the engine hands it the queries' states just before their events, so a trainer's negatives are the
 * ones eval and serving score (architecture contract 5).
 */
@FunctionalInterface
public interface ScoringWaveStep<S> {
    ScoredWave<S> apply(Wave<S> wave, List<Query> queries, List<S> queryStates);
}
