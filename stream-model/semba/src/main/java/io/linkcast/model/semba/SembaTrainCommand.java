package io.linkcast.model.semba;

import io.linkcast.ingest.Dataset;
import io.linkcast.ingest.DatasetReader;
import io.linkcast.model.eval.Split;
import io.linkcast.model.eval.Splits;
import io.linkcast.model.engine.ModelTrainer;
import io.linkcast.model.engine.StatePrecisionProperty;
import io.linkcast.state.compact.StatePrecision;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code semba}: trains a SEMBA model on the training part of a dataset's chronological 70/15/15 split,
 * early-stops on the validation part and writes the artifact ({@link SembaArtifact}); {@code linkcast eval
 * --model DIR} then scores it on the test part. Defaults are {@link SembaConfig#defaults} and
 * {@link SembaTrainingConfig#defaults()}.
 */
@Command(name = "semba", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a SEMBA model (chronological 70/15/15 split: train, early-stop on validation).")
public final class SembaTrainCommand implements Callable<Integer>, ModelTrainer {
    @Override
    public String name() {
        return "semba";
    }

    @Override
    public Object command() {
        return new SembaTrainCommand();
    }


    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Dataset file (SNAP signed CSV, SNAP edge list or JODIE ml_*.csv; plain or gzip).")
    private Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Artifact directory to write.")
    private Path out;

    @Option(names = "--first", paramLabel = "N",
            description = "Use only the file's first N events (by time); the split applies to them.")
    private Integer first;

    @Option(names = "--task", defaultValue = "sign", paramLabel = "TASK",
            description = "sign, link, signlink or weight. Default: ${DEFAULT-VALUE}.")
    private String task;

    @Option(names = "--extension", defaultValue = "none", paramLabel = "EXT",
            description = "Extra decoder inputs: none or history. Default: ${DEFAULT-VALUE}.")
    private String extension;

    @Option(names = "--balance", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Two memories by the balance rule (--no-balance: one memory). Default: ${DEFAULT-VALUE}.")
    private boolean balance;

    @Option(names = "--attention", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Attention over recent neighbours (--no-attention: memory only). Default: ${DEFAULT-VALUE}.")
    private boolean attention;

    @Option(names = "--memory-dim", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    private int memoryDim;

    @Option(names = "--time-dim", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
    private int timeDim;

    @Option(names = "--embedding-dim", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    private int embeddingDim;

    @Option(names = "--heads", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
    private int heads;

    @Option(names = "--neighbours", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}.")
    private int neighbours;

    @Option(names = "--decoder-hidden", defaultValue = "0",
            description = "Hidden ReLU width of the decoder, 0 = linear. Default: ${DEFAULT-VALUE}.")
    private int decoderHidden;

    @Option(names = "--weight-scale", defaultValue = "0.1", description = "Default: ${DEFAULT-VALUE}.")
    private double weightScale;

    @Option(names = "--time-scale", defaultValue = "1", paramLabel = "SECONDS",
            description = "τ of the time encoding ln(1 + Δt/τ). Default: ${DEFAULT-VALUE}.")
    private double timeScale;

    @Option(names = "--epochs", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
    private int epochs;

    @Option(names = "--patience", defaultValue = "3", description = "Default: ${DEFAULT-VALUE}.")
    private int patience;

    @Option(names = "--batch", defaultValue = "200", description = "Events per optimiser step. Default: ${DEFAULT-VALUE}.")
    private int batch;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    private double learningRate;

    @Option(names = "--weight-decay", defaultValue = "0", description = "Default: ${DEFAULT-VALUE}.")
    private double weightDecay;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--balance-classes", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Class-weighted loss. Default: ${DEFAULT-VALUE}.")
    private boolean balanceClasses;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Progress bar on standard error. Default: ${DEFAULT-VALUE}.")
    private boolean progress;

    /** Standalone entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SembaTrainCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        // a bad property fails here, before any data is read
        StatePrecision precision = StatePrecisionProperty.read(m -> new ParameterException(spec.commandLine(), m));
        if (!Files.isRegularFile(data)) {
            throw new ParameterException(spec.commandLine(), "--data " + data + " is not a readable file");
        }
        SembaConfig config;
        SembaTrainingConfig training;
        try {
            config = new SembaConfig(SembaTask.of(task), memoryDim, timeDim, embeddingDim, heads, neighbours,
                    balance, attention, SembaExtension.of(extension), decoderHidden, weightScale, timeScale);
            training = new SembaTrainingConfig(epochs, patience, batch, learningRate, weightDecay, seed,
                    balanceClasses, progress);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Dataset dataset = new DatasetReader().read(data);
        Split split = Splits.transductive(Splits.first(dataset.events(), first));
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s (sha256 %s): %d events, split %d / %d / %d; model %s, seed %d%n", data,
                dataset.sha256(), split.events().size(), split.train().size(), split.val().size(),
                split.test().size(), config.variant(), seed);
        w.flush();
        SembaTrainer.Result result = new SembaTrainer(config, training, precision).train(split.train(), split.val());
        try (SembaModel model = result.model()) {
            SembaArtifact.save(out, model, result.metrics());
            SembaTrainingMetrics m = result.metrics();
            for (int i = 0; i < m.trainLoss().size(); i++) {
                w.printf(Locale.ROOT, "epoch %d: train loss %.5f, validation loss %.5f%s%n", i + 1,
                        m.trainLoss().get(i), m.validationLoss().get(i), i + 1 == m.bestEpoch() ? " (kept)" : "");
            }
            for (Map.Entry<String, Double> e : m.validation().entrySet()) {
                w.printf(Locale.ROOT, "validation %s = %.4f%n", e.getKey(), e.getValue());
            }
            w.printf(Locale.ROOT, "%d parameters, %.1f s; wrote %s%n", model.parameters().size(), m.seconds(),
                    out.toAbsolutePath());
        }
        w.flush();
        return 0;
    }
}
