package io.linkcast.model.engine;

import java.util.List;

/**
 * A wave's step and the link probabilities of its read-only negatives (one per event, aligned with the events;
 * only pLink is meaningful).
 */
public record ScoredWave<S>(WaveOutput<S> output, List<ModelOutput> links) {
    public ScoredWave {
        if (links.size() != output.outputs().size()) {
            throw new IllegalArgumentException("links and outputs differ in size: " + links.size() + "/"
                    + output.outputs().size());
        }
    }
}
