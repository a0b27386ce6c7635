package io.linkcast.model.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A crew as unlike the calling thread alone as it gets: every chunk on a pool thread, the last chunk first. A
 * model whose chunks are not independent, or whose results depend on who computes them, gives other bits.
 */
public final class ReversedCrew implements Crew, AutoCloseable {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private int mostChunks;

    @Override
    public void forEach(int chunks, IntConsumer body) {
        mostChunks = Math.max(mostChunks, chunks);
        List<Future<?>> running = new ArrayList<>();
        for (int c = chunks - 1; c >= 0; c--) {
            int chunk = c;
            running.add(pool.submit(() -> body.accept(chunk)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The most chunks one loop was split into (a test checks that the model did split its loops). */
    public int mostChunks() {
        return mostChunks;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** {@code model} with its steps' loops run by {@code crew}. */
    public static <S> StreamModel<S> crewed(StreamModel<S> model, Crew crew) {
        return new ForwardingModel<>(model) {
            @Override
            public WaveOutput<S> step(Wave<S> wave) {
                return model.step(wave, crew);
            }

            @Override
            public ScoredWave<S> stepWithNegatives(Wave<S> wave, List<Query> negatives, List<S> negativeStates) {
                return model.stepWithNegatives(wave, negatives, negativeStates, crew);
            }
        };
    }
}
