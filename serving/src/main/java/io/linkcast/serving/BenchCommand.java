package io.linkcast.serving;

import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.ReplayRate;
import io.linkcast.ingest.SyntheticConfig;
import io.linkcast.ingest.SyntheticStream;
import io.linkcast.model.engine.ModelLoaders;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The end-to-end benchmark through the embedded broker, exactly-once: sustained throughput (a backlog of
 * events drained by the stream application) and produce-to-prediction latency at half that rate.
 * Each run starts from a fresh broker and state; the table reports medians over the runs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "End-to-end benchmark: sustained events/s, then p50/p99 latency at 50%% of that rate (medians of --runs); "
                + "with --model, the models run after the baseline-only pipeline and are compared with it.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions options = new ServiceOptions();

    @Option(names = "--events", defaultValue = "100000", description = "backlog drained to measure throughput (default ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--latency-seconds", defaultValue = "15", description = "length of the latency phase (default ${DEFAULT-VALUE})")
    int latencySeconds;

    @Option(names = "--nodes", defaultValue = "20000", description = "synthetic nodes (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--runs", defaultValue = "3", description = "repetitions; medians are reported (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", description = "unreported runs per setup before the measured ones: "
            + "the first run in a JVM spends much of its CPU compiling the broker's and the models' code (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--seed", defaultValue = "7", description = "synthetic stream seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--soak-minutes", defaultValue = "0", description = "instead of the comparison: measure the served "
            + "models' capacity once, then run at --soak-load of it this long, a row per minute (default ${DEFAULT-VALUE}: no soak)")
    double soakMinutes;

    @Option(names = "--soak-load", defaultValue = "0.8", description = "fraction of the measured capacity the soak runs at "
            + "(default ${DEFAULT-VALUE})")
    double soakLoad;

    @Option(names = "--soak-out", description = "where the soak writes soak.csv and soak.png (default: none written)")
    Path soakOut;

    @Option(names = "--query-connections", split = ",", description = "instead of the comparison: on-demand score "
            + "queries from this many connections (a comma-separated list: one set of rows each), with the stream idle, "
            + "then paced at --stream-rate beside them")
    List<Integer> queryConnections = new ArrayList<>();

    @Option(names = "--query-seconds", defaultValue = "20", description = "length of each query phase (default ${DEFAULT-VALUE})")
    int querySeconds;

    @Option(names = "--query-warmup-seconds", defaultValue = "15", description = "query load before the measured "
            + "phases, not counted: the JIT compiles the query path meanwhile (default ${DEFAULT-VALUE})")
    int queryWarmupSeconds;

    @Option(names = "--stream-rate", defaultValue = "1000", description = "events/s the stream is paced at beside the "
            + "queries (default ${DEFAULT-VALUE})")
    double streamRate;

    /** Who sends the benchmark's queries. */
    enum QueryClient { AUTO, WRK, JVM }

    @Option(names = "--query-client", defaultValue = "auto", description = "who sends the queries: wrk (a process of its "
            + "own), jvm (a client in this JVM) or auto (wrk where it is installed; default ${DEFAULT-VALUE})")
    QueryClient queryClient;

    @Spec
    CommandSpec spec;

    /**
     * One run. The sustained rate is the drain rate of the backlog after its first fifth: start-up (joining the
     * group, restoring, the first transaction) is reported apart, as {@code startupSeconds} to the first
     * prediction. {@code cpuMicrosPerEvent} is the whole process's CPU time (broker and clients included) per
     * event over the timed part: with all of it on this machine, cores / CPU per event bounds the rate.
     */
    record RunResult(double eventsPerSecond, double startupSeconds, double cpuMicrosPerEvent, double p50Ms, double p99Ms,
            double rssMiB, double bytesPerNode) {
    }

    /** Fraction of the backlog treated as start-up, before the sustained rate is timed. */
    static final double STARTUP_FRACTION = 0.2;

    @Override
    public Integer call() throws Exception {
        if (events < 1000 || runs < 1 || latencySeconds < 1 || warmup < 0) {
            throw new IllegalArgumentException("--events must be >= 1000, --runs and --latency-seconds >= 1, --warmup >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (soakMinutes > 0) {
            return soak(out);
        }
        if (!queryConnections.isEmpty()) {
            return queries(out);
        }
        // the baseline-only pipeline always runs, so the models' cost shows as a ratio measured the same way
        List<List<String>> setups = new ArrayList<>();
        setups.add(List.of(ServedModels.BASELINE));
        if (!options.models.isEmpty() && !options.models.equals(List.of(ServedModels.BASELINE))) {
            setups.add(options.models);
        }
        ServiceConfig config = options.load();
        TemporaryStateDir.deleteIfTemporary(config.stateDir());
        ModelLoaders loaders = ModelLoaders.discover().withBackend(config.modelBackend());
        // interleaved, baseline then models in every round, so that both see the same machine (its speed swings
        // by tens of percent over minutes here); each round's ratio is printed beside both figures
        List<List<RunResult>> results = new ArrayList<>();
        String[] names = new String[setups.size()];
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < setups.size(); i++) {
            results.add(new ArrayList<>());
        }
        for (int r = -warmup; r < runs; r++) {
            double roundBaseline = Double.NaN;
            for (int i = 0; i < setups.size(); i++) {
                RunResult res;
                try (ServedModels models = ServedModels.load(setups.get(i), loaders)) {
                    names[i] = models.info().name();
                    // a warm-up run sees the same stream as the first measured one
                    res = runOnce(Math.max(r, 0), models);
                }
                if (r >= 0) {
                    results.get(i).add(res);
                }
                String ratio = "";
                if (i == 0) {
                    roundBaseline = res.eventsPerSecond();
                } else {
                    ratio = String.format(" (%.2fx the baseline's %,.0f this round)", res.eventsPerSecond() / roundBaseline,
                            roundBaseline);
                    if (r >= 0) {
                        ratios.add(res.eventsPerSecond() / roundBaseline);
                    }
                }
                out.printf("%s, %s: %,.0f events/s sustained%s (start-up %.1f s, %.0f µs CPU per event); at %,.0f events/s:"
                        + " p50 %.0f ms, p99 %.0f ms; RSS %.0f MiB; %.0f B/node%n", names[i],
                        r < 0 ? "warm-up (not counted)" : "run " + (r + 1), res.eventsPerSecond(), ratio,
                        res.startupSeconds(), res.cpuMicrosPerEvent(), res.eventsPerSecond() / 2, res.p50Ms(), res.p99Ms(),
                        res.rssMiB(), res.bytesPerNode());
                out.flush();
            }
        }
        List<String> rows = new ArrayList<>();
        double baselineRate = median(results.get(0).stream().mapToDouble(RunResult::eventsPerSecond).toArray());
        for (int i = 0; i < setups.size(); i++) {
            List<RunResult> rs = results.get(i);
            double rate = median(rs.stream().mapToDouble(RunResult::eventsPerSecond).toArray());
            String vs = i == 0 ? "1.00" : String.format("%.2f (per round: median %.2f)", rate / baselineRate,
                    median(ratios.stream().mapToDouble(Double::doubleValue).toArray()));
            rows.add(String.format("| %s | %,.0f | %s | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f |", names[i], rate, vs,
                    median(rs.stream().mapToDouble(RunResult::startupSeconds).toArray()),
                    median(rs.stream().mapToDouble(RunResult::cpuMicrosPerEvent).toArray()),
                    median(rs.stream().mapToDouble(RunResult::p50Ms).toArray()),
                    median(rs.stream().mapToDouble(RunResult::p99Ms).toArray()),
                    median(rs.stream().mapToDouble(RunResult::rssMiB).toArray()),
                    median(rs.stream().mapToDouble(RunResult::bytesPerNode).toArray())));
        }
        out.println();
        out.println("| models | sustained events/s | vs baseline | start-up s | CPU µs/event (whole process) | p50 ms at 50% |"
                + " p99 ms at 50% | RSS MiB (broker in-process) | bytes/node |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(out::println);
        out.printf("(model.backend=%s; interleaved rounds; medians of %d runs each after %d warm-up; %,d-event backlog, rate timed after its first %.0f%%; %d s latency"
                + " phase; %,d synthetic nodes, seed %d)%n", config.modelBackend().name().toLowerCase(java.util.Locale.ROOT), runs, warmup, events, STARTUP_FRACTION * 100, latencySeconds,
                nodes, seed);
        out.flush();
        return 0;
    }

    /** The soak: one capacity measurement (the backlog drain), then {@code soakLoad} of it for {@code soakMinutes}. */
    private int soak(PrintWriter out) throws Exception {
        if (soakLoad <= 0 || soakLoad > 1) {
            throw new IllegalArgumentException("--soak-load must be in (0, 1], got " + soakLoad);
        }
        ServiceConfig config = options.load();
        TemporaryStateDir.deleteIfTemporary(config.stateDir());
        ModelLoaders loaders = ModelLoaders.discover().withBackend(config.modelBackend());
        try (ServedModels models = ServedModels.load(options.models, loaders)) {
            List<Soak.Sample> samples = withFreshBroker(0, (c, probe, stream) -> {
                long before = probe.received();
                RunResult capacity;
                try (LinkcastRuntime runtime = LinkcastRuntime.start(c, models)) {
                    capacity = drain(probe, before, System.nanoTime());
                    out.printf("%s: %,.0f events/s sustained (backlog of %,d); RSS %.0f MiB%n", models.info().name(),
                            capacity.eventsPerSecond(), events, rssMiB());
                    return new Soak(out, 60_000).run(c.bootstrapServers(), c.topology().interactionsTopic(), probe,
                            probe.received(), stream, capacity.eventsPerSecond() * soakLoad, soakMinutes);
                }
            });
            if (soakOut != null) {
                Soak.write(samples, soakOut, String.format("soak: %s at %.0f%% of capacity", models.info().name(),
                        soakLoad * 100));
                out.printf("wrote %s and %s%n", soakOut.resolve("soak.csv"), soakOut.resolve("soak.png"));
            }
        }
        return 0;
    }

    /**
     * On-demand queries beside the stream: after the backlog (so that the nodes have states), for each connection
     * count three phases of --query-seconds: queries with the stream idle, the stream alone at --stream-rate, and both.
     */
    private int queries(PrintWriter out) throws Exception {
        if (querySeconds < 1 || queryWarmupSeconds < 0 || streamRate <= 0 || queryConnections.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("--query-seconds >= 1, --query-warmup-seconds >= 0, --stream-rate > 0 and "
                    + "--query-connections >= 1");
        }
        ServiceConfig config = options.load();
        TemporaryStateDir.deleteIfTemporary(config.stateDir());
        ModelLoaders loaders = ModelLoaders.discover().withBackend(config.modelBackend());
        List<String> rows = new ArrayList<>();
        try (ServedModels models = ServedModels.load(options.models, loaders)) {
            withFreshBroker(0, (c, probe, stream) -> {
                long before = probe.received();
                try (LinkcastRuntime runtime = LinkcastRuntime.start(c, models)) {
                    RunResult capacity = drain(probe, before, System.nanoTime());
                    out.printf("%s: %,.0f events/s sustained (backlog of %,d); %s%n", models.info().name(),
                            capacity.eventsPerSecond(), events, c.queryLimits());
                    out.flush();
                    QueryLoad load = queryLoad(runtime.httpPort());
                    out.printf("queries from %s; %d s of warm-up%n", load.describe(), queryWarmupSeconds);
                    if (queryWarmupSeconds > 0) {
                        load.run(queryConnections.get(0), Duration.ofSeconds(queryWarmupSeconds),
                                runtime.service().metrics().latestEventTime());
                    }
                    BatchCost.Result batch = new BatchCost(runtime.httpPort(), nodes, seed).measure(100, 200,
                            runtime.service().metrics().latestEventTime());
                    out.printf("one request, stream idle (medians of 200): 1 pair %.2f ms, %d pairs %.2f ms (%.1fx)%n",
                            batch.onePairMs(), batch.pairs(), batch.manyPairsMs(), batch.ratio());
                    Duration phase = Duration.ofSeconds(querySeconds);
                    for (int conns : queryConnections) {
                        double t = runtime.service().metrics().latestEventTime();
                        rows.add(row("idle", conns, Double.NaN, load.run(conns, phase, t)));
                        out.println(rows.get(rows.size() - 1));
                        double alone = paced(c, probe, stream, phase, () -> null);
                        rows.add(String.format("| %,.0f/s alone | 0 | %,.0f | | | | | |", streamRate, alone));
                        out.println(rows.get(rows.size() - 1));
                        QueryLoad.Result[] beside = new QueryLoad.Result[1];
                        double kept = paced(c, probe, stream, phase, () -> {
                            beside[0] = load.run(conns, phase, runtime.service().metrics().latestEventTime());
                            return null;
                        });
                        rows.add(row(String.format("%,.0f/s", streamRate), conns, kept, beside[0]));
                        out.println(rows.get(rows.size() - 1));
                        out.flush();
                    }
                }
                return null;
            });
        }
        out.println();
        out.println("| stream | connections | stream kept events/s | answered/s | p50 ms | p99 ms | refused (503)/s | "
                + "503 p99 ms | errors |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(out::println);
        out.printf("(query phases of %d s; %,d synthetic nodes, seed %d; single-pair POST /v1/score, one closed loop per "
                + "connection)%n", querySeconds, nodes, seed);
        out.flush();
        return 0;
    }

    private QueryLoad queryLoad(int httpPort) {
        WrkQueryLoad wrk = queryClient == QueryClient.JVM ? null : WrkQueryLoad.onPath(httpPort, nodes, seed);
        if (wrk == null && queryClient == QueryClient.WRK) {
            throw new IllegalArgumentException("--query-client wrk: no wrk on the PATH (apt install wrk)");
        }
        return wrk != null ? wrk : new JvmQueryLoad(httpPort, nodes, seed);
    }

    private static String row(String stream, int conns, double kept, QueryLoad.Result r) {
        return String.format("| %s | %d | %s | %,.0f | %.1f | %.1f | %,.0f | %.1f | %d%s |", stream, conns,
                Double.isNaN(kept) ? "" : String.format("%,.0f", kept), r.answeredPerSecond(), r.p50Ms(), r.p99Ms(),
                r.refusedPerSecond(), r.refusedP99Ms(), r.errors(), r.firstError() == null ? "" : " (" + r.firstError() + ")");
    }

    /**
     * Feeds the stream at --stream-rate for {@code phase} while {@code beside} runs on this thread; returns the
     * predictions per second that came out during the phase (the rate the stream kept).
     */
    private double paced(ServiceConfig c, LatencyProbe probe, Iterator<Interaction> stream, Duration phase,
            Callable<Void> beside) throws Exception {
        long n = (long) (streamRate * phase.toSeconds());
        long before = probe.received();
        long start = System.nanoTime();
        try (DemoFeed feed = new DemoFeed(c.bootstrapServers(), c.topology().interactionsTopic(), DemoFeed.limit(stream, n),
                new ReplayRate(streamRate))) {
            feed.start();
            beside.call();
            long end = start + phase.toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(10);
            }
            double kept = (probe.received() - before) / ((System.nanoTime() - start) / 1e9);
            // the next phase starts from a drained stream
            while (probe.received() < before + n) {
                Thread.sleep(10);
            }
            return kept;
        }
    }

    private RunResult runOnce(int run, ServedModels models) throws Exception {
        return withFreshBroker(run, (c, probe, stream) -> measure(c, models, probe, stream));
    }

    /** What runs against a fresh broker whose input topic holds the backlog; {@code stream} continues it. */
    interface BrokerRun<T> {
        T run(ServiceConfig c, LatencyProbe probe, Iterator<Interaction> stream) throws Exception;
    }

    /**
     * A fresh broker and state in a new directory (under --state-dir when given), deleted when the run ends,
     * with the backlog of {@code events} already produced.
     */
    private <T> T withFreshBroker(int run, BrokerRun<T> body) throws Exception {
        Path dir = options.stateDir != null ? Files.createTempDirectory(Files.createDirectories(options.stateDir),
                "linkcast-bench") : Files.createTempDirectory("linkcast-bench");
        try {
            ServiceConfig base = options.load();
            TemporaryStateDir.deleteIfTemporary(base.stateDir());
            ServiceConfig config = new ServiceConfig(null, base.applicationId(), dir, base.topology(), base.streamThreads(),
                    base.standbyReplicas(), base.httpHost(), 0, base.exactlyOnce(), base.commitIntervalMs(),
                    base.modelBackend(), base.httpAccess(), base.queryLimits(), base.qualityWindow(), null, Map.of());
            Iterator<Interaction> stream = new SyntheticStream(SyntheticConfig.defaults(nodes, Long.MAX_VALUE, seed + run))
                    .iterator();
            try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"))) {
                ServiceConfig c = config.withBootstrapServers(broker.bootstrapServers());
                Topics.create(c);
                try (DemoFeed backlog = new DemoFeed(c.bootstrapServers(), c.topology().interactionsTopic(),
                        DemoFeed.limit(stream, events), ReplayRate.MAX)) {
                    backlog.start();
                    while (!backlog.done()) {
                        Thread.sleep(20);
                    }
                }
                try (LatencyProbe probe = new LatencyProbe(c.bootstrapServers(), c.topology().predictionsTopic())) {
                    return body.run(c, probe, stream);
                }
            }
        } finally {
            TemporaryStateDir.delete(dir);
        }
    }

    /** Drains the backlog, then feeds {@code stream} at half the drain rate; the probe reads the predictions. */
    private RunResult measure(ServiceConfig c, ServedModels models, LatencyProbe probe, Iterator<Interaction> stream)
            throws Exception {
        long start = System.nanoTime();
        long before = probe.received();
        try (LinkcastRuntime runtime = LinkcastRuntime.start(c, models)) {
            RunResult drained = drain(probe, before, start);
            probe.interval();
            double rate = drained.eventsPerSecond() / 2;
            long latencyEvents = (long) (rate * latencySeconds);
            try (DemoFeed feed = new DemoFeed(c.bootstrapServers(), c.topology().interactionsTopic(),
                    DemoFeed.limit(stream, latencyEvents), new ReplayRate(rate))) {
                feed.start();
                while (probe.received() < events + latencyEvents) {
                    Thread.sleep(10);
                }
            }
            Histogram h = probe.interval();
            return new RunResult(drained.eventsPerSecond(), drained.startupSeconds(), drained.cpuMicrosPerEvent(),
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, rssMiB(),
                    runtime.service().meanStateBytes());
        }
    }

    /**
     * Waits until the backlog's predictions are all out; the rate is timed after its first fifth. {@code predictedBefore}
     * must be read before the stream application starts: read after, it may already count some of the backlog, and the
     * wait would never end (the hang of session 12's query benchmark). The latency, RSS and
     * state fields of the result are NaN: the drain does not measure them.
     */
    private RunResult drain(LatencyProbe probe, long predictedBefore, long startNanos) throws InterruptedException {
        long startupEvents = predictedBefore + (long) (events * STARTUP_FRACTION);
        while (probe.received() < startupEvents) {
            Thread.sleep(5);
        }
        // one window for the rate and the CPU time, opened within a polling interval of the first fifth
        long timedFromNanos = System.nanoTime();
        long cpuStart = processCpuNanos();
        long timedFrom = probe.received();
        while (probe.received() < predictedBefore + events) {
            Thread.sleep(5);
        }
        // all threads of the process (broker, clients, stream thread): this machine has two cores for all of them
        long timed = probe.received() - timedFrom;
        double cpuMicros = (processCpuNanos() - cpuStart) / 1e3 / timed;
        double sustained = timed / ((probe.lastReceivedNanos() - timedFromNanos) / 1e9);
        double startup = (probe.firstReceivedNanos() - startNanos) / 1e9;
        return new RunResult(sustained, startup, cpuMicros, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** CPU time of the whole process (broker, clients, stream threads) so far. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double rssMiB() {
        return ResidentMemory.bytes() / (1 << 20);
    }
}
