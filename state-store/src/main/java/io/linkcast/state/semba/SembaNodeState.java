package io.linkcast.state.semba;

import io.linkcast.state.compact.StatePrecision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The SEMBA record of one node: its signed memories, history counters and most recent signed neighbours.
 *
 * <p>Memories: the positive memory is what the node's "friends" side has absorbed, the negative memory its
 * "enemies" side (balance theory). The one-memory ablation stores an empty negative memory. Both memories are
 * updated by every event (balance rule), so they share one last-update time, {@code memoryTime}.
 *
 * <p>The model decides how far the memories lag behind the neighbour list; SEMBA keeps them one event behind
 * (the newest neighbour is the pending message), see the model's documentation.
 *
 * <p>Arrays are shared, never copied: a state is a value, and nobody may mutate an array it got from one. The
 * constructor keeps the memories as given (a decoder's, already rounded); a model makes records with
 * {@link #rounded}, which rounds them to the model's {@link StatePrecision} (a new array only when a value
 * changes).
 *
 * @param positiveMemory the positive memory, at least one float
 * @param negativeMemory the negative memory, as long as the positive one, or empty for the one-memory variant
 * @param memoryTime event time (seconds) of the last event folded into the memories, NaN if none
 * @param history counters over all the node's events
 * @param neighbours the most recent interactions, oldest first; each snapshot is {@link #memoryWidth()} floats
 */
public record SembaNodeState(float[] positiveMemory, float[] negativeMemory, double memoryTime,
        SembaHistory history, List<SembaNeighbour> neighbours) {
    /** The codec stores dimensions and counts in 16 and 8 bits. */
    public static final int MAX_MEMORY_DIM = 0xffff;
    public static final int MAX_NEIGHBOURS = 0xff;

    public SembaNodeState {
        Objects.requireNonNull(positiveMemory, "positiveMemory");
        Objects.requireNonNull(negativeMemory, "negativeMemory");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(neighbours, "neighbours");
        if (positiveMemory.length < 1 || positiveMemory.length > MAX_MEMORY_DIM) {
            throw new IllegalArgumentException(
                    "memory dimension must be in [1, " + MAX_MEMORY_DIM + "], got " + positiveMemory.length);
        }
        if (negativeMemory.length != 0 && negativeMemory.length != positiveMemory.length) {
            throw new IllegalArgumentException("negative memory must be empty or " + positiveMemory.length
                    + " floats like the positive one, got " + negativeMemory.length);
        }
        if (Double.isInfinite(memoryTime)) {
            throw new IllegalArgumentException("memoryTime must be finite or NaN (none), got " + memoryTime);
        }
        if (neighbours.size() > MAX_NEIGHBOURS) {
            throw new IllegalArgumentException(
                    "at most " + MAX_NEIGHBOURS + " neighbours, got " + neighbours.size());
        }
        int width = positiveMemory.length + negativeMemory.length;
        for (SembaNeighbour n : neighbours) {
            if (n.width() != width) {
                throw new IllegalArgumentException("neighbour snapshot must have " + width + " floats, got "
                        + n.width() + " (node " + n.node() + ")");
            }
        }
        neighbours = List.copyOf(neighbours);
    }

    /**
     * A record made now, its memories rounded to {@code precision}; the neighbours come rounded by their own
     * maker ({@link SembaNeighbour}).
     */
    public static SembaNodeState rounded(StatePrecision precision, float[] positiveMemory, float[] negativeMemory,
            double memoryTime, SembaHistory history, List<SembaNeighbour> neighbours) {
        return new SembaNodeState(precision.dense(Objects.requireNonNull(positiveMemory, "positiveMemory")),
                precision.dense(Objects.requireNonNull(negativeMemory, "negativeMemory")), memoryTime, history,
                neighbours);
    }

    /** A node never seen: zero memories, no history, no neighbours (zeros are exact at any precision). */
    public static SembaNodeState empty(int memoryDim, boolean twoMemories) {
        return new SembaNodeState(new float[memoryDim], new float[twoMemories ? memoryDim : 0], Double.NaN,
                SembaHistory.EMPTY, List.of());
    }

    public int memoryDim() {
        return positiveMemory.length;
    }

    public boolean hasNegativeMemory() {
        return negativeMemory.length > 0;
    }

    /** Floats of both memories together, which is also the size of each neighbour snapshot. */
    public int memoryWidth() {
        return positiveMemory.length + negativeMemory.length;
    }

    /** True once the node has taken part in an event. */
    public boolean hasEvents() {
        return !neighbours.isEmpty();
    }

    /** The most recent interaction; only for a node with events. */
    public SembaNeighbour newest() {
        if (neighbours.isEmpty()) {
            throw new IllegalStateException("node has no events");
        }
        return neighbours.get(neighbours.size() - 1);
    }

    /** Both memories, positive first, as one new array (a snapshot for a partner's neighbour list). */
    public float[] memorySnapshot() {
        float[] out = Arrays.copyOf(positiveMemory, memoryWidth());
        System.arraycopy(negativeMemory, 0, out, positiveMemory.length, negativeMemory.length);
        return out;
    }

    /**
     * The neighbour list after appending {@code entry}, keeping the newest {@code capacity} entries.
     */
    public List<SembaNeighbour> neighboursWith(SembaNeighbour entry, int capacity) {
        if (capacity < 1 || capacity > MAX_NEIGHBOURS) {
            throw new IllegalArgumentException("capacity must be in [1, " + MAX_NEIGHBOURS + "], got " + capacity);
        }
        int keep = Math.min(neighbours.size(), capacity - 1);
        List<SembaNeighbour> out = new ArrayList<>(keep + 1);
        out.addAll(neighbours.subList(neighbours.size() - keep, neighbours.size()));
        out.add(entry);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SembaNodeState s && Arrays.equals(positiveMemory, s.positiveMemory)
                && Arrays.equals(negativeMemory, s.negativeMemory) && Double.compare(memoryTime, s.memoryTime) == 0
                && history.equals(s.history) && neighbours.equals(s.neighbours);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(positiveMemory);
        h = 31 * h + Arrays.hashCode(negativeMemory);
        h = 31 * h + Double.hashCode(memoryTime);
        h = 31 * h + history.hashCode();
        return 31 * h + neighbours.hashCode();
    }

    @Override
    public String toString() {
        return "SembaNodeState[memoryDim=" + memoryDim() + ", memories=" + (hasNegativeMemory() ? 2 : 1)
                + ", memoryTime=" + memoryTime + ", history=" + history + ", neighbours=" + neighbours.size() + "]";
    }
}
