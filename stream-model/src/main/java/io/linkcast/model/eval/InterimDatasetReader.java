package io.linkcast.model.eval;

import io.linkcast.ingest.Interaction;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A minimal reader for the two dataset formats the harness is checked on, until ingest's DatasetReader
 * lands (then {@link EvalCommand} switches to it and this class goes away):
 * <ul>
 *   <li>SNAP signed CSV, no header, {@code SOURCE,TARGET,RATING,TIME}: sign = signum(rating),
 *       weight = rating;
 *   <li>JODIE/CAWN {@code ml_*.csv}, header {@code ,u,i,ts,label,idx}: unsigned, unweighted, id = idx.
 * </ul>
 * gzip is detected by its magic bytes. Malformed lines fail loudly with their line number.
 */
final class InterimDatasetReader {
    private InterimDatasetReader() {
    }

    static List<Interaction> read(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            List<Interaction> out = new ArrayList<>();
            String first = in.readLine();
            if (first == null) {
                return out;
            }
            boolean jodie = first.startsWith(",u,i,ts");
            if (!jodie) {
                out.add(parseSnap(first, 1, file));
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                out.add(jodie ? parseJodie(line, lineNo, file) : parseSnap(line, lineNo, file));
            }
            return out;
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    private static Interaction parseSnap(String line, int lineNo, Path file) {
        String[] f = line.split(",");
        if (f.length != 4) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": expected SOURCE,TARGET,RATING,TIME, got '"
                    + line + "'");
        }
        try {
            double rating = Double.parseDouble(f[2].trim());
            return Interaction.of(f[0].trim(), f[1].trim(), Double.parseDouble(f[3].trim()), (int) Math.signum(rating),
                    rating, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage(), e);
        }
    }

    private static Interaction parseJodie(String line, int lineNo, Path file) {
        String[] f = line.split(",");
        if (f.length < 6) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": expected ,u,i,ts,label,idx, got '" + line
                    + "'");
        }
        try {
            return Interaction.of(f[1].trim(), f[2].trim(), Double.parseDouble(f[3].trim()), 0, Double.NaN,
                    f[5].trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage(), e);
        }
    }
}
