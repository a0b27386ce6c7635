package io.linkcast.serving;

import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.ReplayRate;
import io.linkcast.model.eval.LineChart;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A long run at a fixed fraction of the measured capacity: what a leak, a growing backlog or a creeping tail
 * looks like only after an hour. One sample per interval: the stream kept up if its backlog (events fed whose
 * predictions are not yet readable) stays flat, and memory is sound if the RSS stops growing once every node of
 * the stream has been seen.
 */
final class Soak {
    /** One interval. {@code backlog} = events fed so far minus predictions read so far, at the sample. */
    record Sample(double minutes, long fed, long predicted, long backlog, double p50Ms, double p99Ms, double rssMiB,
            double heapMiB) {
    }

    private final PrintWriter out;
    private final long intervalMillis;

    Soak(PrintWriter out, long intervalMillis) {
        this.out = out;
        this.intervalMillis = intervalMillis;
    }

    /**
     * Feeds {@code stream} at {@code rate} events/s for {@code minutes} into the service behind {@code probe}, whose
     * count of predictions stands at {@code predictedBefore} when the feed starts.
     */
    List<Sample> run(String bootstrap, String topic, LatencyProbe probe, long predictedBefore, Iterator<Interaction> stream,
            double rate, double minutes) throws Exception {
        List<Sample> samples = new ArrayList<>();
        long total = (long) (rate * minutes * 60);
        probe.interval();
        out.printf("soak: %,.0f events/s for %.0f min (%,d events); a row every %d s%n", rate, minutes, total,
                intervalMillis / 1000);
        out.println("| minute | fed | predicted | backlog | p50 ms | p99 ms | RSS MiB | heap MiB |");
        out.println("|---|---|---|---|---|---|---|---|");
        out.flush();
        try (DemoFeed feed = new DemoFeed(bootstrap, topic, DemoFeed.limit(stream, total), new ReplayRate(rate))) {
            long start = System.nanoTime();
            feed.start();
            long next = start + intervalMillis * 1_000_000L;
            while (!feed.done()) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Math.min(wait / 1_000_000L + 1, 200));
                    continue;
                }
                next += intervalMillis * 1_000_000L;
                samples.add(sample(start, feed.sent(), probe.received() - predictedBefore, probe.interval()));
            }
            // the tail: the last events' predictions, so that the final row shows whether the backlog drains
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (probe.received() - predictedBefore < total && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            samples.add(sample(start, feed.sent(), probe.received() - predictedBefore, probe.interval()));
        }
        return samples;
    }

    private Sample sample(long start, long fed, long predicted, Histogram h) {
        double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (double) (1 << 20);
        Sample s = new Sample((System.nanoTime() - start) / 60e9, fed, predicted, fed - predicted,
                h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50) / 1000.0,
                h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0,
                ResidentMemory.bytes() / (1 << 20), heap);
        out.printf("| %.1f | %,d | %,d | %,d | %.0f | %.0f | %.0f | %.0f |%n", s.minutes(), s.fed(), s.predicted(),
                s.backlog(), s.p50Ms(), s.p99Ms(), s.rssMiB(), s.heapMiB());
        out.flush();
        return s;
    }

    /** The samples as CSV and as one picture: RSS, backlog and p99 over time. */
    static void write(List<Sample> samples, Path dir, String title) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("minutes,fed,predicted,backlog,p50_ms,p99_ms,rss_mib,heap_mib\n");
        for (Sample s : samples) {
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%d,%d,%d,%.1f,%.1f,%.1f,%.1f%n", s.minutes(), s.fed(),
                    s.predicted(), s.backlog(), s.p50Ms(), s.p99Ms(), s.rssMiB(), s.heapMiB()));
        }
        Files.writeString(dir.resolve("soak.csv"), csv);
        double[] x = samples.stream().mapToDouble(Sample::minutes).toArray();
        List<LineChart.Series> series = List.of(
                new LineChart.Series("RSS MiB", x, samples.stream().mapToDouble(Sample::rssMiB).toArray()),
                new LineChart.Series("heap MiB", x, samples.stream().mapToDouble(Sample::heapMiB).toArray(), true),
                new LineChart.Series("backlog (events)", x, samples.stream().mapToDouble(Sample::backlog).toArray()),
                new LineChart.Series("p99 ms", x, samples.stream().mapToDouble(s -> Double.isNaN(s.p99Ms()) ? 0 : s.p99Ms())
                        .toArray()));
        new LineChart(title, "minutes", "MiB / events / ms", series).writePng(dir.resolve("soak.png"), 900, 500);
    }
}
