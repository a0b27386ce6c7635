package io.linkcast.serving;

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
