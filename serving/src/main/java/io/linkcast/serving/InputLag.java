package io.linkcast.serving;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream's backlog on its input topic, as {@code kafka-consumer-groups} reports it: the sum over the
 * topic's partitions of the end offset (last stable offset) minus the offset the consumer group committed.
 * It counts what was produced and not yet processed, including records the consumer has fetched but not yet
 * processed, which the consumer's own {@code records-lag} metric (a fetch lag) misses: under load the fetch
 * lag reads 0 while thousands of records wait in the stream's buffers. Committed offsets trail the processed
 * ones by at most one commit interval. A partition without a committed offset counts from offset 0.
 */
final class InputLag implements LongSupplier, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InputLag.class);
    private static final long TIMEOUT_MS = 2_000;

    private final Admin admin;
    private final String groupId;
    private final String topic;
    private List<TopicPartition> partitions;

    /** {@code client}: the admin client's settings (bootstrap servers, security), as {@link ServiceConfig#kafkaClient}. */
    InputLag(Map<String, Object> client, String groupId, String topic) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.topic = Objects.requireNonNull(topic, "topic");
        Map<String, Object> settings = new HashMap<>(client);
        settings.putAll(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "linkcast-input-lag",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS));
        this.admin = Admin.create(settings);
    }

    /** Records produced to the input and not yet committed by the group; -1 when Kafka did not answer in time. */
    @Override
    public synchronized long getAsLong() {
        try {
            if (partitions == null) {
                partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                        .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            long lag = 0;
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                lag += Math.max(0, ends.get(tp).offset() - (c == null ? 0 : c.offset()));
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // unknown this time (broker busy or restarting); the next sample asks again
            LOG.debug("input lag of group {} on {} unavailable: {}", groupId, topic, e.toString());
            partitions = null;
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
