package io.linkcast.serving;

import io.linkcast.model.engine.ModelTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code linkcast train --model nat|semba ...}: hands the remaining options to that model's trainer, which
 * documents them ({@code linkcast train --model semba --help}).
 */
@Command(name = "train", description = "Train a model on a dataset file and write an artifact: --model nat|semba, "
        + "then that trainer's options (--data FILE --out DIR ...; see linkcast train --model M --help).")
final class TrainCommand implements Callable<Integer> {
    /** The trainers on the class path, by name (each model module registers its own). */
    private static Map<String, ModelTrainer> trainers() {
        Map<String, ModelTrainer> found = new TreeMap<>();
        ServiceLoader.load(ModelTrainer.class).forEach(t -> found.put(t.name(), t));
        return found;
    }

    /** Not picocli-required, so that {@code train --help} prints the usage instead of a missing-option error. */
    @Option(names = "--model", paramLabel = "MODEL", description = "nat or semba")
    String model;

    @Unmatched
    List<String> rest = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (model == null) {
            if (rest.contains("--help") || rest.contains("-h")) {
                spec.commandLine().usage(spec.commandLine().getOut());
                return 0;
            }
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--model=MODEL'");
        }
        Map<String, ModelTrainer> trainers = trainers();
        ModelTrainer trainer = trainers.get(model);
        if (trainer == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--model must be one of " + trainers.keySet() + ", got '" + model + "'");
        }
        CommandLine cli = new CommandLine(trainer.command());
        cli.setOut(spec.commandLine().getOut());
        cli.setErr(spec.commandLine().getErr());
        return cli.execute(rest.toArray(String[]::new));
    }
}
