package io.linkcast.serving.topology;

import java.util.Objects;

/**
 * What the topology needs to know, validated once.
 *
 * @param interactionsTopic input topic of JSON interactions
 * @param deadLetterTopic where refused records go, with their reason in headers
 * @param predictionsTopic output topic of JSON predictions
 * @param maxBatch flush the micro-batch when it holds this many events
 * @param flushIntervalMs flush at least this often (wall clock), bounding the latency of a quiet stream
 * @param maxRecordBytes records larger than this are refused as oversized
 * @param liveQuality also score one deterministic negative per event, read-only, for live link metrics
 * @param liveBaseline with live quality, also run the baseline yardstick given to the topology over the same events
 *     and negatives, so that the models' live figures have the baseline's beside them
 * @param stateCacheNodes decoded node states kept in memory in front of the store (0: none)
 * @param partitions partitions of node state: 1 runs today's sequential topology; more run the owner chain
 *     ({@link LinkcastTopology}), each node's state at the task of its partition
 * @param chainWindow with partitions, the most events a partition has sent on whose answers have not come back; the
 *     events after them wait, which bounds how stale a read can be (0: no bound)
 */
public record TopologySettings(
        String interactionsTopic,
        String deadLetterTopic,
        String predictionsTopic,
        int maxBatch,
        long flushIntervalMs,
        int maxRecordBytes,
        boolean liveQuality,
        boolean liveBaseline,
        int stateCacheNodes,
        int partitions,
        int chainWindow) {

    /** At most 1024 partitions, as the config allows (a sequence number holds 2^15 input partitions). */
    public static final int MAX_PARTITIONS = 1024;
    /** See {@code chain.window} in the README: measured in docs/results.md, "Session 10". */
    public static final int DEFAULT_CHAIN_WINDOW = 64;
    public static final String NODE_STATE_STORE = "node-state";
    public static final String BATCH_BUFFER_STORE = "batch-buffer";
    /** Internal id → external id, for ids that are hashed (not integers); contract 7's reverse dictionary. */
    public static final String EXTERNAL_IDS_STORE = "external-ids";
    /** The baseline yardstick's own node states, apart from the model's (present only with a yardstick). */
    public static final String BASELINE_STATE_STORE = "baseline-state";

    public TopologySettings {
        Objects.requireNonNull(interactionsTopic, "interactionsTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(predictionsTopic, "predictionsTopic");
        if (maxBatch < 1 || maxBatch > 100_000) {
            throw new IllegalArgumentException("maxBatch must be in 1..100000, got " + maxBatch);
        }
        if (flushIntervalMs < 1 || flushIntervalMs > 60_000) {
            throw new IllegalArgumentException("flushIntervalMs must be in 1..60000, got " + flushIntervalMs);
        }
        if (maxRecordBytes < 64) {
            throw new IllegalArgumentException("maxRecordBytes must be >= 64, got " + maxRecordBytes);
        }
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("partitions must be in 1.." + MAX_PARTITIONS + ", got "
                    + partitions);
        }
        if (chainWindow < 0) {
            throw new IllegalArgumentException("chainWindow must be >= 0, got " + chainWindow);
        }
        if (stateCacheNodes < 0) {
            throw new IllegalArgumentException("stateCacheNodes must be >= 0, got " + stateCacheNodes);
        }
    }

    public static TopologySettings defaults() {
        return new TopologySettings("interactions", "interactions.dlq", "predictions", 256, 20, 4096, true, true, 4_096, 1, DEFAULT_CHAIN_WINDOW);
    }

    public TopologySettings withBatch(int batch, long flushMs) {
        return new TopologySettings(interactionsTopic, deadLetterTopic, predictionsTopic, batch, flushMs,
                maxRecordBytes, liveQuality, liveBaseline, stateCacheNodes, partitions, chainWindow);
    }

    public TopologySettings withPartitions(int p) {
        return new TopologySettings(interactionsTopic, deadLetterTopic, predictionsTopic, maxBatch, flushIntervalMs,
                maxRecordBytes, liveQuality, liveBaseline, stateCacheNodes, p, chainWindow);
    }

    public TopologySettings withChainWindow(int w) {
        return new TopologySettings(interactionsTopic, deadLetterTopic, predictionsTopic, maxBatch, flushIntervalMs,
                maxRecordBytes, liveQuality, liveBaseline, stateCacheNodes, partitions, w);
    }

    /** Whether node state is partitioned by node id (the owner chain) rather than held by one sequential task. */
    public boolean partitioned() {
        return partitions > 1;
    }

    /** The chain's topic of events keyed by their source, where stage A reads them (see {@link OwnerProcessor}). */
    public String bySourceTopic() {
        return predictionsTopic + ".by-source";
    }

    /** The chain's topic of asks (an event with its source's snapshot) keyed by the destination. */
    public String asksTopic() {
        return predictionsTopic + ".asks";
    }

    /** The chain's topic of answers (an event with its destination's snapshot) keyed by the source. */
    public String answersTopic() {
        return predictionsTopic + ".answers";
    }
}
