package io.planpulse.reporting.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.planpulse.local.KafkaBroker;
import io.planpulse.model.event.CloudEventHeaders;
import io.planpulse.testing.InjectKafkaBroker;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A rebuild takes the last document of every key from a topic that compaction has not yet thinned. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class PublishedTopicsTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    PublishedTopics published;

    @Test
    void eachKeysLastDocumentIsHandedOnceInSlicesAndAKeyEndingInATombstoneNotAtAll() throws Exception {
        String topic = "published-topics-test";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int version = 1; version <= 3; version++) { // every key's versions interleaved with the others'
                for (int k = 0; k < 10; k++) {
                    boolean tombstone = k == 9 && version == 3;
                    send(producer, topic, "k" + k, version, tombstone ? null : "k" + k + "-" + version);
                }
            }
            send(producer, topic, "k9", 4, null); // a second tombstone changes nothing
        }

        List<Integer> sliceSizes = new ArrayList<>();
        Map<String, String> taken = new TreeMap<>();
        long handed = published.eachLast(topic, 4, false, slice -> {
            sliceSizes.add(slice.size());
            for (PublishedTopics.Last last : slice) {
                String document = new String(last.payload(), StandardCharsets.UTF_8);
                assertEquals(null, taken.put(last.key(), document + " v" + last.version()), "handed twice: " + last.key());
            }
        });

        Map<String, String> expected = new TreeMap<>();
        for (int k = 0; k < 9; k++) {
            expected.put("k" + k, "k" + k + "-3 v3");
        }
        assertEquals(expected, taken);
        assertEquals(9, handed);
        assertTrue(sliceSizes.stream().allMatch(n -> n >= 1 && n <= 4), "slices of at most 4: " + sliceSizes);

        Map<String, Integer> withTombstones = new TreeMap<>();
        published.eachLast(topic, 4, true, slice -> slice.forEach(last -> withTombstones.put(last.key(),
                last.payload() == null ? -last.version() : last.version())));
        assertEquals(-4, withTombstones.get("k9"), "a key ending in a tombstone, with the tombstone's version");
        assertEquals(3, withTombstones.get("k0"));
        assertEquals(10, withTombstones.size());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, int version, String document)
            throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.VERSION, Integer.toString(version).getBytes(StandardCharsets.UTF_8));
        byte[] value = document == null ? null : document.getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(10, TimeUnit.SECONDS);
    }
}
