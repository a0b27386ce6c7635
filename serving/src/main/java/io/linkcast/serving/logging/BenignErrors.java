package io.linkcast.serving.logging;

import org.apache.kafka.common.errors.OutOfOrderSequenceException;

/**
 * Errors that Kafka logs at ERROR although nothing is wrong, each with the reason it is benign. They are logged at
 * INFO instead, so that an operator's alert on ERROR lines means something.
 */
final class BenignErrors {
    private BenignErrors() {
    }

    /**
     * Whether an ERROR line is one of the known-benign ones.
     *
     * <p>KAFKA-18202: with transactions v2 (Kafka 4), the broker rejects a new producer's in-flight batches whose
     * sequence is not 0 until the first batch has been appended, and logs each rejection. The producer retries them
     * in order (the error is retriable) and nothing is lost or duplicated: linkcast's exactly-once tests count every
     * prediction. Each new transactional producer (start, rebalance, restart) logs a few.
     */
    static boolean isBenign(String logger, String message, Throwable cause) {
        return "kafka.server.ReplicaManager".equals(logger) && cause instanceof OutOfOrderSequenceException
                && cause.getMessage() != null
                && cause.getMessage().contains("for transactions v2 idempotent producer with no existing state");
    }
}
