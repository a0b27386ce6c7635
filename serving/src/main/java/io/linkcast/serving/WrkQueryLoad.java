package io.linkcast.serving;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The query load from outside the service: wrk (Debian's {@code wrk} package), a C load generator whose cost per
 * request is a few µs, with a Lua script that sends seeded random pairs and times each answer by its status (the
 * service echoes each request's {@code X-Request-Id}). It still runs on the same 2 cores as the service; it is what
 * issue 19's figures were measured with.
 */
final class WrkQueryLoad implements QueryLoad {
    private final String url;
    private final int nodes;
    private final long seed;
    private final String wrk;

    private WrkQueryLoad(String wrk, int httpPort, int nodes, long seed) {
        this.wrk = wrk;
        this.url = "http://127.0.0.1:" + httpPort + "/v1/score";
        this.nodes = nodes;
        this.seed = seed;
    }

    /** wrk as found on the PATH, or null when it is not installed. */
    static WrkQueryLoad onPath(int httpPort, int nodes, long seed) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return new WrkQueryLoad(candidate.toString(), httpPort, nodes, seed);
            }
        }
        return null;
    }

    @Override
    public String describe() {
        return "wrk (" + wrk + "), a process of its own on the same cores";
    }

    @Override
    public Result run(int connections, Duration length, double t) throws IOException, InterruptedException {
        Path script = Files.createTempFile("linkcast-wrk", ".lua");
        try {
            Files.writeString(script, script(nodes, seed, t, connections));
            // a thread per core, not per connection (the script pairs answers with requests by their id): the client
            // shares the service's cores, and each of its threads costs them (docs/results.md, session 14)
            int threads = threads(connections, Runtime.getRuntime().availableProcessors());
            Process p = new ProcessBuilder(wrk, "-t", Integer.toString(threads), "-c", Integer.toString(connections),
                    "-d", length.toSeconds() + "s", "--timeout", "30s", "-s", script.toString(), url)
                    .redirectErrorStream(true).start();
            Result r = parse(p.getInputStream());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("wrk did not exit after its run");
            }
            if (p.exitValue() != 0) {
                throw new IOException("wrk exited with " + p.exitValue());
            }
            return r;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * wrk gives each thread connections / threads connections and drops the remainder: the most threads, up to one per
     * core, that divide the connections evenly.
     */
    static int threads(int connections, int cores) {
        for (int t = Math.min(connections, cores); t > 1; t--) {
            if (connections % t == 0) {
                return t;
            }
        }
        return 1;
    }

    static String script(int nodes, long seed, double t, int connections) throws IOException {
        try (InputStream in = WrkQueryLoad.class.getResourceAsStream("wrk-score.lua")) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return template.replace("@NODES@", Integer.toString(nodes)).replace("@SEED@", Long.toString(seed))
                    .replace("@T@", String.format(Locale.ROOT, "%.3f", t)).replace("@CONNECTIONS@", Integer.toString(connections));
        }
    }

    /** Reads the script's lines ({@code LINKCAST status bucket count}, ...) from wrk's output. */
    static Result parse(InputStream wrkOutput) throws IOException {
        Map<String, Histogram> byStatus = Map.of("ok", new Histogram(3), "refused", new Histogram(3),
                "other", new Histogram(3));
        long socketErrors = 0;
        double seconds = Double.NaN;
        String firstError = null;
        List<String> unparsed = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(wrkOutput, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null;) {
            String[] f = line.split(" ", 4);
            switch (f[0]) {
                case "LINKCAST" -> byStatus.get(f[1]).recordValueWithCount(Long.parseLong(f[2]) * 10 + 5, Long.parseLong(f[3]));
                case "LINKCASTERR" -> firstError = firstError == null ? line.substring(f[0].length() + 1) : firstError;
                case "LINKCASTSOCKET" -> socketErrors = Long.parseLong(f[1]);
                case "LINKCASTSECONDS" -> seconds = Double.parseDouble(f[1]);
                default -> unparsed.add(line);
            }
        }
        if (Double.isNaN(seconds)) {
            throw new IOException("wrk gave no result: " + String.join("\n", unparsed));
        }
        long errors = byStatus.get("other").getTotalCount() + socketErrors;
        if (firstError == null && socketErrors > 0) {
            firstError = socketErrors + " socket errors (connect, read, write or timeout)";
        }
        return Result.of(seconds, byStatus.get("ok"), byStatus.get("refused"), errors, firstError);
    }
}
