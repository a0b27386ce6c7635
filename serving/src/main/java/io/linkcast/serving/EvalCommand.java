package io.linkcast.serving;

import io.linkcast.ingest.DatasetReader;
import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.ModelLoaders;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.eval.CandidateModel;
import io.linkcast.model.eval.CandidateSet;
import io.linkcast.model.eval.CurvePlot;
import io.linkcast.model.eval.DatasetInfo;
import io.linkcast.model.eval.EvalConfig;
import io.linkcast.model.eval.EvalReport;
import io.linkcast.model.eval.EvalResult;
import io.linkcast.model.eval.EvalSession;
import io.linkcast.model.eval.Protocol;
import io.linkcast.model.eval.ScoredSample;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code linkcast eval}: evaluates trained models and baselines side by side on a dataset (evaluation.md)
 * and prints the table; with {@code --out} also writes report.json, report.md, report.txt and the ROC/PR
 * PNGs. Its {@link ModelLoaders} are discovered with {@link java.util.ServiceLoader} when it runs, not when the CLI
 * is built, so that a bad {@code linkcast.state.precision} fails this command, not every command.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate models and baselines on a dataset (chronological 70/15/15 split).")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Dataset file: SNAP signed CSV (SOURCE,TARGET,RATING,TIME) or JODIE ml_*.csv, optionally gzipped.")
    private Path data;

    @Option(names = "--model", split = ",", paramLabel = "DIR|NAME",
            description = "Model artifact directory, or a baseline: edgebank, edgebank-tw, common-neighbours, "
                    + "adamic-adar, majority, history-lr. Repeatable; comma-separated lists allowed.")
    private List<String> models = new ArrayList<>();

    @Option(names = "--baselines", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Add every baseline that applies (link baselines always, sign baselines on signed data). "
                    + "Default: ${DEFAULT-VALUE}.")
    private boolean baselines;

    @Option(names = "--inductive", description = "NAT's inductive protocol instead of transductive.")
    private boolean inductive;

    @Option(names = "--seeds", split = ",", paramLabel = "N", defaultValue = "1",
            description = "Seeds of negatives and masks; several give mean and std. Default: ${DEFAULT-VALUE}.")
    private List<Long> seeds;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + EvalConfig.DEFAULT_BATCH,
            description = "Events per micro-batch, an execution detail: every score is that of processing the "
                    + "events one at a time, whatever N. Default: ${DEFAULT-VALUE}.")
    private int batch;

    @Option(names = "--ranking-sample", paramLabel = "N", defaultValue = "" + EvalConfig.DEFAULT_RANKING_SAMPLE,
            description = "Test events with a 100+100-negative ranking query (0 = none). Default: ${DEFAULT-VALUE}.")
    private int rankingSample;

    @Option(names = "--backend", paramLabel = "auto|cpu|djl", defaultValue = "auto",
            description = "How trained models infer, as model.backend in serving (auto = cpu on a CPU). Default: "
                    + "${DEFAULT-VALUE}.")
    private String backend;

    @Option(names = "--out", paramLabel = "DIR", description = "Write report.json, report.md, report.txt and PNG curves here.")
    private Path out;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Progress bar on standard error. Default: ${DEFAULT-VALUE}.")
    private boolean progress;

    /**
     * Discovered when the command runs, not when the command line is built: discovering reads the state-precision
     * property, and a bad value must fail eval with the usual message, not every command.
     */
    private final Supplier<ModelLoaders> loaders;

    /** Loaders discovered with {@link java.util.ServiceLoader}. */
    public EvalCommand() {
        this.loaders = ModelLoaders::discover;
    }

    public EvalCommand(ModelLoaders loaders) {
        Objects.requireNonNull(loaders, "loaders");
        this.loaders = () -> loaders;
    }

    /** Standalone entry point (serving's {@code linkcast eval} is the usual one). */
    public static void main(String[] args) {
        // the PNG curves are drawn off-screen; no display is needed or wanted
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new EvalCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        ModelLoaders found = loaders.get();
        if (!Files.isRegularFile(data)) {
            throw new ParameterException(spec.commandLine(), "--data " + data + " is not a readable file");
        }
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be >= 1, got " + batch);
        }
        if (rankingSample < 0) {
            throw new ParameterException(spec.commandLine(), "--ranking-sample must be >= 0, got " + rankingSample);
        }
        long start = System.nanoTime();
        List<Interaction> events = new DatasetReader().read(data).events();
        if (events.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--data " + data + " holds no events");
        }
        boolean signed = events.stream().anyMatch(Interaction::hasSign);
        List<CandidateModel> candidates = candidates(signed, found);
        if (candidates.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "nothing to evaluate: give --model or --baselines");
        }
        EvalConfig config = new EvalConfig(batch, seeds.get(0), rankingSample, EvalConfig.DEFAULT_RANKING_NEGATIVES,
                progress);
        Protocol protocol = inductive ? Protocol.INDUCTIVE : Protocol.TRANSDUCTIVE;
        List<EvalResult> results = new EvalSession(config).run(events, protocol, seeds, candidates);
        EvalReport report = EvalReport.summarise(DatasetInfo.of(data, events.size()), protocol, config, seeds,
                candidates, results, (System.nanoTime() - start) / 1e9);

        PrintWriter w = spec.commandLine().getOut();
        w.print(report.toTable());
        if (out != null) {
            report.write(out);
            writeCurves(results, seeds.get(0));
            w.println("wrote " + out.toAbsolutePath());
        }
        w.flush();
        return 0;
    }

    private static List<String> allNames(CandidateSet set) {
        List<String> all = new ArrayList<>(set.link());
        all.addAll(set.sign());
        return all;
    }

    private List<CandidateModel> candidates(boolean signed, ModelLoaders loaders) throws IOException {
        Set<String> names = new LinkedHashSet<>(models);
        CandidateSet built = CandidateSet.discover();
        if (baselines) {
            names.addAll(built.link());
            if (signed) {
                names.addAll(built.sign());
            }
        }
        List<CandidateModel> out = new ArrayList<>();
        for (String name : names) {
            var baseline = built.byName(name);
            if (baseline.isPresent()) {
                out.add(baseline.get());
                continue;
            }
            Path dir = Path.of(name);
            if (!Files.isDirectory(dir)) {
                throw new ParameterException(spec.commandLine(), "unknown --model '" + name + "': not a baseline "
                        + allNames(built) + " and not a model artifact directory");
            }
            StreamModel<?> model;
            try {
                model = loaders.withBackend(InferenceBackend.parse("--backend", backend)).load(dir);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            out.add(CandidateModel.fixed(model.info().toString(), dir.toAbsolutePath().toString(), model));
        }
        return out;
    }

    /** ROC/PR PNGs of the first seed: link existence and, on signed data, sign. */
    private void writeCurves(List<EvalResult> results, long firstSeed) throws IOException {
        Map<String, ScoredSample> link = new LinkedHashMap<>();
        Map<String, ScoredSample> sign = new LinkedHashMap<>();
        for (EvalResult r : results) {
            if (r.seed() != firstSeed) {
                continue;
            }
            if (r.linkTest() != null) {
                link.put(r.model(), r.linkTest());
            }
            if (r.signTest() != null) {
                sign.put(r.model(), r.signTest());
            }
        }
        String name = data.getFileName().toString();
        if (!link.isEmpty()) {
            CurvePlot.write(out.resolve("curves-link.png"), "link existence, " + name + " test (seed " + firstSeed + ")",
                    "precision-recall", link, false);
        }
        if (!sign.isEmpty()) {
            CurvePlot.write(out.resolve("curves-sign.png"), "sign, " + name + " test (seed " + firstSeed + ")",
                    "PR of negatives", sign, true);
        }
    }
}
