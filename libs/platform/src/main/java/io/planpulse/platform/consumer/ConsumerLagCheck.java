package io.planpulse.platform.consumer;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.Wellness;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Reports at {@code /q/health/well} how many records of each consumed topic the service has not yet
 * applied (end offsets less the group's committed offsets); DOWN when it is more than allowed.
 */
@Wellness
@ApplicationScoped
public class ConsumerLagCheck implements HealthCheck {

    private final Instance<ConsumedTopics> consumed;
    private final Map<String, Object> kafka;
    private Admin admin;

    public ConsumerLagCheck(Instance<ConsumedTopics> consumed,
                            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.consumed = consumed;
        this.kafka = Map.copyOf(kafka);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumer-lag");
        if (!consumed.isResolvable()) {
            return response.up().withData("consumes", "nothing").build();
        }
        ConsumedTopics topics = consumed.get();
        try {
            Map<String, Long> lag = lag(topics);
            long total = lag.values().stream().mapToLong(Long::longValue).sum();
            lag.forEach(response::withData);
            return response.status(total <= topics.maxLag()).withData("group", topics.groupId())
                    .withData("total", total).build();
        } catch (Exception e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }

    private Map<String, Long> lag(ConsumedTopics topics) throws Exception {
        Admin client = admin();
        Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(topics.groupId())
                .partitionsToOffsetAndMetadata().get(2, TimeUnit.SECONDS);
        Map<String, TopicDescription> described = client.describeTopics(topics.topics()).allTopicNames()
                .get(2, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p ->
                request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = client.listOffsets(request).all()
                .get(2, TimeUnit.SECONDS);
        Map<String, Long> lag = new HashMap<>();
        topics.topics().forEach(t -> lag.put(t, 0L));
        ends.forEach((partition, end) -> {
            OffsetAndMetadata done = committed.get(partition);
            long behind = end.offset() - (done == null ? 0 : done.offset());
            lag.merge(partition.topic(), Math.max(0, behind), Long::sum);
        });
        return lag;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
