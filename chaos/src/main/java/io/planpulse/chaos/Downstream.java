package io.planpulse.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What reporting-service published, read from the beginning of each of its topics: for one key,
 * versions only rise in the order a subscriber reads them, and a version seen twice (the outbox
 * relay delivers at least once) carries the same content both times. A version published twice
 * with different content, or a version lower than one already read, would make subscribers
 * disagree with each other and with the service.
 */
record Downstream(Map<String, Long> events, Map<String, Long> redelivered, List<String> problems) {

    static final List<String> TOPICS = List.of("indicator.progress.v1", "progress.alerts.v1", "plan.rollups.v1");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Downstream read(String bootstrapServers) throws IOException {
        Map<String, Long> events = new HashMap<>();
        Map<String, Long> redelivered = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (String topic : TOPICS) {
            Judge judge = new Judge(topic);
            TopicRecords.fromStart(bootstrapServers, topic, record -> judge.next(record.key(), record.value()));
            events.put(topic, judge.events);
            redelivered.put(topic, judge.redelivered);
            problems.addAll(judge.problems);
        }
        return new Downstream(events, redelivered, problems);
    }

    /** One topic's records in the order a subscriber reads them (a key lives on one partition). */
    static final class Judge {

        private final String topic;
        private final Map<String, Integer> highest = new HashMap<>();
        private final Map<String, byte[]> contentOfHighest = new HashMap<>();
        private final List<String> problems = new ArrayList<>();
        private long events;
        private long redelivered;

        Judge(String topic) {
            this.topic = topic;
        }

        void next(String key, byte[] value) throws IOException {
            if (value == null) {
                return; // a tombstone: the key was removed
            }
            events++;
            JsonNode event = JSON.readTree(value);
            if (!event.path("version").isInt()) {
                problems.add("unversioned: " + topic + " key " + key + " has no version: " + new String(value,
                        java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            int version = event.get("version").asInt();
            Integer before = highest.get(key);
            if (before != null && version < before) {
                problems.add("went back: " + topic + " key " + key + " version " + version + " after version " + before);
            } else if (before != null && version == before) {
                redelivered++;
                if (!Arrays.equals(contentOfHighest.get(key), value)) {
                    problems.add("duplicated: " + topic + " key " + key + " version " + version
                            + " published twice with different content");
                }
            } else {
                highest.put(key, version);
                contentOfHighest.put(key, value);
            }
        }

        List<String> problems() {
            return problems;
        }
    }
}
