package io.linkcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SynthCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteTheSyntheticStreamAsASignedCsvThatReadsBackEventForEvent() throws Exception {
        Path file = dir.resolve("synthetic.csv");
        int rc = new CommandLine(new SynthCommand()).execute("--out", file.toString(), "--nodes", "300",
                "--events", "2000", "--seed", "9");
        assertThat(rc).isZero();
        Dataset read = new DatasetReader().read(file);
        assertThat(read.format()).isEqualTo(DatasetFormat.SIGNED_CSV);
        List<Interaction> expected = new ArrayList<>();
        new SyntheticStream(SyntheticConfig.defaults(300, 2000, 9)).forEach(expected::add);
        assertThat(read.events()).hasSize(2000);
        for (int i = 0; i < 2000; i++) {
            Interaction a = read.events().get(i);
            Interaction e = expected.get(i);
            assertThat(a.src()).isEqualTo(e.src());
            assertThat(a.dst()).isEqualTo(e.dst());
            assertThat(a.t()).isEqualTo(e.t());
            assertThat(a.sign()).isEqualTo(e.sign());
        }
        assertThat(read.report().negativeRows()).isPositive();
    }
}
