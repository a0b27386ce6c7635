package io.linkcast.serving;

import io.linkcast.model.topology.TopologySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates linkcast's topics if they do not exist (the broker's default replication factor applies), and refuses
 * an input topic of more than one partition.
 */
final class Topics {
    private Topics() {
    }

    static void create(ServiceConfig config) {
        TopologySettings t = config.topology();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : List.of(t.interactionsTopic(), t.deadLetterTopic(), t.predictionsTopic())) {
                topics.add(new NewTopic(name, Optional.of(config.partitions()), Optional.empty()));
            }
            for (var f : admin.createTopics(topics).values().values()) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic: " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            requireOnePartition(admin, t.interactionsTopic());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe topic '" + t.interactionsTopic() + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " did not create the topics in 30 s", e);
        }
    }

    /** The topic's description; a topic created a moment ago may not be known to every broker yet. */
    private static TopicDescription describe(Admin admin, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Kafka Streams gives each input partition a task with a node store of its own, so with more partitions a
     * node's state would be split between tasks and each model would read part of its history (architecture
     * contract 2, locality). Until node state is partitioned by node id, one partition is the only correct width.
     */
    private static void requireOnePartition(Admin admin, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        int partitions = describe(admin, topic).partitions().size();
        if (partitions != 1) {
            throw new IllegalStateException("input topic '" + topic + "' has " + partitions + " partitions; linkcast"
                    + " reads one partition for now, since each partition's task would keep its own copy of a node's"
                    + " state and the models would see part of each node's history. Use a topic with one partition"
                    + " (or a new topic.interactions name, which linkcast creates with one)");
        }
    }
}
