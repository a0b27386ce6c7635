package io.linkcast.ingest;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a dataset file contains and what is unusual about it, counted in file order.
 *
 * @param rows events read
 * @param nodes distinct ids seen as source or destination
 * @param distinctSources distinct source ids
 * @param distinctDestinations distinct destination ids
 * @param distinctPairs distinct (source, destination) pairs, directed
 * @param minTime earliest event time (NaN when there are no rows)
 * @param maxTime latest event time (NaN when there are no rows)
 * @param outOfOrderRows rows earlier than some row above them in the file (the reader sorts them into place)
 * @param duplicateRows rows equal to an earlier row in source, destination, time, sign and weight
 * @param selfLoops rows whose source and destination are the same id
 * @param signedRows rows that carry a sign
 * @param negativeRows rows with sign -1
 * @param tiedRows rows whose time equals the previous row's once sorted (rows minus distinct times)
 */
public record DatasetReport(
        long rows, long nodes, long distinctSources, long distinctDestinations, long distinctPairs,
        double minTime, double maxTime, long outOfOrderRows, long duplicateRows, long selfLoops,
        long signedRows, long negativeRows, long tiedRows) {

    public DatasetReport {
        nonNegative("rows", rows);
        nonNegative("nodes", nodes);
        nonNegative("distinctSources", distinctSources);
        nonNegative("distinctDestinations", distinctDestinations);
        nonNegative("distinctPairs", distinctPairs);
        nonNegative("outOfOrderRows", outOfOrderRows);
        nonNegative("duplicateRows", duplicateRows);
        nonNegative("selfLoops", selfLoops);
        nonNegative("signedRows", signedRows);
        nonNegative("negativeRows", negativeRows);
        nonNegative("tiedRows", tiedRows);
        if (negativeRows > signedRows || signedRows > rows || nodes > 2 * rows) {
            throw new IllegalArgumentException("inconsistent counts: rows " + rows + ", nodes " + nodes
                    + ", signed " + signedRows + ", negative " + negativeRows);
        }
        if (rows > 0 && !(minTime <= maxTime)) {
            throw new IllegalArgumentException("minTime must be <= maxTime, got " + minTime + " > " + maxTime);
        }
    }

    private static void nonNegative(String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
    }

    /** Counts the report over {@code events} in their file order. */
    public static DatasetReport of(List<Interaction> events) {
        Set<String> nodes = new HashSet<>();
        Set<String> sources = new HashSet<>();
        Set<String> destinations = new HashSet<>();
        Set<List<String>> pairs = new HashSet<>();
        Set<Interaction> seenRows = new HashSet<>();
        double min = Double.NaN;
        double max = Double.NaN;
        long outOfOrder = 0;
        long duplicates = 0;
        long selfLoops = 0;
        long signed = 0;
        long negative = 0;
        double[] times = new double[events.size()];
        int i = 0;
        for (Interaction e : events) {
            nodes.add(e.srcKey());
            nodes.add(e.dstKey());
            sources.add(e.srcKey());
            destinations.add(e.dstKey());
            pairs.add(List.of(e.srcKey(), e.dstKey()));
            // the row without its producer id: files like ml_*.csv number every row, so ids never repeat
            if (!seenRows.add(new Interaction(e.srcKey(), e.dstKey(), e.src(), e.dst(), e.t(), e.sign(), e.weight(), null))) {
                duplicates++;
            }
            if (i > 0 && e.t() < max) {
                outOfOrder++;
            }
            min = i == 0 ? e.t() : Math.min(min, e.t());
            max = i == 0 ? e.t() : Math.max(max, e.t());
            if (e.srcKey().equals(e.dstKey())) {
                selfLoops++;
            }
            if (e.hasSign()) {
                signed++;
                if (e.sign() < 0) {
                    negative++;
                }
            }
            times[i++] = e.t();
        }
        Arrays.sort(times);
        long ties = 0;
        for (int k = 1; k < times.length; k++) {
            if (Double.compare(times[k], times[k - 1]) == 0) {
                ties++;
            }
        }
        return new DatasetReport(events.size(), nodes.size(), sources.size(), destinations.size(), pairs.size(),
                min, max, outOfOrder, duplicates, selfLoops, signed, negative, ties);
    }

    /** Seconds between the first and the last event (0 when there are no rows). */
    public double timeSpan() {
        return rows == 0 ? 0 : maxTime - minTime;
    }

    /** One line for logs and the command line. */
    public String summary() {
        return String.format(Locale.ROOT,
                "%,d rows, %,d nodes, span %.1f days, %,d out of order, %,d duplicates, %,d self-loops, "
                        + "%,d ties, %,d signed (%,d negative)",
                rows, nodes, timeSpan() / 86400.0, outOfOrderRows, duplicateRows, selfLoops, tiedRows,
                signedRows, negativeRows);
    }
}
