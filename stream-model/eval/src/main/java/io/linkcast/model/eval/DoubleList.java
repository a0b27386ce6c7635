package io.linkcast.model.eval;

import java.util.Arrays;

/** A growable primitive double array; mutable, for collecting scores inside one evaluation. */
final class DoubleList {
    private double[] values = new double[64];
    private int size;

    void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
