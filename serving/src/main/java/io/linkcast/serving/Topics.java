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
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates linkcast's topics if they do not exist (the broker's default replication factor applies). */
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " did not create the topics in 30 s", e);
        }
    }
}
