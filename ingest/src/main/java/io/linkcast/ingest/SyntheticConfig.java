package io.linkcast.ingest;

/**
 * Settings of a {@link SyntheticStream}.
 *
 * @param nodes node ids are "0" .. nodes-1; 2 .. 2^31/neighbourSlots
 * @param events how many events the stream yields, >= 0
 * @param seed the seed of every random choice: same settings, same stream
 * @param negativeFraction target share of negative signs, 0 .. 0.5
 * @param repeatProbability probability that an event repeats one of the source's recent pairs, 0 .. 1
 * @param closureProbability probability that an event closes a triangle (links a neighbour's neighbour), 0 .. 1;
 *        repeatProbability + closureProbability <= 1, the rest are new links drawn by popularity
 * @param startTime time of the first event, seconds
 * @param meanGap mean seconds between consecutive events (exponential gaps), > 0
 * @param activityExponent Zipf exponent of node activity and popularity, 0 (uniform) .. below 1 (heaviest)
 * @param neighbourSlots recent neighbours remembered per node (memory: 4 bytes a slot, 1 .. 64)
 */
public record SyntheticConfig(
        int nodes, long events, long seed, double negativeFraction, double repeatProbability,
        double closureProbability, double startTime, double meanGap, double activityExponent, int neighbourSlots) {

    /** 2023-11-14T22:13:20Z, an arbitrary recent epoch second. */
    public static final double DEFAULT_START_TIME = 1.7e9;

    public SyntheticConfig {
        if (nodes < 2) {
            throw new IllegalArgumentException("nodes must be >= 2, got " + nodes);
        }
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0, got " + events);
        }
        if (!(negativeFraction >= 0 && negativeFraction <= 0.5)) {
            throw new IllegalArgumentException("negativeFraction must be in 0..0.5, got " + negativeFraction);
        }
        probability("repeatProbability", repeatProbability);
        probability("closureProbability", closureProbability);
        if (repeatProbability + closureProbability > 1) {
            throw new IllegalArgumentException("repeatProbability + closureProbability must be <= 1, got "
                    + repeatProbability + " + " + closureProbability);
        }
        if (!Double.isFinite(startTime)) {
            throw new IllegalArgumentException("startTime must be finite, got " + startTime);
        }
        if (!(meanGap > 0 && Double.isFinite(meanGap))) {
            throw new IllegalArgumentException("meanGap must be finite and > 0, got " + meanGap);
        }
        if (!(activityExponent >= 0 && activityExponent < 1)) {
            throw new IllegalArgumentException("activityExponent must be in [0, 1), got " + activityExponent);
        }
        if (neighbourSlots < 1 || neighbourSlots > 64) {
            throw new IllegalArgumentException("neighbourSlots must be in 1..64, got " + neighbourSlots);
        }
        if ((long) nodes * neighbourSlots > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("nodes * neighbourSlots must fit in an array (< 2^31), got "
                    + nodes + " * " + neighbourSlots);
        }
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in 0..1, got " + p);
        }
    }

    /**
     * Defaults that resemble a trust or messaging network: 15 % negative, 40 % repeats, 20 % closures,
     * one event per second on average from {@link #DEFAULT_START_TIME}, Zipf exponent 0.6 (the top 1 % of nodes
     * then carry about 18 % of the endpoints; 25 % in bitcoin-otc, 14 % in CollegeMsg), 4 neighbour slots.
     */
    public static SyntheticConfig defaults(int nodes, long events, long seed) {
        return new SyntheticConfig(nodes, events, seed, 0.15, 0.4, 0.2, DEFAULT_START_TIME, 1.0, 0.6, 4);
    }

    public SyntheticConfig withEvents(long n) {
        return new SyntheticConfig(nodes, n, seed, negativeFraction, repeatProbability, closureProbability,
                startTime, meanGap, activityExponent, neighbourSlots);
    }

    public SyntheticConfig withSeed(long s) {
        return new SyntheticConfig(nodes, events, s, negativeFraction, repeatProbability, closureProbability,
                startTime, meanGap, activityExponent, neighbourSlots);
    }

    public SyntheticConfig withMix(double negative, double repeat, double closure) {
        return new SyntheticConfig(nodes, events, seed, negative, repeat, closure, startTime, meanGap,
                activityExponent, neighbourSlots);
    }
}
