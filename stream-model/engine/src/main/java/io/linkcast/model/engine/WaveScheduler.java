package io.linkcast.model.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * Splits a micro-batch into waves so that computing each wave as one vectorised step gives exactly the
 * results of processing the events one at a time (architecture contract 3).
 *
 * <p>An event goes to the wave after the last wave that wrote any of its endpoints. Events on disjoint
 * nodes commute (locality), so moving one ahead of an unrelated earlier event changes nothing.
 *
 * <p>An event may also read a node read-only (its link negative, scored in the event's wave from the states at
 * the start of the wave). Then the event goes after the last wave that wrote that node, and a later event that
 * writes it goes no earlier than the wave that read it: the read sees the node just before its event, as if
 * the events ran one at a time, whatever the batch.
 */
public final class WaveScheduler {
    /** No read-only node for an event. */
    public static final long NO_READ = Long.MIN_VALUE;

    private WaveScheduler() {
    }

    /** The wave (0-based) of each event; {@code src[i] -> dst[i]} is event i in stream order. */
    public static int[] assign(long[] src, long[] dst) {
        return assign(src, dst, null);
    }

    /**
     * The wave of each event, event i also reading node {@code reads[i]} ({@link #NO_READ}: none; a null array:
     * no reads).
     */
    public static int[] assign(long[] src, long[] dst, long[] reads) {
        if (src.length != dst.length || reads != null && reads.length != src.length) {
            throw new IllegalArgumentException("src, dst and reads differ in length");
        }
        int[] wave = new int[src.length];
        Map<Long, Integer> lastWrite = new HashMap<>(src.length * 2);
        Map<Long, Integer> lastRead = reads == null ? Map.of() : new HashMap<>(src.length * 2);
        for (int i = 0; i < src.length; i++) {
            int w = Math.max(lastWrite.getOrDefault(src[i], -1), lastWrite.getOrDefault(dst[i], -1)) + 1;
            // a writer may share the wave of an earlier reader (reads see the wave's starting states), not precede it
            w = Math.max(w, Math.max(lastRead.getOrDefault(src[i], 0), lastRead.getOrDefault(dst[i], 0)));
            long read = reads == null ? NO_READ : reads[i];
            if (read != NO_READ) {
                w = Math.max(w, lastWrite.getOrDefault(read, -1) + 1);
            }
            wave[i] = w;
            lastWrite.put(src[i], w);
            lastWrite.put(dst[i], w);
            if (read != NO_READ) {
                lastRead.merge(read, w, Math::max);
            }
        }
        return wave;
    }

    /**
     * The wave of each item when an item may hold several nodes exclusively ({@code exclusive[i]}: no other item of
     * its wave holds them, or reads them) and read one node ({@code reads[i]}, {@link #NO_READ}: none) from the
     * wave's starting states. The owner chain needs it: its model calls carry another partition's snapshot of a
     * node beside the local state of the same node, and a model call must never see one node twice.
     */
    public static int[] assign(long[][] exclusive, long[] reads) {
        if (exclusive.length != reads.length) {
            throw new IllegalArgumentException("exclusive and reads differ in length");
        }
        int[] wave = new int[reads.length];
        Map<Long, Integer> lastWrite = new HashMap<>(reads.length * 4);
        Map<Long, Integer> lastRead = new HashMap<>(reads.length * 2);
        for (int i = 0; i < reads.length; i++) {
            int w = reads[i] == NO_READ ? 0 : lastWrite.getOrDefault(reads[i], -1) + 1;
            for (long x : exclusive[i]) {
                w = Math.max(w, Math.max(lastWrite.getOrDefault(x, -1) + 1, lastRead.getOrDefault(x, 0)));
            }
            wave[i] = w;
            for (long x : exclusive[i]) {
                lastWrite.put(x, w);
            }
            if (reads[i] != NO_READ) {
                lastRead.merge(reads[i], w, Math::max);
            }
        }
        return wave;
    }
}
