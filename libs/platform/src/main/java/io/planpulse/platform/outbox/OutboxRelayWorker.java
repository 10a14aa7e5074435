package io.planpulse.platform.outbox;

import io.planpulse.model.event.CloudEventHeaders;
import io.quarkus.logging.Log;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Relays the outbox to Kafka. Only the worker that holds the PostgreSQL advisory lock publishes, on
 * a connection of its own (the lock goes when the connection does, e.g. when the process dies).
 * It publishes in outbox order with an idempotent producer, waits for every acknowledgement, and
 * only then deletes the rows: an event is published at least once, never lost.
 */
public final class OutboxRelayWorker implements Runnable {

    private static final String FETCH = "select id, topic, message_key, event_type, event_id, subject, occurred_at, "
            + "version, payload from outbox order by id limit ?";
    private static final String DELETE = "delete from outbox where id = any (?)";
    /*
     * The relay deletes what it published in rounds of thousands, so between two vacuums the outbox's
     * heap is mostly dead rows: counting them (a scan of the whole heap, 0.45 s at a million dead
     * rows) every second took the relay's own time while it was furthest behind. Both figures come
     * from the ends of the primary key instead: the events waiting as the span of their ids, an upper
     * bound (an insert rolled back leaves a gap) that is 0 exactly when the outbox is empty, and the
     * age of the one at its head. No row: nothing waits.
     */
    private static final String STATS = "select (select max(id) from outbox) - head.id + 1, "
            + "extract(epoch from now() - head.created_at) * 1000 "
            + "from (select id, created_at from outbox order by id limit 1) head";
    private static final long STATS_INTERVAL_MS = 1000;
    private static final long MAX_BACKOFF_MS = 10_000;

    private final String name;
    private final RelaySettings settings;
    private final OutboxStats stats;
    private volatile boolean running = true;
    private volatile boolean active;
    private KafkaProducer<String, byte[]> producer;
    private long statsDueAt;

    public OutboxRelayWorker(String name, RelaySettings settings, OutboxStats stats) {
        this.name = name;
        this.settings = settings;
        this.stats = stats;
    }

    /** True while this worker holds the lock and publishes. */
    public boolean isActive() {
        return active;
    }

    /** Asks the worker to finish its round and let go of the lock. */
    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        long backoff = 500;
        while (running) {
            try {
                lead();
                backoff = 500;
            } catch (Exception e) {
                stats.failed();
                Log.warnf("outbox relay %s: %s; retrying in %d ms", name, describe(e), backoff);
            } finally {
                active = false;
                closeProducer();
            }
            if (running) {
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private void lead() throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        try (Connection connection = connect()) {
            while (running && !tryLock(connection)) {
                refreshStats(connection);
                sleep(Math.max(500, settings.pollInterval().toMillis()));
            }
            if (!running) {
                return;
            }
            active = true;
            Log.infof("outbox relay %s is the active relay", name);
            while (running) {
                refreshStats(connection);
                List<Row> rows = fetch(connection);
                if (rows.isEmpty()) {
                    sleep(settings.pollInterval().toMillis());
                    continue;
                }
                publish(rows);
                delete(connection, rows);
                stats.published(rows.size());
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", settings.username());
        props.setProperty("password", settings.password());
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", settings.service() + " outbox relay");
        Connection connection = DriverManager.getConnection(settings.jdbcUrl(), props);
        connection.setAutoCommit(true);
        return connection;
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, settings.lockKey());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void refreshStats(Connection connection) throws SQLException {
        long now = System.currentTimeMillis();
        if (now < statsDueAt) {
            return;
        }
        statsDueAt = now + STATS_INTERVAL_MS;
        try (PreparedStatement statement = connection.prepareStatement(STATS); ResultSet rs = statement.executeQuery()) {
            boolean waiting = rs.next();
            stats.observe(waiting ? rs.getLong(1) : 0, waiting ? rs.getLong(2) : 0, Instant.ofEpochMilli(now));
        }
    }

    private record Row(long id, String topic, String key, String type, UUID eventId, String subject, Instant occurredAt,
                       int version, byte[] payload) {
    }

    private List<Row> fetch(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(FETCH)) {
            statement.setInt(1, settings.batchSize());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Timestamp occurred = rs.getTimestamp(7);
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, UUID.class), rs.getString(6), occurred.toInstant(), rs.getInt(8),
                            rs.getBytes(9))); // a text column's bytes as the server sent them: UTF-8, not decoded
                }
            }
        }
        return rows;
    }

    private void publish(List<Row> rows) throws InterruptedException, ExecutionException, TimeoutException {
        KafkaProducer<String, byte[]> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            acks.add(p.send(record(row)));
        }
        p.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
    }

    /** A CloudEvents 1.0 record in Kafka binary mode; a row without payload is a tombstone. */
    private ProducerRecord<String, byte[]> record(Row row) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(headers, CloudEventHeaders.ID, row.eventId().toString());
        header(headers, CloudEventHeaders.SOURCE, CloudEventHeaders.source(settings.service()));
        header(headers, CloudEventHeaders.TYPE, row.type());
        header(headers, CloudEventHeaders.TIME, row.occurredAt().toString());
        header(headers, CloudEventHeaders.SUBJECT, row.subject());
        header(headers, CloudEventHeaders.VERSION, Integer.toString(row.version()));
        byte[] value = null;
        if (row.payload() != null) {
            header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            value = row.payload();
        }
        return new ProducerRecord<>(row.topic(), null, row.key(), value, headers);
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private void delete(Connection connection, List<Row> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DELETE)) {
            statement.setArray(1, connection.createArrayOf("bigint", rows.stream().map(Row::id).toArray(Long[]::new)));
            statement.executeUpdate();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(settings.kafka());
            config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.service() + "-outbox-" + name);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(java.time.Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                Log.debugf("closing the relay's producer: %s", e.getMessage());
            }
            producer = null;
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
