package io.planpulse.reporting.progress;

import io.planpulse.model.event.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * An indicator's home partition: the partition of indicator.reports.v1 that its reports go to, by
 * Kafka's default partitioner (murmur2 of the key, modulo the registry's partition count). Whoever
 * judges an indicator holds its home partition's lock, so the consumer that owns a partition judges
 * its indicators without waiting for anyone (DESIGN §2, "How reporting-service applies").
 */
final class HomePartitions {

    /** The partitions of indicator.reports.v1, as the topic registry declares them. */
    static final int COUNT = Topics.named(Topics.INDICATOR_REPORTS).partitions();

    private HomePartitions() {
    }

    static int of(String indicatorId) {
        return Utils.toPositive(Utils.murmur2(indicatorId.getBytes(StandardCharsets.UTF_8))) % COUNT;
    }
}
