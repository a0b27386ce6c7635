package io.linkcast.ingest;

import java.util.Locale;

/**
 * How fast a replay sends: a number of events per second, or as fast as the producer accepts ({@link #MAX}).
 *
 * @param eventsPerSecond positive, or {@link Double#POSITIVE_INFINITY} for no limit
 */
public record ReplayRate(double eventsPerSecond) {
    public static final ReplayRate MAX = new ReplayRate(Double.POSITIVE_INFINITY);

    public ReplayRate {
        if (!(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("events per second must be > 0, got " + eventsPerSecond);
        }
    }

    /** "max", or a positive number of events per second such as "5000" or "2.5e3". */
    public static ReplayRate parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.equalsIgnoreCase("max")) {
            return MAX;
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v > 0 && Double.isFinite(v)) || !s.matches("[0-9.eE+]+")) {
            throw new IllegalArgumentException("rate must be a positive number of events per second or 'max', got '"
                    + text + "'");
        }
        return new ReplayRate(v);
    }

    public boolean unlimited() {
        return eventsPerSecond == Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return unlimited() ? "max" : String.format(Locale.ROOT, "%s events/s", eventsPerSecond);
    }
}
