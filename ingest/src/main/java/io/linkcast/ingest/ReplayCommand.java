package io.linkcast.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code linkcast replay}: produces a dataset file or a synthetic stream to the interactions topic, with a
 * progress bar on stderr and a summary on stdout. Self-contained (never exits the JVM), so the serving
 * module registers it as a subcommand. Exit codes: 0 done, 1 failed (unreadable file, Kafka error), 2 bad usage.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Produce interactions (JSON) to a Kafka topic from a dataset file or a synthetic stream.")
public final class ReplayCommand implements Callable<Integer> {

    /** Where the events come from: exactly one of the two. */
    static final class Source {
        @Option(names = "--data", paramLabel = "FILE",
                description = "Dataset file: SNAP signed CSV, SNAP edge list or JODIE ml_*.csv, plain or gzip.")
        Path data;

        @Option(names = "--synthetic", description = "A seeded synthetic stream (see --events, --nodes, --seed).")
        boolean synthetic;
    }

    /** "auto" (null: detect) or a {@link DatasetFormat} label. */
    static final class FormatConverter implements ITypeConverter<DatasetFormat> {
        @Override
        public DatasetFormat convert(String value) {
            return value.equalsIgnoreCase("auto") ? null : DatasetFormat.fromLabel(value);
        }
    }

    static final class RateConverter implements ITypeConverter<ReplayRate> {
        @Override
        public ReplayRate convert(String value) {
            return ReplayRate.parse(value);
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers.")
    private String bootstrapServers;

    @Option(names = "--topic", defaultValue = "interactions", description = "Topic to produce to (default: ${DEFAULT-VALUE}).")
    private String topic;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    @Option(names = "--format", defaultValue = "auto", converter = FormatConverter.class,
            description = "Format of --data: auto, signed-csv, edge-list or jodie (default: ${DEFAULT-VALUE}).")
    private DatasetFormat format;

    @Option(names = "--events", defaultValue = "100000", description = "Synthetic events (default: ${DEFAULT-VALUE}).")
    private long events;

    @Option(names = "--nodes", defaultValue = "10000", description = "Synthetic nodes (default: ${DEFAULT-VALUE}).")
    private int nodes;

    @Option(names = "--seed", defaultValue = "1", description = "Synthetic seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--rate", defaultValue = "max", converter = RateConverter.class, paramLabel = "N|max",
            description = "Events per second, or max (default: ${DEFAULT-VALUE}).")
    private ReplayRate rate;

    @Option(names = "--limit", paramLabel = "N", description = "Send at most N events.")
    private Long limit;

    @Option(names = "--producer-config", paramLabel = "FILE", description = "Kafka producer settings (a properties file) "
            + "over the defaults, e.g. security.protocol, sasl.* and ssl.* for a secured cluster.")
    private Path producerConfig;

    @Option(names = "--no-progress", description = "No progress bar.")
    private boolean noProgress;

    private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;
    private final PrintStream progress;

    /** The command as the CLI runs it: a real Kafka producer, progress on stderr. */
    public ReplayCommand() {
        this(ReplayProducer::newProducer, System.err);
    }

    /**
     * @param producers makes the producer of the given settings (bootstrap servers, defaults, --producer-config)
     * @param progress where the progress bar goes
     */
    public ReplayCommand(Function<Map<String, Object>, Producer<byte[], byte[]>> producers, PrintStream progress) {
        this.producers = Objects.requireNonNull(producers, "producers");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    @Override
    public Integer call() throws InterruptedException {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Iterator<Interaction> it;
        long available;
        try {
            if (source.data != null) {
                Dataset d = new DatasetReader().read(source.data, format);
                out.printf("read %s (%s, sha256 %s): %s%n", source.data, d.format().label(), d.sha256(),
                        d.report().summary());
                it = d.events().iterator();
                available = d.events().size();
            } else {
                it = new SyntheticStream(syntheticConfig()).iterator();
                available = events;
            }
        } catch (IOException e) {
            err.println("replay: " + e.getMessage());
            return 1;
        }
        long count = limit == null ? available : Math.min(limit, available);
        Map<String, Object> settings = ReplayProducer.producerConfig(bootstrapServers);
        if (producerConfig != null) {
            Properties file = new Properties();
            try (Reader r = Files.newBufferedReader(producerConfig, StandardCharsets.UTF_8)) {
                file.load(r);
            } catch (IOException e) {
                err.println("replay: cannot read --producer-config " + producerConfig + ": " + e.getMessage());
                return 2;
            }
            file.stringPropertyNames().forEach(name -> settings.put(name, file.getProperty(name).trim()));
        }
        try (Producer<byte[], byte[]> producer = producers.apply(settings)) {
            ReplayProducer replay = new ReplayProducer(producer, topic, Pacer.system(rate), noProgress ? null : progress);
            ReplaySummary summary = replay.replay(it, count);
            out.println(summary.format() + " to " + topic);
            out.flush();
            return 0;
        } catch (KafkaException e) {
            err.println("replay: " + e.getMessage());
            return 1;
        }
    }

    private SyntheticConfig syntheticConfig() {
        try {
            return SyntheticConfig.defaults(nodes, events, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad --nodes or --events: " + e.getMessage());
        }
    }

    private void validate() {
        if (topic.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--topic must not be blank");
        }
        if (limit != null && limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be >= 0, got " + limit);
        }
        if (source.data != null) {
            for (String synthetic : new String[] {"--events", "--nodes", "--seed"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(synthetic)) {
                    throw new ParameterException(spec.commandLine(), synthetic + " applies to --synthetic, not to --data");
                }
            }
            return;
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--format")) {
            throw new ParameterException(spec.commandLine(), "--format applies to --data, not to --synthetic");
        }
        if (events < 0) {
            throw new ParameterException(spec.commandLine(), "--events must be >= 0, got " + events);
        }
        if (nodes < 2) {
            throw new ParameterException(spec.commandLine(), "--nodes must be >= 2, got " + nodes);
        }
    }
}
