package io.linkcast.model.nat;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.SequencedEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A small reader of the CAWN/NAT {@code ml_<name>.csv} files (header {@code ,u,i,ts,label,idx}), for the NAT
 * benchmarks and tests until the ingest module's dataset readers are merged. Event k (0-based row) gets
 * stream position k; node ids go through {@link Interaction#of}.
 */
final class MlCsv {

    private MlCsv() {
    }

    static List<SequencedEvent> read(Path file, int limit) throws IOException {
        List<SequencedEvent> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null || !header.replace(" ", "").startsWith(",u,i,ts")) {
                throw new IOException(file + ": expected the header ',u,i,ts,label,idx', got " + header);
            }
            String line;
            while ((line = r.readLine()) != null && out.size() < limit) {
                String[] f = line.split(",");
                if (f.length < 4) {
                    throw new IOException(file + " line " + (out.size() + 2) + ": expected 6 fields: " + line);
                }
                out.add(new SequencedEvent(out.size(), Interaction.of(f[1].trim(), f[2].trim(),
                        Double.parseDouble(f[3].trim()))));
            }
        }
        return out;
    }

    /** The chronological split points q(0.70), q(0.85) of the event times (nearest rank). */
    static double[] splitTimes(List<SequencedEvent> events) {
        double[] t = events.stream().mapToDouble(e -> e.event().t()).toArray();
        Arrays.sort(t);
        return new double[] {t[(int) Math.floor(0.70 * (t.length - 1))], t[(int) Math.floor(0.85 * (t.length - 1))]};
    }

    static List<SequencedEvent> between(List<SequencedEvent> events, double afterExclusive, double upToInclusive) {
        List<SequencedEvent> out = new ArrayList<>();
        for (SequencedEvent e : events) {
            if (e.event().t() > afterExclusive && e.event().t() <= upToInclusive) {
                out.add(e);
            }
        }
        return out;
    }
}
