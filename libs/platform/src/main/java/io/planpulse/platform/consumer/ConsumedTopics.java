package io.planpulse.platform.consumer;

import java.util.List;

/** The topics a service consumes, under which consumer group, and how far behind it may fall before health says so. */
public record ConsumedTopics(String groupId, List<String> topics, long maxLag) {

    public ConsumedTopics {
        topics = List.copyOf(topics);
    }
}
