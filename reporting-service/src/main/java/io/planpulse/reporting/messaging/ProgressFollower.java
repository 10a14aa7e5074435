package io.planpulse.reporting.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.reporting.board.LiveChanges;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows indicator.progress.v1 from its end, in a consumer group of this instance's own, and hands
 * each change to the open boards. Nothing is stored and no offset matters: a board that missed a
 * change while closed reads the current state when it opens.
 */
@ApplicationScoped
public class ProgressFollower {

    private final LiveChanges live;
    private final ObjectMapper json;

    public ProgressFollower(LiveChanges live, ObjectMapper json) {
        this.live = live;
        this.json = json;
    }

    @Incoming("board-progress")
    public void follow(ConsumerRecord<String, byte[]> record) {
        if (!live.watched()) {
            return; // every instance reads every change; while no board is open here, none is worth parsing
        }
        if (record.value() == null) {
            live.publish(new LiveChanges.Change(null, record.key(), null, 0));
            return;
        }
        try {
            JsonNode doc = json.readTree(record.value());
            live.publish(new LiveChanges.Change(doc.path("planId").asText(null), record.key(),
                    doc.path("status").asText(null), doc.path("version").asInt()));
        } catch (IOException e) {
            Log.debugf("indicator.progress.v1 %s: not a progress document (%s); the boards skip it", record.key(),
                    e.getMessage());
        }
    }
}
