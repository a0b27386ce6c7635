package io.linkcast.model.nat;

import ai.djl.Device;
import io.linkcast.ingest.Dataset;
import io.linkcast.ingest.DatasetReader;
import io.linkcast.ingest.Interaction;
import io.linkcast.model.eval.LineChart;
import io.linkcast.model.eval.Split;
import io.linkcast.model.eval.Splits;
import io.linkcast.model.engine.ModelTrainer;
import io.linkcast.model.engine.StatePrecisionProperty;
import io.linkcast.state.compact.StatePrecision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code linkcast train --model nat}: trains NAT on the chronological train split of a dataset file with
 * early stopping on validation AP, and writes the artifact (weights, full config, metrics, dataset sha256)
 * with a PNG of the training curves.
 */
@Command(name = "nat", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train NAT (link prediction) and write a model artifact.")
public final class NatTrainCommand implements Callable<Integer>, ModelTrainer {
    @Override
    public String name() {
        return "nat";
    }

    @Override
    public Object command() {
        return new NatTrainCommand();
    }

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Dataset file (any format ingest reads).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Artifact directory to write.")
    Path out;

    @Option(names = "--epochs", defaultValue = "10", description = "Most epochs (early stopping, patience 3). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch", defaultValue = "100", description = "Events per optimiser step (NAT's README uses 100). Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--patience", defaultValue = "3", description = "Epochs without a validation AP gain before stopping. Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--tolerance", defaultValue = "1e-3", description = "Relative validation AP gain that counts as a gain. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--lr", defaultValue = "1e-4", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, negatives, dropout. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--first", paramLabel = "N", description = "Use only the file's first N events (by time); the split applies to them.")
    Integer first;

    @Option(names = "--inductive", description = "Train on the NAT inductive split (masked nodes removed).")
    boolean inductive;

    @Option(names = "--negatives", paramLabel = "seen|split", defaultValue = "split",
            description = "Where negatives are drawn from: seen (the destinations seen so far) or split (every destination "
                    + "of the split, as NAT's original sampler and eval). Default: ${DEFAULT-VALUE}.")
    String negatives;

    @Option(names = "--reads-before-writes", description = "NAT's original batch semantics for training (serving stays sequential).")
    boolean readsBeforeWrites;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Progress bar per epoch. Default: ${DEFAULT-VALUE}.")
    boolean progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // a bad property fails here, before any data is read
        StatePrecision precision =
                StatePrecisionProperty.read(m -> new picocli.CommandLine.ParameterException(spec.commandLine(), m));
        PrintWriter w = spec.commandLine().getOut();
        Dataset dataset = new DatasetReader().read(data);
        List<Interaction> events = Splits.first(dataset.events(), first);
        Split split = inductive ? Splits.inductive(events, seed) : Splits.transductive(events);
        w.printf("%s (sha256 %s): %d events, train %d / validation %d; seed %d%n", data, dataset.sha256(),
                events.size(), split.train().size(), split.val().size(), seed);
        w.flush();
        NatTrainingConfig training = NatTrainingConfig.defaults().withMaxEpochs(epochs).withBatchSize(batch)
                .withLearningRate(lr).withSeed(seed).withProgress(progress).withPatience(patience).withTolerance(tolerance)
                .withNegatives(negativePool())
                .withSemantics(readsBeforeWrites ? NatTrainingConfig.BatchSemantics.READS_BEFORE_WRITES
                        : NatTrainingConfig.BatchSemantics.SEQUENTIAL);
        long start = System.nanoTime();
        NatTrainingResult result = new NatTrainer(NatConfig.defaults(), training, Device.cpu(), precision)
                .fit(split.train(), split.val());
        try (NatNetwork network = result.network()) {
            NatArtifact.save(out, result, training);
            java.nio.file.Files.writeString(out.resolve("dataset.txt"), data + "\nsha256 " + dataset.sha256() + "\n"
                    + (first != null ? "first " + events.size() + " events\n" : ""));
            List<NatTrainingResult.Epoch> ep = result.epochs();
            double[] x = ep.stream().mapToDouble(NatTrainingResult.Epoch::epoch).toArray();
            new LineChart("NAT training, " + data.getFileName(), "epoch", "loss / AP", List.of(
                    new LineChart.Series("train loss", x, ep.stream().mapToDouble(NatTrainingResult.Epoch::trainLoss).toArray()),
                    new LineChart.Series("validation AP", x, ep.stream().mapToDouble(NatTrainingResult.Epoch::validationAp).toArray())))
                    .writePng(out.resolve("training.png"), 900, 500);
            for (NatTrainingResult.Epoch e : ep) {
                w.printf("epoch %d: loss %.4f, validation AP %.4f, %.1f s%n", e.epoch(), e.trainLoss(), e.validationAp(),
                        e.trainSeconds());
            }
            w.printf("best epoch %d; %.1f s; wrote %s%n", result.bestEpoch(), (System.nanoTime() - start) / 1e9, out);
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new NatTrainCommand()).execute(args));
    }

    private NatTrainingConfig.NegativePool negativePool() {
        return switch (negatives) {
            case "seen" -> NatTrainingConfig.NegativePool.SEEN;
            case "split" -> NatTrainingConfig.NegativePool.SPLIT;
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--negatives must be seen or split, got '" + negatives + "'");
        };
    }
}
