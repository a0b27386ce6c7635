package io.linkcast.ingest;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Measures a stream independently of how it was generated: every pair and sign seen so far is kept, so
 * "repeat" means the unordered pair occurred before, and "closure" means a new pair whose endpoints already
 * had a common neighbour. Test helper; holds the whole graph in memory.
 */
final class StreamStats {
    long events;
    long repeats;
    long closures;
    long negatives;
    long triangles;
    long balancedTriangles;
    long selfLoops;
    long timeDescents;
    double firstTime = Double.NaN;
    double lastTime = Double.NaN;
    private final Map<Integer, Set<Integer>> adjacency = new HashMap<>();
    private final Map<Long, Integer> pairSign = new HashMap<>();
    private final Map<Integer, Long> activity = new HashMap<>();

    private static long key(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    void add(Interaction e) {
        int s = Integer.parseInt(e.srcKey());
        int d = Integer.parseInt(e.dstKey());
        events++;
        if (e.sign() < 0) {
            negatives++;
        }
        if (s == d) {
            selfLoops++;
        }
        if (!Double.isNaN(lastTime) && e.t() < lastTime) {
            timeDescents++;
        }
        if (Double.isNaN(firstTime)) {
            firstTime = e.t();
        }
        lastTime = e.t();
        activity.merge(s, 1L, Long::sum);
        activity.merge(d, 1L, Long::sum);
        Set<Integer> ns = adjacency.computeIfAbsent(s, k -> new HashSet<>());
        Set<Integer> nd = adjacency.computeIfAbsent(d, k -> new HashSet<>());
        if (ns.contains(d)) {
            repeats++;
        } else {
            Set<Integer> small = ns.size() <= nd.size() ? ns : nd;
            Set<Integer> large = small == ns ? nd : ns;
            boolean closing = false;
            for (int w : small) {
                if (large.contains(w)) {
                    closing = true;
                    triangles++;
                    int product = e.sign() * pairSign.get(key(s, w)) * pairSign.get(key(w, d));
                    if (product > 0) {
                        balancedTriangles++;
                    }
                }
            }
            if (closing) {
                closures++;
            }
        }
        ns.add(d);
        nd.add(s);
        pairSign.put(key(s, d), e.sign());
    }

    double repeatRate() {
        return (double) repeats / events;
    }

    double closureRate() {
        return (double) closures / events;
    }

    double negativeShare() {
        return (double) negatives / events;
    }

    double balancedShare() {
        return (double) balancedTriangles / triangles;
    }

    /** Share of a triangle's sign product being positive if its three signs were independent. */
    double balancedShareByChance() {
        double q = negativeShare();
        return Math.pow(1 - q, 3) + 3 * q * q * (1 - q);
    }

    int distinctNodes() {
        return activity.size();
    }

    /** Share of all endpoint occurrences held by the most active {@code fraction} of {@code nodes}. */
    double topShare(int nodes, double fraction) {
        long[] counts = activity.values().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(counts);
        int top = (int) Math.ceil(nodes * fraction);
        long sum = 0;
        for (int i = counts.length - 1; i >= Math.max(0, counts.length - top); i--) {
            sum += counts[i];
        }
        return (double) sum / (2.0 * events);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "events %d, nodes %d, repeat %.3f, closure %.3f, negative %.3f, balanced %.3f (chance %.3f, %d triangles)",
                events, distinctNodes(), repeatRate(), closureRate(), negativeShare(), balancedShare(),
                balancedShareByChance(), triangles);
    }
}
