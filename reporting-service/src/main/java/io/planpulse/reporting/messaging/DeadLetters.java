package io.planpulse.reporting.messaging;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Puts a record that cannot be read on {@code <topic>.dlq}, as it came, with the dead-letter headers
 * SmallRye writes (reason, cause, topic, partition, offset), and waits until Kafka has it.
 */
@ApplicationScoped
public class DeadLetters {

    private final Emitter<byte[]> emitter;

    public DeadLetters(@Channel("dead-letters") Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /**
     * Reads every record of a batch; one that cannot be read ({@link IllegalArgumentException}) goes
     * to the dead-letter topic, and the batch goes on without it.
     */
    public <T> Uni<List<T>> readAll(ConsumerRecords<String, byte[]> records, Function<ConsumerRecord<String, byte[]>, T> reader) {
        List<T> read = new ArrayList<>();
        Uni<Void> dead = Uni.createFrom().voidItem();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                read.add(reader.apply(record));
            } catch (IllegalArgumentException e) {
                Log.errorf("%s %s@%d: %s; to the dead-letter topic", record.topic(), record.key(), record.offset(),
                        e.getMessage());
                dead = dead.chain(() -> send(record, e));
            }
        }
        return dead.replaceWith(read);
    }

    public Uni<Void> send(ConsumerRecord<String, byte[]> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        header(headers, "dead-letter-reason", reason.getMessage());
        if (reason.getCause() != null) {
            header(headers, "dead-letter-cause", reason.getCause().getMessage());
        }
        header(headers, "dead-letter-topic", record.topic());
        header(headers, "dead-letter-partition", Integer.toString(record.partition()));
        header(headers, "dead-letter-offset", Long.toString(record.offset()));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic() + ".dlq").withKey(record.key()).withHeaders(headers).build();
        return Uni.createFrom().emitter(done -> emitter.send(Message.of(record.value())
                .addMetadata(metadata)
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    done.fail(failure);
                    return CompletableFuture.completedFuture(null);
                })));
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.remove(key);
        headers.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
