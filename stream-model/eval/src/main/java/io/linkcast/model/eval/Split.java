package io.linkcast.model.eval;

import io.linkcast.model.engine.SequencedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A chronological 70/15/15 split of a dataset (evaluation.md, "Splits"), built by {@link Splits}.
 *
 * <p>Every list holds events of {@link #events()} (the whole dataset, stably sorted by time) with their
 * position in that order as {@link SequencedEvent#seq()}, so per-event random draws keyed by seq
 * ({@link EventHash}) are the same wherever the split is rebuilt.
 *
 * <p>How a model is run over it:
 * <ul>
 *   <li>{@link Protocol#TRANSDUCTIVE}: process {@code train}, then {@code val}, then {@code test}, on one
 *       state; {@code testReplay} is empty.
 *   <li>{@link Protocol#INDUCTIVE}: {@code train} and {@code val} exclude every event touching a masked node;
 *       the test state is rebuilt from empty by processing {@code testReplay} (every event up to
 *       {@code testTime}, masked ones included, no gradients), then {@code test} (test events with at least
 *       one masked node) is processed. Test events without a masked node are never applied (NAT protocol).
 * </ul>
 *
 * @param protocol transductive or inductive
 * @param valTime q(0.70) of event times: train is {@code t <= valTime}
 * @param testTime q(0.85): validation is {@code valTime < t <= testTime}, test is {@code t > testTime}
 * @param events every event of the dataset, sorted by time (file order breaks ties); seq = index
 * @param train training events
 * @param val validation events
 * @param test evaluated test events
 * @param testReplay events to replay into a fresh state before {@code test} (inductive), else empty
 * @param masked masked nodes (inductive), else empty
 * @param nodes distinct nodes of the whole dataset
 */
public record Split(Protocol protocol, double valTime, double testTime, List<SequencedEvent> events,
        List<SequencedEvent> train, List<SequencedEvent> val, List<SequencedEvent> test,
        List<SequencedEvent> testReplay, Set<Long> masked, int nodes) {

    /** A part of the split, for choosing a negative pool. */
    public enum Part { TRAIN, VAL, TEST }

    public Split {
        Objects.requireNonNull(protocol, "protocol");
        if (!(valTime <= testTime)) {
            throw new IllegalArgumentException("valTime must be <= testTime, got " + valTime + " > " + testTime);
        }
        events = List.copyOf(events);
        train = List.copyOf(train);
        val = List.copyOf(val);
        test = List.copyOf(test);
        testReplay = List.copyOf(testReplay);
        masked = Set.copyOf(masked);
        if (protocol == Protocol.TRANSDUCTIVE && (!testReplay.isEmpty() || !masked.isEmpty())) {
            throw new IllegalArgumentException("a transductive split has no test replay and no masked nodes");
        }
        if (nodes < 0) {
            throw new IllegalArgumentException("nodes must be >= 0, got " + nodes);
        }
    }

    public SplitSizes sizes() {
        return new SplitSizes(events.size(), nodes, train.size(), val.size(), test.size(), testReplay.size(),
                masked.size());
    }

    /**
     * The destinations a link negative for {@code part} is drawn from (NAT's protocol): the distinct
     * destinations of train, of train+val, or of train+val+test, after inductive masking. For the inductive
     * test part the replayed events (masked included) count too, since they are "seen up to that split".
     * Sorted ascending, so a draw by index is the same on every machine.
     */
    public long[] destinationPool(Part part) {
        Set<Long> seen = new HashSet<>();
        List<List<SequencedEvent>> parts = new ArrayList<>();
        parts.add(train);
        if (part != Part.TRAIN) {
            parts.add(val);
        }
        if (part == Part.TEST) {
            parts.add(testReplay);
            parts.add(test);
        }
        for (List<SequencedEvent> list : parts) {
            for (SequencedEvent e : list) {
                seen.add(e.event().dst());
            }
        }
        long[] pool = seen.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(pool);
        return pool;
    }

    /** The time span of the test split (last minus first test event time), 0 when it is empty. */
    public double testSpan() {
        if (test.isEmpty()) {
            return 0;
        }
        return test.get(test.size() - 1).event().t() - test.get(0).event().t();
    }
}
