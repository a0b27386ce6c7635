package io.linkcast.ingest;

import java.util.Locale;

/**
 * What a replay did.
 *
 * @param events events sent and acknowledged
 * @param seconds wall time from the first send to the last acknowledgement
 * @param eventsPerSecond events / seconds (0 when nothing was sent)
 */
public record ReplaySummary(long events, double seconds, double eventsPerSecond) {

    public ReplaySummary {
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0, got " + events);
        }
        if (!(seconds >= 0 && Double.isFinite(seconds))) {
            throw new IllegalArgumentException("seconds must be finite and >= 0, got " + seconds);
        }
        if (!(eventsPerSecond >= 0)) {
            throw new IllegalArgumentException("eventsPerSecond must be >= 0, got " + eventsPerSecond);
        }
    }

    /** The summary of {@code events} sent in {@code nanos} nanoseconds. */
    public static ReplaySummary of(long events, long nanos) {
        double seconds = Math.max(0, nanos) / 1e9;
        return new ReplaySummary(events, seconds, seconds > 0 ? events / seconds : 0);
    }

    /** One line for the command line: "replayed 2,000 events in 0.41 s (4,878 events/s)". */
    public String format() {
        return String.format(Locale.ROOT, "replayed %,d events in %.2f s (%,.0f events/s)", events, seconds,
                eventsPerSecond);
    }
}
