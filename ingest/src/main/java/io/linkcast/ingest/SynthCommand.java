package io.linkcast.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code linkcast synth}: writes the seeded synthetic signed stream as a SNAP signed CSV
 * ({@code SOURCE,TARGET,RATING,TIME}, rating = the event's weight, or its sign when it has none), so that
 * {@code train}, {@code eval} and {@code demo --data} can use it like any dataset file.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write the synthetic signed stream as a SNAP signed CSV file (for train, eval, demo --data).")
public final class SynthCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write")
    Path out;

    @Option(names = "--nodes", defaultValue = "5000", description = "nodes (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--events", defaultValue = "100000", description = "events (default ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (Interaction e : new SyntheticStream(SyntheticConfig.defaults(nodes, events, seed))) {
                double rating = e.hasWeight() ? e.weight() : e.sign();
                w.write(e.srcKey() + "," + e.dstKey() + "," + InteractionJson.number(rating) + ","
                        + InteractionJson.number(e.t()) + "\n");
                n++;
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf("wrote %,d synthetic events (%,d nodes, seed %d) to %s%n", n, nodes, seed, out);
        pw.flush();
        return 0;
    }
}
