package io.linkcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The readers on the real files of /work/shared/data; expected figures are those of its README.md. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealDatasetsTest {
    /** Each file is read once for the class (one instance per class): CollegeMsg serves two tests. */
    private final Map<String, Dataset> read = new ConcurrentHashMap<>();

    private Dataset read(String relative) throws IOException {
        Dataset d = read.get(relative);
        if (d == null) {
            d = new DatasetReader().read(data(relative));
            read.put(relative, d);
        }
        return d;
    }

    private static Path data(String relative) {
        String dir = System.getProperty("linkcast.data.dir");
        Assumptions.assumeTrue(dir != null, "linkcast.data.dir is not set");
        Path file = Path.of(dir, relative);
        Assumptions.assumeTrue(Files.isReadable(file), () -> file + " is missing");
        return file;
    }

    private static double epoch(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    @Test
    void bitcoinOtc() throws IOException {
        Dataset d = read("bitcoin-otc/soc-sign-bitcoinotc.csv");
        DatasetReport r = d.report();
        assertThat(d.format()).isEqualTo(DatasetFormat.SIGNED_CSV);
        assertThat(d.sha256()).isEqualTo("76bd9d8f1d3ff9a1813d9fc8e6902a0ee4d0a2f8c1003842dbc9ec79149ab60c");
        assertThat(r.rows()).isEqualTo(35_592);
        assertThat(r.nodes()).isEqualTo(5_881);
        assertThat(r.distinctSources()).isEqualTo(4_814);
        assertThat(r.distinctDestinations()).isEqualTo(5_858);
        assertThat(r.distinctPairs()).isEqualTo(35_592);
        assertThat(r.signedRows()).isEqualTo(35_592);
        assertThat(r.negativeRows()).isEqualTo(3_563);
        assertThat(r.outOfOrderRows()).isZero();
        assertThat(r.tiedRows()).isZero();
        assertThat(r.duplicateRows()).isZero();
        assertThat(r.selfLoops()).isZero();
        assertThat(Math.floor(r.minTime())).isEqualTo(epoch("2010-11-08T18:45:11Z"));
        assertThat(Math.floor(r.maxTime())).isEqualTo(epoch("2016-01-25T01:12:03Z"));
        assertThat(r.timeSpan() / 86400).isBetween(1903.25, 1903.35);
        // first row of the file: 6,2,4,1289241911.72836
        assertThat(d.events().get(0)).isEqualTo(Interaction.of("6", "2", 1289241911.72836, 1, 4, null));
        assertThat(d.events()).filteredOn(e -> e.weight() == -10).hasSize(2413);
        assertThat(d.events()).filteredOn(e -> e.weight() == 10).hasSize(765);
    }

    @Test
    void collegeMsg() throws IOException {
        Dataset d = read("collegemsg/CollegeMsg.txt.gz");
        DatasetReport r = d.report();
        assertThat(d.format()).isEqualTo(DatasetFormat.EDGE_LIST);
        assertThat(d.sha256()).isEqualTo("42b894ca71e1963fcfd9682fd9ac5efaeca4ef9a1d472f49891788ef662a5509");
        assertThat(r.rows()).isEqualTo(59_835);
        assertThat(r.nodes()).isEqualTo(1_899);
        assertThat(r.distinctSources()).isEqualTo(1_350);
        assertThat(r.distinctDestinations()).isEqualTo(1_862);
        assertThat(r.distinctPairs()).isEqualTo(20_296);
        assertThat(r.tiedRows()).isEqualTo(924);
        assertThat(r.duplicateRows()).isEqualTo(37);
        assertThat(r.outOfOrderRows()).isZero();
        assertThat(r.selfLoops()).isZero();
        assertThat(r.signedRows()).isZero();
        assertThat(r.minTime()).isEqualTo(epoch("2004-04-15T14:56:01Z"));
        assertThat(r.maxTime()).isEqualTo(epoch("2004-10-26T07:52:22Z"));
    }

    @Test
    void uciIsCollegeMsgShiftedInTime() throws IOException {
        Dataset uci = read("uci/ml_uci.csv.gz");
        Dataset college = read("collegemsg/CollegeMsg.txt.gz");
        DatasetReport r = uci.report();
        assertThat(uci.format()).isEqualTo(DatasetFormat.JODIE_CSV);
        assertThat(uci.sha256()).isEqualTo("c92186de6f9254dadd27bfd6c6947e8a2e421c6a04a4b4fbd498c3e10e35f90a");
        assertThat(r.rows()).isEqualTo(59_835);
        assertThat(r.nodes()).isEqualTo(1_899);
        assertThat(r.tiedRows()).isEqualTo(924);
        assertThat(r.duplicateRows()).isEqualTo(37);
        assertThat(r.minTime()).isZero();
        assertThat(r.maxTime()).isEqualTo(16_736_181);
        // README: u = SRC, i = DST, ts = UNIXTS - 1082040961, idx = row + 1 (both files are in time order)
        List<Interaction> expected = new ArrayList<>();
        for (Interaction c : college.events()) {
            expected.add(Interaction.of(c.srcKey(), c.dstKey(), c.t() - 1082040961, 0, Double.NaN,
                    Integer.toString(expected.size() + 1)));
        }
        assertThat(uci.events()).isEqualTo(expected);
    }

    @Test
    void enron() throws IOException {
        Dataset d = read("enron/ml_enron.csv.gz");
        DatasetReport r = d.report();
        assertThat(d.format()).isEqualTo(DatasetFormat.JODIE_CSV);
        assertThat(d.sha256()).isEqualTo("eeefe61e59107d98b69b94c7fcce48b0e4912e25a44251b9f110e150e9d0e8d8");
        assertThat(r.rows()).isEqualTo(125_235);
        assertThat(r.nodes()).isEqualTo(184);
        assertThat(r.distinctSources()).isEqualTo(181);
        assertThat(r.distinctDestinations()).isEqualTo(184);
        assertThat(r.distinctPairs()).isEqualTo(3_125);
        assertThat(r.selfLoops()).isEqualTo(16_410);
        assertThat(r.tiedRows()).isEqualTo(102_603);
        assertThat(r.duplicateRows()).isEqualTo(87_104);
        assertThat(r.outOfOrderRows()).isZero();
        assertThat(r.minTime()).isZero();
        assertThat(r.maxTime()).isEqualTo(113_740_399);
        assertThat(d.events().get(d.events().size() - 1).id()).isEqualTo("125235");
    }
}
