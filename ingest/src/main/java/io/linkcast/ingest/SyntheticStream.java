package io.linkcast.ingest;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded synthetic interaction stream, realistic enough to exercise link and sign prediction.
 *
 * <p>Each event is one of three kinds, drawn with the configured probabilities:
 * <ul>
 *   <li><b>repeat</b>: a recently active node (an endpoint of a random one of the last 65,536 events, so
 *       activity reinforces itself) interacts again with one of its recent partners;</li>
 *   <li><b>closure</b>: a node drawn by activity links to a neighbour of one of its neighbours that it does not
 *       know yet, closing a triangle;</li>
 *   <li><b>new link</b>: source and destination drawn by Zipf activity and popularity (heavy-tailed; the hubs
 *       are scattered over the id range).</li>
 * </ul>
 * If a repeat or a closure finds no candidate (early in the stream), the event is a new link. Nodes remember
 * only their last few partners, so a closure can re-link a pair older than that, and popular pairs recur by
 * chance: with the defaults the measured shares of repeated pairs and of triangle-closing links come within
 * about 0.03 of the configured probabilities; high closure probabilities saturate neighbourhoods, and then
 * more closures come out as repeats.
 *
 * <p>Signs follow structural balance: every node belongs to one of two camps (a hash of the seed and the id);
 * a link within a camp is positive, across camps negative, so the sign product of a triangle is positive
 * except where noise (a small share of flipped signs, at most 3 %) intervenes. Each event wishes to cross
 * camps with the probability that keeps the negative share at the target; a repeat picks a recent partner and a
 * closure a candidate that grants the wish when it can, a new link always does. Weights are the sign times a magnitude 1..10
 * (geometric, mostly 1 or 2), like trust ratings.
 *
 * <p>Times increase by exponential gaps. Ids are "0" .. nodes-1; the event id is the event's index. No
 * self-loops. Events are generated on demand: an iterator holds {@code nodes * neighbourSlots} recent
 * neighbours (4 bytes a slot, plus 1 byte a node) and a fixed buffer, whatever the number of events. Each
 * {@link #iterator()} starts over from the seed and yields the same events. Iterators are not thread-safe.
 */
public final class SyntheticStream implements Iterable<Interaction> {
    private static final int RECENT = 1 << 16;
    private static final int CLOSURE_TRIES = 4;
    private static final int NEW_LINK_TRIES = 3;
    private static final double MAX_SIGN_NOISE = 0.03;
    /** How many events' worth of negative shortfall moves the crossing probability by 1. */
    private static final double STEER_EVENTS = 200;

    private final SyntheticConfig config;

    public SyntheticStream(SyntheticConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public SyntheticConfig config() {
        return config;
    }

    @Override
    public Iterator<Interaction> iterator() {
        return new Run(config);
    }

    /** Flipped-sign share: small, and never more than a fifth of the target (a target of 0 gives no negatives). */
    static double signNoise(SyntheticConfig c) {
        return Math.min(MAX_SIGN_NOISE, c.negativeFraction() / 5);
    }

    /** Share of links that must cross camps so that, after noise n, the negative share is q = p(1-n) + (1-p)n. */
    static double crossShare(SyntheticConfig c) {
        double n = signNoise(c);
        return Math.max(0, (c.negativeFraction() - n) / (1 - 2 * n));
    }

    /** One pass over the stream; holds the per-node recent neighbours. */
    private static final class Run implements Iterator<Interaction> {
        private static final double LOG_HALF = Math.log(0.5);
        private final SyntheticConfig c;
        private final SplittableRandom rnd;
        private final int slots;
        private final int[] neighbours;   // nodes x slots, -1 = empty, filled in slot order then overwritten
        private final byte[] cursor;      // next slot to overwrite, per node
        private final int[] recent = new int[RECENT];
        private final long permA;
        private final long permB;
        private final long campSalt;
        private final double zipfPower;
        private final double crossShare;
        private final double signNoise;
        private long recentCount;
        private long negativesSoFar;
        private long produced;
        private double t;

        Run(SyntheticConfig c) {
            this.c = c;
            this.rnd = new SplittableRandom(c.seed());
            this.slots = c.neighbourSlots();
            this.neighbours = new int[c.nodes() * slots];
            Arrays.fill(neighbours, -1);
            this.cursor = new byte[c.nodes()];
            long a = 1 + rnd.nextLong(c.nodes() - 1);
            while (gcd(a, c.nodes()) != 1) {
                a = 1 + rnd.nextLong(c.nodes() - 1);
            }
            this.permA = a;
            this.permB = rnd.nextLong(c.nodes());
            this.campSalt = rnd.nextLong();
            this.zipfPower = 1 / (1 - c.activityExponent());
            this.crossShare = SyntheticStream.crossShare(c);
            this.signNoise = SyntheticStream.signNoise(c);
            this.t = c.startTime();
        }

        @Override
        public boolean hasNext() {
            return produced < c.events();
        }

        @Override
        public Interaction next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the stream has " + c.events() + " events");
            }
            if (produced > 0) {
                t += -Math.log(1 - rnd.nextDouble()) * c.meanGap();
            }
            double kind = rnd.nextDouble();
            boolean cross = rnd.nextDouble() < crossProbability();
            long pair = -1;
            if (kind < c.repeatProbability()) {
                pair = repeat(cross);
            } else if (kind < c.repeatProbability() + c.closureProbability()) {
                pair = closure(cross);
            }
            if (pair < 0) {
                pair = newLink(cross);
            }
            int src = (int) (pair >>> 32);
            int dst = (int) pair;
            int sign = sign(src, dst);
            if (sign < 0) {
                negativesSoFar++;
            }
            remember(src, dst);
            remember(dst, src);
            recent[(int) (recentCount++ % RECENT)] = src;
            recent[(int) (recentCount++ % RECENT)] = dst;
            double magnitude = 1 + Math.min(9, Math.floor(Math.log(1 - rnd.nextDouble()) / LOG_HALF));
            String id = Long.toString(produced++);
            return new Interaction(Integer.toString(src), Integer.toString(dst), src, dst, t, sign,
                    sign * magnitude, id);
        }

        /** A pair packed as src << 32 | dst (never negative: ids are < 2^31); -1 = none. */
        private static long pack(int src, int dst) {
            return ((long) src << 32) | dst;
        }

        /** A recent node and one of its partners, across camps if {@code cross} and if it has such a partner. */
        private long repeat(boolean cross) {
            if (recentCount == 0) {
                return -1;
            }
            int s = recentNode();
            int first = randomFilledSlot(s);
            if (first < 0) {
                return -1;
            }
            int base = s * slots;
            int filled = filled(s);
            for (int k = 0; k < filled; k++) {
                int slot = base + (first - base + k) % filled;
                if (crosses(s, neighbours[slot]) == cross) {
                    return pack(s, neighbours[slot]);
                }
            }
            return pack(s, neighbours[first]);
        }

        /** A recent node and a neighbour's neighbour it does not know, preferring the wanted camp relation. */
        private long closure(boolean cross) {
            if (recentCount == 0) {
                return -1;
            }
            long fallback = -1;
            for (int attempt = 0; attempt < CLOSURE_TRIES; attempt++) {
                // the source by plain activity: recently active nodes are mostly hubs, which know most of their
                // neighbours' neighbours already, so closing from them would mostly repeat old pairs
                int s = zipfNode();
                if (filled(s) == 0) {
                    s = recentNode();
                }
                int ws = randomFilledSlot(s);
                if (ws < 0) {
                    continue;
                }
                int w = neighbours[ws];
                int first = randomFilledSlot(w);
                int filled = filled(w);
                for (int k = 0; k < filled; k++) {
                    int x = neighbours[w * slots + (first - w * slots + k) % filled];
                    if (x != s && slotOf(s, x) < 0) {
                        if (crosses(s, x) == cross) {
                            return pack(s, x);
                        }
                        if (fallback < 0) {
                            fallback = pack(s, x);
                        }
                    }
                }
            }
            return fallback;
        }

        private long newLink(boolean cross) {
            int s = zipfNode();
            int wanted = cross ? 1 - camp(s) : camp(s);
            int d = zipfNodeIn(wanted);
            // a new link: not the source itself, and not a partner it remembers (that would be a repeat)
            for (int attempt = 0; attempt < NEW_LINK_TRIES && (d == s || slotOf(s, d) >= 0); attempt++) {
                d = zipfNodeIn(wanted);
            }
            while (d == s) {
                d = zipfNode();
            }
            return pack(s, d);
        }

        /**
         * The share of links that should cross camps, corrected by the shortfall of negatives so far: repeats
         * and closures cannot always follow the wish, so the stream steers itself back to the target.
         */
        private double crossProbability() {
            double shortfall = c.negativeFraction() * produced - negativesSoFar;
            return Math.max(0, Math.min(1, crossShare + shortfall / STEER_EVENTS));
        }

        private boolean crosses(int a, int b) {
            return camp(a) != camp(b);
        }

        /** Structural balance: friends within a camp, enemies across; a few signs flipped as noise. */
        private int sign(int s, int d) {
            int sign = camp(s) == camp(d) ? 1 : -1;
            return rnd.nextDouble() < signNoise ? -sign : sign;
        }

        /** The node's camp, 0 or 1: a hash of the seed and the node, so it costs no memory. */
        private int camp(int node) {
            long z = campSalt + node * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
            z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
            return (int) ((z ^ (z >>> 33)) & 1);
        }

        private int recentNode() {
            return recent[rnd.nextInt((int) Math.min(recentCount, RECENT))];
        }

        /** A node by Zipf rank (inverse CDF of the continuous power law), scattered by an affine permutation. */
        private int zipfNode() {
            int n = c.nodes();
            long rank = (long) (n * Math.pow(rnd.nextDouble(), zipfPower));
            if (rank >= n) {
                rank = n - 1;
            }
            return (int) ((permA * rank + permB) % n);
        }

        /** A Zipf-drawn node of the given camp (any node if the camp seems empty, as with very few nodes). */
        private int zipfNodeIn(int wanted) {
            for (int attempt = 0; attempt < 64; attempt++) {
                int n = zipfNode();
                if (camp(n) == wanted) {
                    return n;
                }
            }
            return zipfNode();
        }

        private int filled(int node) {
            return neighbours[node * slots + slots - 1] >= 0 ? slots : cursor[node];
        }

        private int randomFilledSlot(int node) {
            int filled = filled(node);
            return filled == 0 ? -1 : node * slots + rnd.nextInt(filled);
        }

        private int slotOf(int node, int other) {
            int base = node * slots;
            for (int i = base; i < base + slots; i++) {
                if (neighbours[i] == other) {
                    return i;
                }
            }
            return -1;
        }

        private void remember(int node, int other) {
            if (slotOf(node, other) < 0) {
                int next = cursor[node];
                neighbours[node * slots + next] = other;
                cursor[node] = (byte) ((next + 1) % slots);
            }
        }

        private static long gcd(long a, long b) {
            while (b != 0) {
                long r = a % b;
                a = b;
                b = r;
            }
            return a;
        }
    }
}
