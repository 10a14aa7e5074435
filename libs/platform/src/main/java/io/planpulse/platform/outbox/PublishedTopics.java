package io.planpulse.platform.outbox;

import java.util.List;

/** The topics a service publishes through its outbox; each service produces one such bean. */
public record PublishedTopics(List<TopicSpec> topics) {

    public PublishedTopics {
        topics = List.copyOf(topics);
    }
}
