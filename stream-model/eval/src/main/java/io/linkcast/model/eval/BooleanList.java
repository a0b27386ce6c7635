package io.linkcast.model.eval;

import java.util.Arrays;

/** A growable primitive boolean array; mutable, for collecting labels inside one evaluation. */
final class BooleanList {
    private boolean[] values = new boolean[64];
    private int size;

    void add(boolean v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    boolean[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
