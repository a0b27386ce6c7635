package io.linkcast.serving.topology;

import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.eval.EventHash;
import java.util.ArrayList;
import java.util.List;

/**
 * Negatives for prequential (live) link quality: for each event (u, v, t), one pair (u, w, t) with w drawn
 * by a seeded hash of the event's position from the most recent distinct destinations, and scored
 * read-only with the event's own wave, from the states at its start (as the trainer scores its negatives;
 * see {@code MicroBatchEngine.process(batch, linkQueries)}). The pool is in memory, so
 * after a restart the first negatives differ from an uninterrupted run; only the live metrics see them,
 * never a prediction or a state.
 */
final class LiveNegatives {
    private static final long SEED = 0x4c495645L;
    private final long[] pool;
    private int size;
    private int next;

    LiveNegatives(int capacity) {
        this.pool = new long[capacity];
    }

    /** One negative query per event, in event order; the pool then learns the events' destinations. */
    List<Query> queries(List<SequencedEvent> events) {
        List<Query> queries = new ArrayList<>(events.size());
        for (SequencedEvent e : events) {
            long w = e.event().dst();
            if (size > 0) {
                for (int attempt = 0; attempt < 4 && w == e.event().dst(); attempt++) {
                    w = pool[EventHash.index(EventHash.mix(SEED, EventHash.LINK_NEGATIVE, e.seq(), attempt), size)];
                }
            }
            queries.add(new Query(e.event().src(), w, e.event().t()));
        }
        for (SequencedEvent e : events) {
            remember(e.event().dst());
        }
        return queries;
    }

    private void remember(long dst) {
        // a cheap "recent distinct" filter: skip the destination just stored
        if (size > 0 && pool[(next + pool.length - 1) % pool.length] == dst) {
            return;
        }
        pool[next] = dst;
        next = (next + 1) % pool.length;
        size = Math.min(size + 1, pool.length);
    }
}
