package io.planpulse.bench;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.postgresql.PGConnection;

/**
 * What the raw paths do on this machine, in the same run: PostgreSQL (single-row commits from 8
 * clients, a prepared 500-row INSERT, COPY) into a scratch table shaped like a report revision, in a
 * scratch database; Kafka (a producer and a consumer of 300-byte records) on a scratch topic.
 */
final class Calibration {

    /** Rows or records per second of each raw path. */
    record Figures(double singleRowCommits, double insert500, double copy, double kafkaProduce, double kafkaConsume) {
    }

    private static final String TABLE = """
            create table if not exists bench_scratch (
                indicator_id varchar(64) not null, period varchar(16) not null, revision integer not null,
                value numeric, provisional boolean not null, received_at timestamptz not null, reason varchar(500))""";

    private Calibration() {
    }

    static Figures run(Settings s) throws Exception {
        String scratch = scratchDatabase(s);
        double single = singleRowCommits(scratch, s, 8, s.step());
        double insert = insert500(scratch, s, s.step());
        double copy = copy(scratch, s, s.quick() ? 200_000 : 1_000_000);
        double[] kafka = kafka(s, s.quick() ? 300_000 : 2_000_000);
        return new Figures(single, insert, copy, kafka[0], kafka[1]);
    }

    /** Creates (or empties) the scratch database planpulse_bench and its table; its JDBC URL. */
    private static String scratchDatabase(Settings s) throws SQLException {
        try (Connection c = DriverManager.getConnection(s.pgUrl(), s.pgUser(), s.pgPassword());
             Statement st = c.createStatement()) {
            if (!st.executeQuery("select 1 from pg_database where datname = 'planpulse_bench'").next()) {
                st.execute("create database planpulse_bench");
            }
        }
        String url = s.pgUrl("planpulse_bench");
        try (Connection c = DriverManager.getConnection(url, s.pgUser(), s.pgPassword()); Statement st = c.createStatement()) {
            st.execute(TABLE);
            st.execute("truncate bench_scratch");
        }
        return url;
    }

    private static double singleRowCommits(String url, Settings s, int clients, Duration duration) throws Exception {
        AtomicLong rows = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + duration.toNanos();
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int client = 0; client < clients; client++) {
            int id = client;
            done.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, s.pgUser(), s.pgPassword());
                     PreparedStatement insert = c.prepareStatement("insert into bench_scratch values (?, ?, ?, ?, ?, ?, ?)")) {
                    c.setAutoCommit(true);
                    for (long i = 0; System.nanoTime() < end; i++) {
                        bind(insert, 1, "C" + id + "-" + (i % 200), i);
                        insert.executeUpdate();
                        rows.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return rows.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static double insert500(String url, Settings s, Duration duration) throws SQLException {
        StringBuilder sql = new StringBuilder("insert into bench_scratch values ");
        for (int r = 0; r < 500; r++) {
            sql.append(r == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
        }
        long rows = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (Connection c = DriverManager.getConnection(url, s.pgUser(), s.pgPassword());
             PreparedStatement insert = c.prepareStatement(sql.toString())) {
            for (long batch = 0; System.nanoTime() < end; batch++) {
                for (int r = 0; r < 500; r++) {
                    bind(insert, r * 7 + 1, "B-" + r, batch);
                }
                insert.executeUpdate();
                rows += 500;
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private static double copy(String url, Settings s, int rows) throws Exception {
        StringBuilder data = new StringBuilder(rows * 60);
        String now = Instant.now().toString();
        for (int i = 0; i < rows; i++) {
            data.append("CP-").append(i % 20_000).append(",2024-0").append(1 + i % 9).append(',').append(1 + i / 20_000)
                    .append(',').append(i % 1000).append(".5,false,").append(now).append(",\n");
        }
        try (Connection c = DriverManager.getConnection(url, s.pgUser(), s.pgPassword())) {
            long start = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_scratch from stdin (format csv)",
                    new StringReader(data.toString()));
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void bind(PreparedStatement p, int at, String indicator, long n) throws SQLException {
        p.setString(at, indicator);
        p.setString(at + 1, "2024-" + String.format("%02d", 1 + n % 12));
        p.setInt(at + 2, (int) (1 + n / 12));
        p.setBigDecimal(at + 3, BigDecimal.valueOf(n % 100_000, 1));
        p.setBoolean(at + 4, false);
        p.setTimestamp(at + 5, Timestamp.from(Instant.now()));
        p.setString(at + 6, null);
    }

    /** Records per second of a raw producer (acks=all, idempotent) and a raw consumer, 300-byte values. */
    private static double[] kafka(Settings s, int records) throws Exception {
        String topic = "planpulse.bench.scratch";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", s.kafka()))) {
            if (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                Thread.sleep(2000);
            }
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        byte[] value = new byte[300];
        java.util.Arrays.fill(value, (byte) 'x');
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafka());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
        double produced;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, Integer.toString(i % 20_000).getBytes(), value));
            }
            producer.flush();
            produced = records / ((System.nanoTime() - start) / 1e9);
        }
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafka());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "planpulse-bench-" + System.nanoTime());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        double consumed;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long seen = 0;
            long start = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (seen < records && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (start == 0 && !batch.isEmpty()) {
                    start = System.nanoTime();
                }
                seen += batch.count();
            }
            consumed = seen / ((System.nanoTime() - start) / 1e9);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", s.kafka()))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
        return new double[] {produced, consumed};
    }
}
