package io.linkcast.serving;

import io.linkcast.ingest.SynthCommand;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The demo's first act: trains small NAT and SEMBA models on the first events of the stream it is about to
 * play, through the same commands a user runs ({@code linkcast synth}, {@code linkcast train --first N}),
 * so the demo exercises the real training path and leaves artifacts that {@code serve} and {@code eval}
 * load. Few epochs keep it to a minute or two; the models are small in data, not in architecture, so the
 * stream that follows costs what a production model costs.
 *
 * @param dir where the training file and the artifacts go
 * @param events how many leading events to train on (split 70/15/15 in time by the trainers)
 * @param natEpochs most epochs for NAT
 * @param sembaEpochs most epochs for SEMBA
 */
record DemoTraining(Path dir, int events, int natEpochs, int sembaEpochs) {

    DemoTraining {
        if (events < 100) {
            throw new IllegalArgumentException("--train-events must be >= 100, got " + events);
        }
    }

    /** Trains on the synthetic stream {@code (nodes, seed)}; returns the {@code --model} specs to serve. */
    List<String> onSynthetic(int nodes, long seed, PrintWriter out) throws Exception {
        Files.createDirectories(dir);
        Path csv = dir.resolve("synthetic-train.csv");
        run(new SynthCommand(), out, "--out", csv.toString(), "--nodes", Integer.toString(nodes),
                "--events", Integer.toString(events), "--seed", Long.toString(seed));
        return onFile(csv, true, out);
    }

    /**
     * Trains on the first {@link #events} of {@code data}; SEMBA only when the file carries signs.
     *
     * @return the {@code --model} specs to serve
     */
    List<String> onFile(Path data, boolean signed, PrintWriter out) throws Exception {
        Files.createDirectories(dir);
        List<String> specs = new ArrayList<>();
        Path nat = dir.resolve("nat");
        out.printf("training NAT on the first %,d events (at most %d epochs)...%n", events, natEpochs);
        out.flush();
        run(new TrainCommand(), out, "--model", "nat", "--data", data.toString(), "--first", Integer.toString(events),
                "--epochs", Integer.toString(natEpochs), "--out", nat.toString());
        specs.add("nat=" + nat);
        if (signed) {
            Path semba = dir.resolve("semba");
            out.printf("training SEMBA (sign) on the first %,d events (at most %d epochs)...%n", events, sembaEpochs);
            out.flush();
            run(new TrainCommand(), out, "--model", "semba", "--data", data.toString(), "--first",
                    Integer.toString(events), "--epochs", Integer.toString(sembaEpochs), "--extension", "history",
                    "--out", semba.toString());
            specs.add("semba=" + semba);
        } else {
            out.println("the file has no signs: SEMBA is not trained, predictions carry NAT's p_link only");
        }
        out.printf("models in %s (serve them again with: linkcast serve --model %s)%n", dir,
                String.join(" --model ", specs));
        out.flush();
        return specs;
    }

    private static void run(Object command, PrintWriter out, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(new PrintWriter(System.err, true));
        int rc = cli.execute(args);
        if (rc != 0) {
            throw new IllegalStateException("demo training step failed (exit " + rc + "): " + String.join(" ", args));
        }
    }
}
