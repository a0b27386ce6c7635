package io.linkcast.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads dataset files ({@link DatasetFormat}) into a {@link Dataset}: plain or gzip (recognised by its magic
 * bytes, whatever the name), the format given or detected from the first content line (then from the name).
 * Ids are kept as the file writes them, so integer ids map to themselves ({@link NodeIds}). Events are sorted
 * stably by time. A malformed row fails the whole read with {@link MalformedDatasetException} (file:line: reason):
 * a dataset that silently loses rows would give wrong figures.
 */
public final class DatasetReader {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final int BUFFER = 1 << 16;
    private static final int DETECT_LIMIT_CHARS = 1 << 20;
    private static final int MAX_SHOWN_CHARS = 120;

    /** Reads {@code file}, detecting its format. */
    public Dataset read(Path file) throws IOException {
        return read(file, null);
    }

    /** Reads {@code file} in {@code format}, or in the detected format when {@code format} is null. */
    public Dataset read(Path file, DatasetFormat format) throws IOException {
        Objects.requireNonNull(file, "file");
        MessageDigest sha = sha256();
        try (DigestInputStream stored = new DigestInputStream(Files.newInputStream(file), sha);
                BufferedReader reader = textReader(stored)) {
            DatasetFormat fmt = format != null ? format : detect(file, reader);
            List<Interaction> inFileOrder = parse(file, reader, fmt);
            // hash whatever the decompressor did not need (trailing bytes) so the digest covers the whole file
            stored.transferTo(OutputStream.nullOutputStream());
            DatasetReport report = DatasetReport.of(inFileOrder);
            List<Interaction> sorted = new ArrayList<>(inFileOrder);
            sorted.sort(Comparator.comparingDouble(Interaction::t)); // List.sort is stable: file order breaks ties
            return new Dataset(file, fmt, HexFormat.of().formatHex(sha.digest()), sorted, report);
        }
    }

    /** The format of {@code file}, from its first content line, else from its name. */
    public DatasetFormat detect(Path file) throws IOException {
        try (BufferedReader reader = textReader(Files.newInputStream(file))) {
            return detect(file, reader);
        }
    }

