package io.linkcast.serving.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class LinkcastLoggingProviderTest {
    private static final String BENIGN = "Invalid sequence number for producer 1 at offset 184 in partition p-0: 2 (incoming seq."
            + " number). Expected sequence 0 for transactions v2 idempotent producer with no existing state.";

    @Test
    void shouldLogKafka18202AtInfoAndEveryOtherErrorAtError() {
        String levelKey = "org.slf4j.simpleLogger.log.kafka.server.ReplicaManager";
        System.setProperty(levelKey, "info");
        try {
            LinkcastLoggingProvider provider = new LinkcastLoggingProvider();
            provider.initialize();
            Logger replicaManager = provider.getLoggerFactory().getLogger("kafka.server.ReplicaManager");
            Logger other = provider.getLoggerFactory().getLogger("kafka.server.Other");

            String printed = stderrOf(() -> {
                replicaManager.error("Error processing append operation on partition {}", "p-0",
                        new OutOfOrderSequenceException(BENIGN));
                replicaManager.error("Error processing append operation on partition {}", "p-1",
                        new OutOfOrderSequenceException("Out of order sequence number for producer 7: 51, 49"));
                other.error("Error processing append operation on partition {}", "p-2",
                        new OutOfOrderSequenceException(BENIGN));
            });

            assertThat(printed).contains("INFO kafka.server.ReplicaManager - Error processing append operation on partition p-0"
                    + " (known benign: KAFKA-18202");
            assertThat(printed).contains("ERROR kafka.server.ReplicaManager - Error processing append operation on partition p-1");
            assertThat(printed).contains("ERROR kafka.server.Other - Error processing append operation on partition p-2");
            assertThat(printed).doesNotContain("ERROR kafka.server.ReplicaManager - Error processing append operation on partition p-0");
        } finally {
            System.clearProperty(levelKey);
        }
    }

    @Test
    void shouldDropTheDemotedLineWhereInfoIsOff() {
        LinkcastLoggingProvider provider = new LinkcastLoggingProvider();
        provider.initialize();
        Logger replicaManager = provider.getLoggerFactory().getLogger("kafka.server.ReplicaManager");
        assertThat(replicaManager.isInfoEnabled()).as("surefire runs at warn").isFalse();

        String printed = stderrOf(() -> replicaManager.error("append failed", new OutOfOrderSequenceException(BENIGN)));

        assertThat(printed).isEmpty();
    }

    private static String stderrOf(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
