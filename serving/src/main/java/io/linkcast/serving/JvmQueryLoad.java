package io.linkcast.serving;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop HTTP load of the service's own JVM, for where wrk is not installed: {@code connections} clients,
 * each sending {@code POST /v1/score} for a seeded random pair of nodes as soon as its previous answer arrives (no
 * pause), as a busy caller does. Answered (200) and refused (503) requests are timed apart; anything else counts as
 * an error. It runs in the service's own JVM, so its CPU is charged to the same 2 cores and its allocations to the
 * same heap; the figures are a lower bound on what the service answers ({@link WrkQueryLoad} measures from outside).
 */
final class JvmQueryLoad implements QueryLoad {
    private final URI uri;
    private final int nodes;
    private final long seed;

    JvmQueryLoad(int httpPort, int nodes, long seed) {
        this.uri = QueryLoad.scoreUri(httpPort);
        this.nodes = nodes;
        this.seed = seed;
    }

    @Override
    public String describe() {
        return "a java.net.http client in the service's own JVM";
    }

    @Override
    public Result run(int connections, Duration length, double t) throws InterruptedException {
        Recorder answeredLatency = new Recorder(3);
        Recorder refusedLatency = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        List<String> firstError = new ArrayList<>(1);
        long end = System.nanoTime() + length.toNanos();
        List<Thread> clients = new ArrayList<>(connections);
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + c);
            Thread thread = new Thread(() -> {
                HttpClient client = QueryLoad.client();
                while (System.nanoTime() < end) {
                    String body = "{\"src\":\"" + random.nextInt(nodes) + "\",\"dst\":\"" + random.nextInt(nodes)
                            + "\",\"t\":" + t + "}";
                    HttpRequest request = QueryLoad.scoreRequest(uri, body);
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        long micros = (System.nanoTime() - sent) / 1000;
                        if (response.statusCode() == 200) {
                            answeredLatency.recordValue(micros);
                        } else if (response.statusCode() == 503) {
                            refusedLatency.recordValue(micros);
                        } else {
                            error(errors, firstError, response.statusCode() + " " + response.body());
                        }
                    } catch (java.io.IOException e) {
                        error(errors, firstError, e.toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "linkcast-query-load-" + c);
            thread.setDaemon(true);
            clients.add(thread);
            thread.start();
        }
        for (Thread thread : clients) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram answered = answeredLatency.getIntervalHistogram();
        Histogram refused = refusedLatency.getIntervalHistogram();
        return Result.of(seconds, answered, refused, errors.get(), firstError.isEmpty() ? null : firstError.get(0));
    }

    private static void error(AtomicLong errors, List<String> first, String what) {
        if (errors.getAndIncrement() == 0) {
            synchronized (first) {
                first.add(what);
            }
        }
    }
}
