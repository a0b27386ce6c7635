package io.linkcast.serving;

import io.linkcast.serving.topology.TopologySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates linkcast's topics if they do not exist (the broker's default replication factor applies), and refuses
 * widths that would split a node's state: an input of more than one partition for the sequential topology, chain
 * topics of another width than {@code topic.partitions}.
 */
final class Topics {
    private Topics() {
    }

    static void create(ServiceConfig config) {
        TopologySettings t = config.topology();
        int partitions = t.partitions();
        List<String> names = new ArrayList<>(List.of(t.interactionsTopic(), t.deadLetterTopic(), t.predictionsTopic()));
        List<String> chain = t.partitioned() ? List.of(t.bySourceTopic(), t.asksTopic(), t.answersTopic()) : List.of();
        names.addAll(chain);
        try (Admin admin = Admin.create(config.kafkaClient(Map.of()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                topics.add(new NewTopic(name, Optional.of(partitions), Optional.empty()));
            }
            for (var f : admin.createTopics(topics).values().values()) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AuthenticationException refused) {
                        throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " refused linkcast's "
                                + "credentials (security.protocol, sasl.*, ssl.*): " + refused.getMessage(), refused);
                    }
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic: " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            if (!t.partitioned()) {
                requireOnePartition(admin, t.interactionsTopic());
            }
            for (String name : chain) {
                requirePartitions(admin, name, partitions);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe linkcast's topics: " + e.getCause().getMessage(), e.getCause());
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
     * With one partition of node state, the sequential topology reads the input directly, and Kafka Streams gives
     * each input partition a task with a node store of its own: with more input partitions a node's state would be
     * split between tasks and the models would read part of its history (architecture contract 2, locality).
     */
    private static void requireOnePartition(Admin admin, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        int partitions = describe(admin, topic).partitions().size();
        if (partitions != 1) {
            throw new IllegalStateException("input topic '" + topic + "' has " + partitions + " partitions, and"
                    + " topic.partitions is 1: one sequential task would keep a copy of a node's state per input partition"
                    + " and the models would see part of each node's history. Set topic.partitions (node state partitioned"
                    + " by node id, any input width), or use an input topic of one partition");
        }
    }

    /**
     * The chain topics are partitioned by node ({@code NodePartitioner}): a node's owner is its id modulo their width,
     * so a width other than the one the node store was built with would send its events to another partition's store.
     */
    private static void requirePartitions(Admin admin, String topic, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        int found = describe(admin, topic).partitions().size();
        if (found != partitions) {
            throw new IllegalStateException("topic '" + topic + "' has " + found + " partitions but topic.partitions is "
                    + partitions + ": node state is partitioned by node id over the chain topics, so their width cannot"
                    + " change under existing state. Keep topic.partitions=" + found + ", or start a new application"
                    + " (new application.id and topic.predictions) and replay the stream");
        }
    }
}
