package io.planpulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka broker of {@code deploy/local/kafka} (KRaft, one node) in a process of its own: its
 * configuration is that folder's {@code server.properties}, its jars that folder's {@code pom.xml}
 * (resolved by {@link BrokerClasspath}), so every broker planpulse runs on one machine is the same
 * broker. On first start its storage is formatted and the registry's topics are created. It can be
 * stopped (SIGTERM), killed (SIGKILL) and started again on the same ports and data.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path root;
    private final Path dir;
    private final Path log;
    private final int port;
    private Process process;

    private KafkaBroker(Path root, Path dir, Path log, int port) {
        this.root = root;
        this.dir = dir;
        this.log = log;
        this.port = port;
    }

    /**
     * Formats a new broker's storage under {@code dir}, starts it and creates the topics. Clients are
     * told to connect to {@code advertisedPort}: the broker's own port, or a proxy in front of it.
     */
    public static KafkaBroker start(Path root, Path dir, Path log, int port, int advertisedPort) {
        try {
            return startConfigured(root, dir, log, port, configuration(root, Map.of(
                    "PORT", Integer.toString(port),
                    "CONTROLLER_PORT", Integer.toString(freePort()),
                    "ADVERTISED_PORT", Integer.toString(advertisedPort),
                    "DATA_DIR", dir.resolve("data").toAbsolutePath().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Formats a new broker's storage under {@code dir} with a configuration of the caller's (its data in
     * {@code dir/data}), starts it and creates the topics through {@code port}, a listener that takes
     * the topic creation without credentials. The same jars as every other broker: for a broker set up
     * as a cluster's, with its listeners and authorizer.
     */
    public static KafkaBroker startConfigured(Path root, Path dir, Path log, int port, String configuration) {
        KafkaBroker broker = new KafkaBroker(root, dir, log, port);
        broker.format(configuration);
        broker.start();
        LocalTopics.create(broker.bootstrapServers());
        return broker;
    }

    /** A new broker on free ports, its data and log under {@code dir}, stopped with the JVM at the latest. */
    public static KafkaBroker startNew(Path root, Path dir) {
        int port = freePort();
        KafkaBroker broker = start(root, dir, dir.resolve("broker.log"), port, port);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::kill));
        return broker;
    }

    /** The broker's own address (not the advertised one). */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker (again) and waits until it says it has started. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            long from = Files.exists(log) ? Files.size(log) : 0;
            process = java("kafka.Kafka", dir.resolve("server.properties").toString()).start();
            awaitStarted(from);
        } catch (IOException e) {
            throw new UncheckedIOException("the Kafka broker did not start: see " + log, e);
        }
    }

    /** Stops the broker the way an operator would (SIGTERM), and waits until it is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills the broker as a crash would (SIGKILL), and waits until it is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** This folder's server.properties with its ${...} names replaced. */
    static String configuration(Path root, Map<String, String> values) throws IOException {
        String text = Files.readString(root.resolve("deploy/local/kafka/server.properties"), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("${" + value.getKey() + "}", value.getValue());
        }
        int unknown = text.indexOf("${");
        if (unknown >= 0) {
            throw new IllegalStateException("deploy/local/kafka/server.properties names a value nobody gives: "
                    + text.substring(unknown, text.indexOf('}', unknown) + 1));
        }
        return text;
    }

    private void format(String configuration) {
        try {
            Files.createDirectories(dir);
            Files.createDirectories(log.toAbsolutePath().getParent());
            Path config = dir.resolve("server.properties");
            Files.writeString(config, configuration);
            Process format = java("kafka.tools.StorageTool", "format", "--cluster-id=" + randomClusterId(),
                    "-c", config.toString()).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("Kafka's storage could not be formatted: see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Kafka cluster id: 16 random bytes in URL-safe base64 without padding. */
    private static String randomClusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms128m", "-Xmx384m",
                "-Dlog4j2.configurationFile=" + root.resolve("deploy/local/kafka/log4j2.properties"),
                "-cp", BrokerClasspath.of(root), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /** Waits until the log, past {@code from}, says the server started (the launcher waits for the same line). */
    private void awaitStarted(long from) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            byte[] bytes = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
            if (bytes.length > from && new String(bytes, (int) from, bytes.length - (int) from, StandardCharsets.UTF_8)
                    .contains("Kafka Server started")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited: see " + log);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the Kafka broker did not start within " + START_TIMEOUT + ": see " + log);
    }

    /** A port nobody listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
