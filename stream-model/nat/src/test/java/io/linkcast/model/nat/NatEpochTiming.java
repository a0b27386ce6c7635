package io.linkcast.model.nat;

import ai.djl.Device;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.state.compact.StatePrecision;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures NAT training seconds per epoch on a real dataset (not a test: wall time depends on the machine).
 *
 * <pre>
 * mvn -q -o -pl stream-model/nat -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp \
 *     -Dmdep.includeScope=test
 * cd stream-model/nat &amp;&amp; java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
 *     -Dai.djl.pytorch.num_interop_threads=1 -cp "target/test-classes:target/classes:$(cat target/test.cp)" \
 *     io.linkcast.model.nat.NatEpochTiming ../../../shared/data/uci/ml_uci.csv.gz SEQUENTIAL 1 [limit]
 * </pre>
 * The second argument is {@code SEQUENTIAL} or {@code READS_BEFORE_WRITES}, the third the number of epochs.
 * Prints the epochs (train loss, validation AP, seconds, waves) of a default-configuration training run
 * on the chronological 70 % / 15 % train / validation split.
 */
public final class NatEpochTiming {

    private NatEpochTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        NatTrainingConfig.BatchSemantics semantics = NatTrainingConfig.BatchSemantics.valueOf(args[1]);
        int epochs = Integer.parseInt(args[2]);
        int limit = args.length > 3 ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
        List<SequencedEvent> events = MlCsv.read(file, limit);
        double[] q = MlCsv.splitTimes(events);
        List<SequencedEvent> train = MlCsv.between(events, Double.NEGATIVE_INFINITY, q[0]);
        List<SequencedEvent> validation = MlCsv.between(events, q[0], q[1]);
        System.out.printf("%s: %d events, train %d, validation %d, semantics %s%n", file, events.size(), train.size(),
                validation.size(), semantics);
        NatTrainingConfig training = NatTrainingConfig.defaults().withMaxEpochs(epochs).withSemantics(semantics);
        long start = System.nanoTime();
        NatTrainingResult result = new NatTrainer(NatConfig.defaults(), training, Device.cpu(), StatePrecision.COMPACT)
                .fit(train, validation);
        try (NatNetwork n = result.network()) {
            for (NatTrainingResult.Epoch e : result.epochs()) {
                System.out.printf("epoch %d: loss %.4f, validation AP %.4f, train %.1f s (%d waves, %.0f events/s),"
                        + " validation %.1f s%n", e.epoch(), e.trainLoss(), e.validationAp(), e.trainSeconds(),
                        e.waves(), train.size() / e.trainSeconds(), e.validationSeconds());
            }
        }
        System.out.printf("total %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
