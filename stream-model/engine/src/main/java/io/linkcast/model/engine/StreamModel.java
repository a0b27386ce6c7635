package io.linkcast.model.engine;

import io.linkcast.state.StateCodec;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A temporal graph model in the shape the micro-batch engine runs: a per-node state, a batched step that
 * predicts each event from the states before it and computes the endpoints' new states, and read-only
 * scoring.
 *
 * <p>Locality (architecture contract 2): the prediction of (u, v) reads only u's and v's states; u's new
 * state is a function of (u's state, v's state before the event, the event), and v's likewise.
 * Implementations must be safe for concurrent {@link #score} calls from HTTP threads while the stream
 * thread calls {@link #step}: states are values, never mutated in place.
 *
 * @param <S> the per-node state
 */
public interface StreamModel<S> {

    ModelInfo info();

    StateCodec<S> codec();

    /** The state of a node never seen before. */
    S emptyState(long node);

    /** Predicts every event of the wave, then applies it. */
    WaveOutput<S> step(Wave<S> wave);

    /** Read-only predictions for queries; states are aligned with {@code queries}. */
    List<ModelOutput> score(List<Query> queries, List<S> srcStates, List<S> dstStates);

    /**
     * Whether {@link #score} gives a link probability (pLink not NaN). Link negatives are scored only with
     * models that do: the others would compute a prediction nobody reads.
     */
    /**
     * What a node record means to this model beyond its bytes: a replacement must have the same fingerprint to take
     * over the stored states (a hot swap), since two models can read each other's records byte for byte and still
     * disagree on what they hold (NAT's slot hash, for one). By default empty: nothing beyond what the codec's round
     * trip checks.
     */
    default String stateFingerprint() {
        return "";
    }

    default boolean predictsLink() {
        return true;
    }

    /**
     * {@link #step}, plus the link probability of one read-only negative per event: {@code negatives.get(i)} is
     * (src_i, w_i, t_i), scored from the states at the start of the wave ({@code srcStates} and
     * {@code negativeStates}, aligned with the events); all NaN for a model that predicts no link. The default
     * scores, then steps; a model that can do both in one network call (sharing the source's computation)
     * overrides it.
     */
    default ScoredWave<S> stepWithNegatives(Wave<S> wave, List<Query> negatives, List<S> negativeStates) {
        List<ModelOutput> links = predictsLink() ? score(negatives, wave.srcStates(), negativeStates)
                : Collections.nCopies(negatives.size(), ModelOutput.NONE);
        return new ScoredWave<>(step(wave), links);
    }

    /**
     * {@link #step} with the loops of its computation run by {@code crew}: the same result, computed by more
     * threads when the crew has helpers. A model without such loops ignores the crew.
     */
    default WaveOutput<S> step(Wave<S> wave, Crew crew) {
        return step(wave);
    }

    /** {@link #stepWithNegatives} with its loops run by {@code crew} (see {@link #step(Wave, Crew)}). */
    default ScoredWave<S> stepWithNegatives(Wave<S> wave, List<Query> negatives, List<S> negativeStates, Crew crew) {
        return stepWithNegatives(wave, negatives, negativeStates);
    }

    /**
     * What drove {@code q}'s score, read from the same two records the score reads: nested maps and lists of plain
     * values, with nodes as {@link NodeRef}s. Empty for a model that explains nothing.
     */
    default Map<String, Object> explain(Query q, S src, S dst) {
        return Map.of();
    }

    /** What the state holds, as JSON-ready values, for "what does the model know about u". */
    default Map<String, Object> describe(S state) {
        return Map.of("state", String.valueOf(state));
    }
}