    private static BufferedReader textReader(InputStream stored) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stored, BUFFER);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        InputStream content = gzip ? new GZIPInputStream(in, BUFFER) : in;
        return new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), BUFFER);
    }

    private static DatasetFormat detect(Path file, BufferedReader reader) throws IOException {
        reader.mark(DETECT_LIMIT_CHARS);
        String first = null;
        long chars = 0;
        long lineNo = 0;
        String line;
        while ((line = readLine(file, reader, lineNo + 1)) != null) {
            lineNo++;
            chars += line.length() + 1;
            if (chars >= DETECT_LIMIT_CHARS) {
                break;
            }
            if (!isBlankOrComment(line)) {
                first = line;
                break;
            }
        }
        reader.reset();
        DatasetFormat byContent = first == null ? null : fromFirstLine(first);
        if (byContent != null) {
            return byContent;
        }
        DatasetFormat byName = fromName(file.getFileName() == null ? "" : file.getFileName().toString());
        if (byName != null) {
            return byName;
        }
        throw new MalformedDatasetException(file, first == null ? 0 : lineNo,
                "cannot detect the format from " + (first == null ? "an empty file" : "the line '" + shown(first) + "'")
                        + " or from the name; give it explicitly: signed-csv, edge-list or jodie");
    }

    private static DatasetFormat fromFirstLine(String line) {
        if (isJodieHeader(line.split(",", -1))) {
            return DatasetFormat.JODIE_CSV;
        }
        if (line.indexOf(',') >= 0) {
            return line.split(",", -1).length == 4 ? DatasetFormat.SIGNED_CSV : null;
        }
        return WHITESPACE.split(line.trim()).length == 3 ? DatasetFormat.EDGE_LIST : null;
    }

    private static DatasetFormat fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.startsWith("ml_") && n.endsWith(".csv")) {
            return DatasetFormat.JODIE_CSV;
        }
        if (n.endsWith(".csv")) {
            return DatasetFormat.SIGNED_CSV;
        }
        if (n.endsWith(".txt") || n.endsWith(".tsv") || n.endsWith(".edges")) {
            return DatasetFormat.EDGE_LIST;
        }
        return null;
    }

    private static boolean isJodieHeader(String[] cols) {
        return cols.length >= 6 && cols[1].trim().equals("u") && cols[2].trim().equals("i")
                && cols[3].trim().equals("ts") && cols[4].trim().equals("label") && cols[5].trim().equals("idx");
    }

    private static boolean isBlankOrComment(String line) {
        String s = line.strip();
        return s.isEmpty() || s.charAt(0) == '#' || s.charAt(0) == '%';
    }

    private static List<Interaction> parse(Path file, BufferedReader reader, DatasetFormat format) throws IOException {
        RowParser rows = new RowParser(file, format);
        List<Interaction> events = new ArrayList<>();
        long lineNo = 0;
        String line;
        while ((line = readLine(file, reader, lineNo + 1)) != null) {
            lineNo++;
            Interaction e = rows.parse(line, lineNo);
            if (e != null) {
                events.add(e);
            }
        }
        rows.finish(lineNo);
        return events;
    }

    private static String readLine(Path file, BufferedReader reader, long lineNo) throws IOException {
        try {
            return reader.readLine();
        } catch (CharacterCodingException e) {
            throw new MalformedDatasetException(file, lineNo, "not UTF-8 text (" + e + ")");
        } catch (ZipException | EOFException e) {
            throw new MalformedDatasetException(file, lineNo, "corrupt or truncated gzip data (" + e.getMessage() + ")");
        }
    }

    static String shown(String line) {
        return line.length() <= MAX_SHOWN_CHARS ? line : line.substring(0, MAX_SHOWN_CHARS) + "...";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Parses the rows of one file; keeps the header state and shares repeated id strings. */
    private static final class RowParser {
        private final Path file;
        private final DatasetFormat format;
        private final Map<String, String> ids = new HashMap<>();
        private boolean sawContent;
        private int jodieColumns;

        RowParser(Path file, DatasetFormat format) {
            this.file = file;
            this.format = format;
        }

        /** The row's event, or null for a line that carries none (blank, comment, header). */
        Interaction parse(String line, long lineNo) throws MalformedDatasetException {
            boolean first = !sawContent;
            if (line.isBlank()) {
                return null;
            }
            switch (format) {
                case EDGE_LIST:
                    if (isBlankOrComment(line)) {
                        return null;
                    }
                    sawContent = true;
                    return edgeListRow(line, lineNo);
                case SIGNED_CSV:
                    sawContent = true;
                    if (first && line.strip().equalsIgnoreCase("SOURCE,TARGET,RATING,TIME")) {
                        return null;
                    }
                    return signedRow(line, lineNo);
                case JODIE_CSV:
                    sawContent = true;
                    if (first) {
                        String[] header = line.split(",", -1);
                        if (!isJodieHeader(header)) {
                            throw fail(lineNo, "expected the header ',u,i,ts,label,idx', got '" + shown(line) + "'");
                        }
                        jodieColumns = header.length;
                        return null;
                    }
                    return jodieRow(line, lineNo);
                default:
                    throw new IllegalStateException("unhandled format " + format);
            }
        }

        void finish(long lines) throws MalformedDatasetException {
            if (format == DatasetFormat.JODIE_CSV && !sawContent) {
                throw fail(lines, "no header ',u,i,ts,label,idx': the file is empty");
            }
        }

        private Interaction edgeListRow(String line, long lineNo) throws MalformedDatasetException {
            String[] f = WHITESPACE.split(line.strip());
            if (f.length != 3) {
                throw fail(lineNo, "expected 3 whitespace-separated fields SRC DST UNIXTS, got " + f.length
                        + ": '" + shown(line) + "'");
            }
            return Interaction.of(id(f[0]), id(f[1]), number(f[2], "UNIXTS", lineNo), 0, Double.NaN, null);
        }

        private Interaction signedRow(String line, long lineNo) throws MalformedDatasetException {
            String[] f = line.split(",", -1);
            if (f.length != 4) {
                throw fail(lineNo, "expected 4 comma-separated fields SOURCE,TARGET,RATING,TIME, got " + f.length
                        + ": '" + shown(line) + "'");
            }
            String src = requireId(f[0], "SOURCE", lineNo);
            String dst = requireId(f[1], "TARGET", lineNo);
            double rating = number(f[2].strip(), "RATING", lineNo);
            double t = number(f[3].strip(), "TIME", lineNo);
            return Interaction.of(src, dst, t, (int) Math.signum(rating), rating, null);
        }

        private Interaction jodieRow(String line, long lineNo) throws MalformedDatasetException {
            String[] f = line.split(",", -1);
            if (f.length != jodieColumns) {
                throw fail(lineNo, "expected " + jodieColumns + " comma-separated fields like the header, got "
                        + f.length + ": '" + shown(line) + "'");
            }
            String src = requireId(f[1], "u", lineNo);
            String dst = requireId(f[2], "i", lineNo);
            double t = number(f[3].strip(), "ts", lineNo);
            String idx = requireId(f[5], "idx", lineNo);
            return Interaction.of(src, dst, t, 0, Double.NaN, idx);
        }

        private String requireId(String field, String name, long lineNo) throws MalformedDatasetException {
            String s = field.strip();
            if (s.isEmpty()) {
                throw fail(lineNo, name + " is empty");
            }
            return id(s);
        }

        private String id(String s) {
            return ids.computeIfAbsent(s, k -> k);
        }

        private double number(String s, String name, long lineNo) throws MalformedDatasetException {
            if (!NUMBER.matcher(s).matches()) {
                throw fail(lineNo, name + " is not a number: '" + shown(s) + "'");
            }
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw fail(lineNo, name + " is not finite: '" + shown(s) + "'");
            }
            return v;
        }

        private MalformedDatasetException fail(long lineNo, String reason) {
            return new MalformedDatasetException(file, lineNo, reason);
        }
    }
}
