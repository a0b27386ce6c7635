package io.linkcast.model.semba;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Draws the non-edges that link and signed-link training score against: for event (u, v) a destination w
 * uniformly from those seen earlier in the stream (NAT's protocol in evaluation.md), w ≠ v, u. The draw is a
 * hash of (seed, epoch, event position, attempt), never a shared generator (architecture contract 4), so a run
 * is reproducible whatever the batch size.
 */
final class NonEdgeSampler {
    private static final int ATTEMPTS = 4;

    private final long seed;
    private final List<Long> destinations = new ArrayList<>();
    private final Set<Long> seen = new HashSet<>();

    NonEdgeSampler(long seed, int epoch) {
        this.seed = mix(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
    }

    /** A non-edge destination for the event at {@code seq} from src to dst, or -1 if none is available. */
    long sample(long seq, long src, long dst) {
        if (destinations.isEmpty()) {
            return -1;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long h = mix(seed ^ mix(seq * 0xBF58476D1CE4E5B9L + attempt));
            long w = destinations.get((int) Math.floorMod(h, (long) destinations.size()));
            if (w != dst && w != src) {
                return w;
            }
        }
        return -1;
    }

    /** Makes {@code dst} available to later draws. */
    void observe(long dst) {
        if (seen.add(dst)) {
            destinations.add(dst);
        }
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
