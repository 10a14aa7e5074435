package io.planpulse.local;

import io.planpulse.model.event.Topic;
import io.planpulse.model.event.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the registry's topics ({@link Topics#ALL}) on a one-node broker when they are missing, with
 * their partitions and settings: what Strimzi's KafkaTopic resources do in the cluster.
 */
public final class LocalTopics {

    /** One node: nothing can be replicated. */
    private static final short REPLICATION_FACTOR = 1;

    private LocalTopics() {
    }

    /** Creates what is missing; returns the names it created. */
    public static List<String> create(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> created = new ArrayList<>();
            for (Topic topic : Topics.ALL) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic.name(), topic.partitions(), REPLICATION_FACTOR)
                            .configs(topic.configs()))).all().get(30, TimeUnit.SECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create the topic " + topic.name(), e.getCause());
                    }
                }
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker at " + bootstrapServers + " did not answer", e);
        }
    }
}
