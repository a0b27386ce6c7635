package io.linkcast.serving;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load of {@code POST /v1/score} for the query benchmark: {@code connections} callers, each sending a
 * seeded random pair as soon as its previous answer arrives (no pause), as a busy caller does.
 */
interface QueryLoad {
    /** Runs the load for {@code length}, every request at event time {@code t}. */
    Result run(int connections, Duration length, double t) throws Exception;

    /** What the client is, for the benchmark's table. */
    String describe();

    /** {@code POST /v1/score} on this machine's port. */
    static URI scoreUri(int httpPort) {
        return URI.create("http://127.0.0.1:" + httpPort + "/v1/score");
    }

    /** An HTTP/1.1 client, as the benchmark's callers are: one connection, kept alive. */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A score request with a JSON {@code body}. */
    static HttpRequest scoreRequest(URI uri, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * What one run of the load saw: answered (200) and refused (503) requests, timed apart; anything else (another
     * status, a socket error) is an error. Rates are per second of the run; latencies in milliseconds.
     */
    record Result(double seconds, long answered, long refused, long errors, double p50Ms, double p99Ms,
            double refusedP99Ms, String firstError) {
        /** From histograms of answered and refused latencies in microseconds. */
        static Result of(double seconds, Histogram answered, Histogram refused, long errors, String firstError) {
            return new Result(seconds, answered.getTotalCount(), refused.getTotalCount(), errors,
                    percentileMs(answered, 50), percentileMs(answered, 99), percentileMs(refused, 99), firstError);
        }

        double answeredPerSecond() {
            return answered / seconds;
        }

        double refusedPerSecond() {
            return refused / seconds;
        }

        private static double percentileMs(Histogram h, double p) {
            return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
        }
    }
}
