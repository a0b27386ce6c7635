package io.linkcast.model.semba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.linkcast.ingest.DatasetReader;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.state.compact.StatePrecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short SEMBA training on the first 4,000 events of the real Bitcoin-OTC file (train 3,000 with 35 negatives,
 * validate 1,000; skipped when the data folder is absent): the validation sign ROC-AUC of the kept model must
 * clear 0.75, where an untrained model sits near 0.5 (one run measured 0.78). The full-data figures come from
 * {@link SembaTrainCommand} and {@code linkcast eval}.
 */
class SembaBitcoinOtcTest {

    @Test
    void shouldLearnTheSignOfRealRatings() throws Exception {
        Path file = Path.of(System.getProperty("linkcast.data.dir", "../shared/data"),
                "bitcoin-otc/soc-sign-bitcoinotc.csv");
        assumeTrue(Files.isRegularFile(file), "dataset not present: " + file);
        var events = new DatasetReader().read(file).events();
        List<SequencedEvent> stream = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            stream.add(new SequencedEvent(i, events.get(i)));
        }
        SembaConfig config = SembaConfig.defaults(SembaTask.SIGN).withDimensions(16, 8, 16, 4, 10);
        SembaTrainingConfig training = new SembaTrainingConfig(1, 1, 200, 3e-3, 0, 42, true, false);
        SembaTrainer.Result r = new SembaTrainer(config, training, StatePrecision.COMPACT)
                .train(stream.subList(0, 3000), stream.subList(3000, 4000));
        try (SembaModel model = r.model()) {
            assertThat(r.metrics().validation().get("signRocAuc")).isGreaterThan(0.75);
            assertThat(r.metrics().validation().get("signMacroF1")).isGreaterThan(0.6);
        }
    }
}
