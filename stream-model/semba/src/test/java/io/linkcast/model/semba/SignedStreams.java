package io.linkcast.model.semba;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.semba.SembaNodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded synthetic signed streams and a helper that runs a model over one in micro-batches. */
final class SignedStreams {
    private SignedStreams() {
    }

    /**
     * {@code events} ratings among {@code nodes} nodes (ids 1..nodes), Bitcoin-like: ratings in -10..10 without
     * 0, about 15 % negative, times increasing with ties, a few self-loops and repeated pairs.
     */
    static List<SequencedEvent> random(long seed, int events, int nodes) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<SequencedEvent> out = new ArrayList<>(events);
        double t = 1_300_000_000.0;
        for (int i = 0; i < events; i++) {
            long src = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(3) : rnd.nextInt(nodes)); // a few hubs
            long dst = 1 + rnd.nextInt(nodes);
            if (rnd.nextInt(50) == 0) {
                dst = src;
            }
            int sign = rnd.nextInt(100) < 15 ? -1 : 1;
            int rating = sign * (1 + rnd.nextInt(10));
            if (rnd.nextInt(5) != 0) {
                t += rnd.nextInt(100_000);
            }
            out.add(new SequencedEvent(i, new Interaction(Long.toString(src), Long.toString(dst), src, dst, t, sign,
                    rating, null)));
        }
        return out;
    }

    /** Predictions and final store of running {@code stream} through the engine in batches of {@code batch}. */
    record Run(List<ModelOutput> outputs, InMemoryNodeStateStore<SembaNodeState> store) {
        List<SembaNodeState> states(long[] ids) {
            return store.getAll(ids);
        }
    }

    static Run run(StreamModel<SembaNodeState> model, List<SequencedEvent> stream, int batch) {
        InMemoryNodeStateStore<SembaNodeState> store = new InMemoryNodeStateStore<>();
        MicroBatchEngine<SembaNodeState> engine = new MicroBatchEngine<>(model, store);
        List<ModelOutput> outputs = new ArrayList<>(stream.size());
        for (int from = 0; from < stream.size(); from += batch) {
            outputs.addAll(engine.process(stream.subList(from, Math.min(stream.size(), from + batch))));
        }
        return new Run(outputs, store);
    }

    static long[] ids(int nodes) {
        long[] ids = new long[nodes];
        for (int i = 0; i < nodes; i++) {
            ids[i] = i + 1;
        }
        return ids;
    }
}
