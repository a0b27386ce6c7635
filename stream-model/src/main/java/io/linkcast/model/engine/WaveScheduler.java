package io.linkcast.model.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * Splits a micro-batch into waves so that computing each wave as one vectorised step gives exactly the
 * results of processing the events one at a time (architecture contract 3).
 *
 * <p>An event goes to the wave after the last wave that wrote any of its endpoints. Events on disjoint
 * nodes commute (locality), so moving one ahead of an unrelated earlier event changes nothing.
 */
public final class WaveScheduler {

    private WaveScheduler() {
    }

    /** The wave (0-based) of each event; {@code src[i] -> dst[i]} is event i in stream order. */
    public static int[] assign(long[] src, long[] dst) {
        if (src.length != dst.length) {
            throw new IllegalArgumentException("src and dst differ in length");
        }
        int[] wave = new int[src.length];
        Map<Long, Integer> lastWrite = new HashMap<>(src.length * 2);
        for (int i = 0; i < src.length; i++) {
            int w = Math.max(lastWrite.getOrDefault(src[i], -1), lastWrite.getOrDefault(dst[i], -1)) + 1;
            wave[i] = w;
            lastWrite.put(src[i], w);
            lastWrite.put(dst[i], w);
        }
        return wave;
    }
}
