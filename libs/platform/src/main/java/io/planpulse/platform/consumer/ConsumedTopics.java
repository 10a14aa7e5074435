package io.planpulse.platform.consumer;

import java.util.List;

/**
 * The topics a service consumes, under which consumer group, how far behind it may fall before
 * health says so, and which of them it must have read before it is ready to serve.
 */
public record ConsumedTopics(String groupId, List<String> topics, long maxLag, List<String> readBeforeReady) {

    public ConsumedTopics {
        topics = List.copyOf(topics);
        readBeforeReady = List.copyOf(readBeforeReady);
        if (!topics.containsAll(readBeforeReady)) {
            throw new IllegalArgumentException("only consumed topics can be read before ready: " + readBeforeReady);
        }
    }
}
