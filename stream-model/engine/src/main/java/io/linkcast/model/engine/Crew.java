package io.linkcast.model.engine;

import java.util.function.IntConsumer;

/**
 * Who runs the loops of a wave step. A model splits a loop whose iterations are independent (the slot rows of a
 * wave, its nodes, its pairs) into chunks and hands them to {@link #forEach}; the chunks write disjoint parts of
 * the outputs and compute each element the same way wherever it runs, so the results are the same bits whoever
 * runs which chunk. {@link #ALONE} runs them on the calling thread; a {@link WaveCrew} also lets a thread that
 * has finished its own part of the wave (the other model of a composite) take chunks.
 */
@FunctionalInterface
public interface Crew {
    /** Runs {@code body} once for each index in [0, chunks); returns when all have run. */
    void forEach(int chunks, IntConsumer body);

    /** Every chunk on the calling thread, in order. */
    Crew ALONE = (chunks, body) -> {
        for (int i = 0; i < chunks; i++) {
            body.accept(i);
        }
    };
}
