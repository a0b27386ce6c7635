package io.linkcast.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A dataset file read into memory: its events sorted stably by time (file order breaks ties), the
 * sha256 of the file's stored bytes (compressed or not) and a report of its anomalies.
 *
 * @param source the file that was read
 * @param format its format
 * @param sha256 lowercase hex sha256 of the stored bytes, for provenance
 * @param events the events, non-decreasing in time
 * @param report counts over the file
 */
public record Dataset(Path source, DatasetFormat format, String sha256, List<Interaction> events, DatasetReport report) {

    public Dataset {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(report, "report");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, got " + sha256);
        }
        events = List.copyOf(events);
        if (events.size() != report.rows()) {
            throw new IllegalArgumentException("report counts " + report.rows() + " rows but there are "
                    + events.size() + " events");
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).t() < events.get(i - 1).t()) {
                throw new IllegalArgumentException("events must be sorted by time; event " + i + " at t="
                        + events.get(i).t() + " follows t=" + events.get(i - 1).t());
            }
        }
    }
}
