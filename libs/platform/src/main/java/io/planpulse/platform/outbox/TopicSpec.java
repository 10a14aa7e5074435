package io.planpulse.platform.outbox;

import java.util.Map;

/** A topic a service publishes, with the settings it is created with when missing (e.g. cleanup.policy). */
public record TopicSpec(String name, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }
}
