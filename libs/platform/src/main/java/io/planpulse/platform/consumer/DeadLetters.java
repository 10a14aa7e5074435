package io.planpulse.platform.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.planpulse.model.event.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Puts a record that cannot be read on {@code <topic>.dlq}, as it came, with the dead-letter headers
 * SmallRye writes (reason, cause, topic, partition, offset), and waits until Kafka has it. A
 * consumer makes one from the emitter of its service's dead-letter channel. Only records that cannot
 * be read go there: one that cannot be applied is tried again, and its consumer stops rather than
 * move past it. Each one sent counts in {@code planpulse.dead.letters} by dead-letter topic, the
 * counter the dead-letters alert reads; it exists (at 0) from the start, so the alert sees the first.
 */
public final class DeadLetters {

    private final Emitter<byte[]> emitter;
    private final Counter sent;

    /** Dead letters of the records of {@code topic}, which go to {@code <topic>.dlq}. */
    public DeadLetters(Emitter<byte[]> emitter, MeterRegistry registry, String topic) {
        this.emitter = emitter;
        this.sent = Counter.builder("planpulse.dead.letters").tag("topic", Topics.deadLetter(topic))
                .description("records that could not be read, sent to the dead-letter topic").register(registry);
    }

    /**
     * Reads one record; one that cannot be read ({@link IllegalArgumentException}) goes to the
     * dead-letter topic, and the result is empty.
     */
    public <T> Uni<Optional<T>> read(ConsumerRecord<String, byte[]> record, Function<ConsumerRecord<String, byte[]>, T> reader) {
        try {
            return Uni.createFrom().item(Optional.of(reader.apply(record)));
        } catch (IllegalArgumentException e) {
            return dead(record, e).replaceWith(Optional.empty());
        }
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
                dead = dead.chain(() -> dead(record, e));
            }
        }
        return dead.replaceWith(read);
    }

    private Uni<Void> dead(ConsumerRecord<String, byte[]> record, IllegalArgumentException reason) {
        Log.errorf("%s %s@%d: %s; to the dead-letter topic", record.topic(), record.key(), record.offset(),
                reason.getMessage());
        return send(record, reason);
    }

    private Uni<Void> send(ConsumerRecord<String, byte[]> record, Throwable reason) {
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
                    sent.increment();
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
