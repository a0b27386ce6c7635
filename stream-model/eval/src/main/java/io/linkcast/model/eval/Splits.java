package io.linkcast.model.eval;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.SequencedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Builds the chronological splits of evaluation.md. */
public final class Splits {
    /** Fraction of all nodes masked by the inductive protocol (NAT, CAWN, TGN). */
    public static final double MASK_FRACTION = 0.10;
    public static final double VAL_QUANTILE = 0.70;
    public static final double TEST_QUANTILE = 0.85;

    private Splits() {
    }

    /**
     * The first {@code n} events of a time-sorted stream, for training on a prefix and streaming the rest
     * (the demo); null means all of them.
     */
    public static List<Interaction> first(List<Interaction> data, Integer n) {
        if (n == null) {
            return data;
        }
        if (n < 1) {
            throw new IllegalArgumentException("--first must be >= 1, got " + n);
        }
        return data.subList(0, Math.min(n, data.size()));
    }

    /** All events of each split, chronological 70/15/15 by time quantile. */
    public static Split transductive(List<Interaction> data) {
        List<SequencedEvent> events = sequence(data);
        double[] q = boundaries(events);
        List<SequencedEvent> train = new ArrayList<>();
        List<SequencedEvent> val = new ArrayList<>();
        List<SequencedEvent> test = new ArrayList<>();
        for (SequencedEvent e : events) {
            partOf(e, q, train, val, test).add(e);
        }
        return new Split(Protocol.TRANSDUCTIVE, q[0], q[1], events, train, val, test, List.of(), Set.of(),
                countNodes(events));
    }

    /**
     * NAT's inductive protocol: {@code floor(0.1 × all nodes)} nodes, drawn among the nodes that appear in an
     * event after the validation time, are masked (as in NAT/CAWN/TGN: {@code random.sample(nodes after
     * val_time, int(0.1 × all nodes))}). The draw keeps the nodes with the smallest seeded hashes, so it is a
     * uniform sample that does not depend on iteration order.
     */
    public static Split inductive(List<Interaction> data, long seed) {
        List<SequencedEvent> events = sequence(data);
        double[] q = boundaries(events);
        int nodes = countNodes(events);
        Set<Long> late = new TreeSet<>();
        for (SequencedEvent e : events) {
            if (e.event().t() > q[0]) {
                late.add(e.event().src());
                late.add(e.event().dst());
            }
        }
        int count = Math.min(late.size(), (int) Math.floor(MASK_FRACTION * nodes));
        Long[] byHash = late.toArray(new Long[0]);
        Arrays.sort(byHash, Comparator.comparingLong((Long n) -> EventHash.mix(seed, EventHash.INDUCTIVE_MASK, n, 0))
                .thenComparingLong(Long::longValue));
        Set<Long> masked = new HashSet<>(Arrays.asList(byHash).subList(0, count));

        List<SequencedEvent> train = new ArrayList<>();
        List<SequencedEvent> val = new ArrayList<>();
        List<SequencedEvent> test = new ArrayList<>();
        List<SequencedEvent> replay = new ArrayList<>();
        for (SequencedEvent e : events) {
            boolean touches = masked.contains(e.event().src()) || masked.contains(e.event().dst());
            List<SequencedEvent> part = partOf(e, q, train, val, test);
            if (part == test) {
                if (touches) {
                    test.add(e);
                }
            } else {
                replay.add(e);
                if (!touches) {
                    part.add(e);
                }
            }
        }
        return new Split(Protocol.INDUCTIVE, q[0], q[1], events, train, val, test, replay, masked, nodes);
    }

    /** Either protocol. */
    public static Split of(List<Interaction> data, Protocol protocol, long seed) {
        return protocol == Protocol.INDUCTIVE ? inductive(data, seed) : transductive(data);
    }

    /**
     * The q-quantile of sorted values with linear interpolation between order statistics (numpy's default,
     * which NAT's {@code np.quantile} uses).
     */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile of an empty sample");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in [0, 1], got " + q);
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static List<SequencedEvent> sequence(List<Interaction> data) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("cannot split an empty dataset");
        }
        List<Interaction> sorted = new ArrayList<>(data);
        sorted.sort(Comparator.comparingDouble(Interaction::t)); // List.sort is stable: file order breaks ties
        List<SequencedEvent> events = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            events.add(new SequencedEvent(i, sorted.get(i)));
        }
        return events;
    }

    private static double[] boundaries(List<SequencedEvent> events) {
        double[] ts = events.stream().mapToDouble(e -> e.event().t()).toArray();
        return new double[] {quantile(ts, VAL_QUANTILE), quantile(ts, TEST_QUANTILE)};
    }

    private static List<SequencedEvent> partOf(SequencedEvent e, double[] q, List<SequencedEvent> train,
            List<SequencedEvent> val, List<SequencedEvent> test) {
        double t = e.event().t();
        if (t <= q[0]) {
            return train;
        }
        return t <= q[1] ? val : test;
    }

    private static int countNodes(List<SequencedEvent> events) {
        Set<Long> nodes = new HashSet<>();
        for (SequencedEvent e : events) {
            nodes.add(e.event().src());
            nodes.add(e.event().dst());
        }
        return nodes.size();
    }
}
