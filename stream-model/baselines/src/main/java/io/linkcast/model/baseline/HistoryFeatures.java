package io.linkcast.model.baseline;

import java.util.List;

/**
 * The history features of evaluation.md ("History-feature baselines on Bitcoin-OTC") for an event s → d at
 * time t, computed from the two endpoint records before the event (so from earlier events only).
 * Fractions of negative ratings are Laplace-smoothed, {@code (neg + 1) / (count + 2)}, so a node without
 * history gets 1/2 rather than an undefined value; a mean rating without history is 0; the time since a
 * node's last event is 0 before its first event (its degree features already say it is new).
 */
public final class HistoryFeatures {
    /** Feature names, in vector order. */
    public static final List<String> NAMES = List.of(
            "log1p(out-degree of s)", "neg fraction given by s", "mean rating given by s",
            "log1p(in-degree of d)", "neg fraction received by d", "mean rating received by d",
            "previous sign s->d", "previous sign d->s",
            "log1p(in-degree of s)", "neg fraction received by s",
            "log1p(out-degree of d)", "neg fraction given by d",
            "log1p(seconds since last event of s)", "log1p(seconds since last event of d)");

    private HistoryFeatures() {
    }

    public static double[] of(NodeHistory s, NodeHistory d, long sId, long dId, double t) {
        return new double[] {
            Math.log1p(s.outCount()), smoothed(s.outNeg(), s.outCount()), mean(s.outSum(), s.outCount()),
            Math.log1p(d.inCount()), smoothed(d.inNeg(), d.inCount()), mean(d.inSum(), d.inCount()),
            s.signGivenTo(dId), d.signGivenTo(sId),
            Math.log1p(s.inCount()), smoothed(s.inNeg(), s.inCount()),
            Math.log1p(d.outCount()), smoothed(d.outNeg(), d.outCount()),
            sinceLast(s, t), sinceLast(d, t),
        };
    }

    static double smoothed(int neg, int count) {
        return (neg + 1.0) / (count + 2.0);
    }

    private static double mean(double sum, int count) {
        return count == 0 ? 0 : sum / count;
    }

    private static double sinceLast(NodeHistory n, double t) {
        return Double.isNaN(n.lastTime()) ? 0 : Math.log1p(Math.max(0, t - n.lastTime()));
    }
}
