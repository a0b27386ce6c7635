package io.linkcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {
    @TempDir
    Path dir;

    private final DatasetReader reader = new DatasetReader();

    private Path write(String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    private Path writeGzip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static final String SIGNED = "6,2,4,1289241911.72836\n6,5,-2,1289241941.53378\n1,15,1,1289243140.39049\n";
    private static final String EDGES = "# Directed temporal graph\n# SRC DST UNIXTS\n1 2 1082040961\n3\t4  1082155839\n";
    private static final String JODIE = ",u,i,ts,label,idx\n0,1,2,0,0,1\n1,3,4,114878.0,0,2\n";

    @Test
    void shouldDetectEachFormatFromContentWhateverTheName() throws IOException {
        assertThat(reader.detect(write("a.data", SIGNED))).isEqualTo(DatasetFormat.SIGNED_CSV);
        assertThat(reader.detect(write("b.data", EDGES))).isEqualTo(DatasetFormat.EDGE_LIST);
        assertThat(reader.detect(write("c.txt", JODIE))).isEqualTo(DatasetFormat.JODIE_CSV);
        // gzip is recognised by its magic bytes, with or without the .gz suffix
        assertThat(reader.detect(writeGzip("d", EDGES))).isEqualTo(DatasetFormat.EDGE_LIST);
        assertThat(reader.detect(writeGzip("e.csv.gz", SIGNED))).isEqualTo(DatasetFormat.SIGNED_CSV);
        // and a plain file named .gz is read as plain text
        assertThat(reader.detect(write("f.gz", JODIE))).isEqualTo(DatasetFormat.JODIE_CSV);
    }

    @Test
    void shouldFallBackToTheNameWhenTheContentSaysNothing() throws IOException {
        assertThat(reader.detect(write("empty.csv", ""))).isEqualTo(DatasetFormat.SIGNED_CSV);
        assertThat(reader.detect(write("ml_wiki.csv", ""))).isEqualTo(DatasetFormat.JODIE_CSV);
        assertThat(reader.detect(write("only-comments.txt", "# nothing yet\n"))).isEqualTo(DatasetFormat.EDGE_LIST);
        assertThatThrownBy(() -> reader.detect(write("mystery.bin", "a;b;c;d\n")))
                .isInstanceOf(MalformedDatasetException.class)
                .hasMessageContaining("mystery.bin:1:")
                .hasMessageContaining("'a;b;c;d'")
                .hasMessageContaining("signed-csv, edge-list or jodie");
    }

    @Test
    void shouldReadSignedCsvWithSignFromRatingAndRatingAsWeight() throws Exception {
        Path file = write("signed.csv", "SOURCE,TARGET,RATING,TIME\n" + SIGNED);
        Dataset d = reader.read(file);
        assertThat(d.format()).isEqualTo(DatasetFormat.SIGNED_CSV);
        assertThat(d.events()).containsExactly(
                Interaction.of("6", "2", 1289241911.72836, 1, 4, null),
                Interaction.of("6", "5", 1289241941.53378, -1, -2, null),
                Interaction.of("1", "15", 1289243140.39049, 1, 1, null));
        assertThat(d.events().get(0).src()).isEqualTo(6L);
        assertThat(d.sha256()).isEqualTo(sha256(file));
        assertThat(d.report().signedRows()).isEqualTo(3);
        assertThat(d.report().negativeRows()).isEqualTo(1);
    }

    @Test
    void shouldReadAGzippedEdgeListSkippingCommentsAndHashTheStoredBytes() throws Exception {
        Path file = writeGzip("CollegeMsg.txt.gz", EDGES + "% a KONECT-style comment\n\n5 2 1082414391\n");
        Dataset d = reader.read(file);
        assertThat(d.format()).isEqualTo(DatasetFormat.EDGE_LIST);
        assertThat(d.events()).containsExactly(
                Interaction.of("1", "2", 1082040961),
                Interaction.of("3", "4", 1082155839),
                Interaction.of("5", "2", 1082414391));
        assertThat(d.sha256()).isEqualTo(sha256(file));
    }

    @Test
    void shouldReadJodieWithIdxAsEventId() throws IOException {
        Dataset d = reader.read(write("ml_tiny.csv", JODIE), DatasetFormat.JODIE_CSV);
        assertThat(d.events()).containsExactly(
                Interaction.of("1", "2", 0, 0, Double.NaN, "1"),
                Interaction.of("3", "4", 114878, 0, Double.NaN, "2"));
    }

    @Test
    void shouldSortStablyByTimeAndReportAnomalies() throws IOException {
        // rows, in file order (line: src dst t):
        // 1: a b 10 | 2: b c 5 (late) | 3: a b 10 (exact duplicate of 1) | 4: c c 7 (late, self-loop)
        // 5: d a 10 | 6: b a 12 | 7: a b 5 (late, same time as row 2)
        Path file = write("order.txt", "a b 10\nb c 5\na b 10\nc c 7\nd a 10\nb a 12\na b 5\n");
        Dataset d = reader.read(file);
        assertThat(d.events()).extracting(e -> e.srcKey() + e.dstKey() + (long) e.t())
                .containsExactly("bc5", "ab5", "cc7", "ab10", "ab10", "da10", "ba12");
        DatasetReport r = d.report();
        assertThat(r.rows()).isEqualTo(7);
        assertThat(r.nodes()).isEqualTo(4);
        assertThat(r.distinctSources()).isEqualTo(4);      // a b c d
        assertThat(r.distinctDestinations()).isEqualTo(3); // b c a
        assertThat(r.distinctPairs()).isEqualTo(5);        // ab bc cc da ba
        assertThat(r.outOfOrderRows()).isEqualTo(3);       // rows 2, 4 and 7 are earlier than row 1
        assertThat(r.duplicateRows()).isEqualTo(1);        // row 3
        assertThat(r.selfLoops()).isEqualTo(1);            // row 4
        assertThat(r.tiedRows()).isEqualTo(3);             // times 5,5,7,10,10,10,12: 7 rows, 4 distinct
        assertThat(r.minTime()).isEqualTo(5);
        assertThat(r.maxTime()).isEqualTo(12);
        assertThat(r.timeSpan()).isEqualTo(7);
        assertThat(r.signedRows()).isZero();
    }

    @Test
    void shouldKeepFileOrderAmongEqualTimesAcrossManyRows() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            sb.append("n").append(i).append(" m ").append(i % 3).append('\n'); // times 0,1,2,0,1,2,...
        }
        Dataset d = reader.read(write("ties.txt", sb.toString()));
        List<Interaction> ev = d.events();
        for (int k = 1; k < ev.size(); k++) {
            Interaction prev = ev.get(k - 1);
            Interaction cur = ev.get(k);
            if (prev.t() == cur.t()) {
                int a = Integer.parseInt(prev.srcKey().substring(1));
                int b = Integer.parseInt(cur.srcKey().substring(1));
                assertThat(a).as("file order among ties at t=%s", cur.t()).isLessThan(b);
            }
        }
        assertThat(ev.get(0).srcKey()).isEqualTo("n0");
        assertThat(ev.get(167).srcKey()).isEqualTo("n1"); // 167 rows have t=0 (i = 0, 3, ..., 498)
    }

    @Test
    void shouldNameFileLineAndReasonOfAMalformedRow() throws IOException {
        assertThatThrownBy(() -> reader.read(write("s.csv", "1,2,3,4\n1,2,3\n")))
                .isInstanceOf(MalformedDatasetException.class)
                .hasMessageEndingWith("s.csv:2: expected 4 comma-separated fields SOURCE,TARGET,RATING,TIME, got 3: '1,2,3'")
                .satisfies(e -> assertThat(((MalformedDatasetException) e).line()).isEqualTo(2));
        assertThatThrownBy(() -> reader.read(write("t.csv", "1,2,3,4\n1,2,x,4\n")))
                .hasMessageEndingWith("t.csv:2: RATING is not a number: 'x'");
        assertThatThrownBy(() -> reader.read(write("u.csv", "1,2,3,NaN\n")))
                .hasMessageEndingWith("u.csv:1: TIME is not a number: 'NaN'");
        assertThatThrownBy(() -> reader.read(write("v.csv", "1,2,3,1e999\n")))
                .hasMessageEndingWith("v.csv:1: TIME is not finite: '1e999'");
        assertThatThrownBy(() -> reader.read(write("w.csv", "1, ,3,4\n")))
                .hasMessageEndingWith("w.csv:1: TARGET is empty");
        assertThatThrownBy(() -> reader.read(write("x.txt", "# c\n1 2 3\n1 2 3 4\n")))
                .hasMessageEndingWith("x.txt:3: expected 3 whitespace-separated fields SRC DST UNIXTS, got 4: '1 2 3 4'");
        assertThatThrownBy(() -> reader.read(write("ml_y.csv", ",u,i,ts,label,idx\n0,1,2,0,0\n")))
                .hasMessageEndingWith("ml_y.csv:2: expected 6 comma-separated fields like the header, got 5: '0,1,2,0,0'");
        assertThatThrownBy(() -> reader.read(write("ml_z.csv", "0,1,2,0,0,1\n"), DatasetFormat.JODIE_CSV))
                .hasMessageEndingWith("ml_z.csv:1: expected the header ',u,i,ts,label,idx', got '0,1,2,0,0,1'");
        assertThatThrownBy(() -> reader.read(write("edges.txt", EDGES), DatasetFormat.SIGNED_CSV))
                .hasMessageContaining("edges.txt:1: expected 4 comma-separated fields");
        assertThatThrownBy(() -> reader.read(write("hex.txt", "1 2 0x1p3\n")))
                .hasMessageEndingWith("hex.txt:1: UNIXTS is not a number: '0x1p3'");
    }

    @Test
    void shouldRejectTextThatIsNotUtf8AndCorruptGzip() throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'1', ' ', (byte) 0xE9, ' ', '3', '\n'});
        assertThatThrownBy(() -> reader.read(latin1, DatasetFormat.EDGE_LIST))
                .isInstanceOf(MalformedDatasetException.class).hasMessageContaining("latin1.txt:1: not UTF-8 text");
        Path gz = writeGzip("cut.txt.gz", EDGES.repeat(50));
        byte[] bytes = Files.readAllBytes(gz);
        Path cut = Files.write(dir.resolve("cut2.txt.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> reader.read(cut, DatasetFormat.EDGE_LIST))
                .isInstanceOf(MalformedDatasetException.class).hasMessageContaining("corrupt or truncated gzip");
    }

    @Test
    void shouldReadAnEmptyEdgeListAsNoEvents() throws IOException {
        Dataset d = reader.read(write("none.txt", "# header only\n"));
        assertThat(d.events()).isEmpty();
        assertThat(d.report().rows()).isZero();
        assertThat(d.report().timeSpan()).isZero();
        assertThatThrownBy(() -> reader.read(write("ml_empty.csv", ""))).hasMessageContaining("is empty");
    }

    @Test
    void shouldParseFormatLabels() {
        assertThat(DatasetFormat.fromLabel("edge-list")).isEqualTo(DatasetFormat.EDGE_LIST);
        assertThat(DatasetFormat.fromLabel("JODIE_CSV")).isEqualTo(DatasetFormat.JODIE_CSV);
        assertThatThrownBy(() -> DatasetFormat.fromLabel("parquet")).hasMessageContaining("'parquet'")
                .hasMessageContaining("signed-csv, edge-list, jodie");
    }
}
