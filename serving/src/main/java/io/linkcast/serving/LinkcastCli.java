package io.linkcast.serving;

import io.linkcast.ingest.ReplayCommand;
import io.linkcast.ingest.SynthCommand;
import io.linkcast.serving.logging.LinkcastLoggingProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code linkcast} command line. */
@Command(name = "linkcast", mixinStandardHelpOptions = true, version = "linkcast 0.1.0",
        description = "Streaming temporal graph learning on Kafka: link and sign predictions for every interaction.",
        subcommands = {DemoCommand.class, ServeCommand.class, BenchCommand.class, ScaleOutCommand.class, ReplayCommand.class, SynthCommand.class, TrainCommand.class, EvalCommand.class, ConfigCommand.class})
public final class LinkcastCli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The command line with linkcast's error handling: bad configuration exits 2 with the key's name. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LinkcastCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("linkcast: " + e.getMessage());
                cmd.getErr().flush();
                return 2;
            }
            throw e;
        });
        return cli;
    }

    public static void main(String[] args) {
        // before any logger exists: the provider that demotes Kafka's known-benign ERROR lines (README, Logs)
        if (System.getProperty(LinkcastLoggingProvider.PROPERTY) == null) {
            System.setProperty(LinkcastLoggingProvider.PROPERTY, LinkcastLoggingProvider.class.getName());
            // SLF4J otherwise announces the chosen provider on every start
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        int rc = commandLine().execute(args);
        System.exit(rc);
    }
}
