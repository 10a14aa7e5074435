package io.planpulse.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A Kafka broker (KRaft, one node) in a process of its own, so that the suite can kill it as a
 * crash would and start it again on the same ports and log directory. Clients are told to connect
 * to {@code advertisedPort}: a fault proxy in front of the broker.
 */
final class Broker implements AutoCloseable {

    private final Path dir;
    private final Path log;
    private final int port;
    private Process process;

    private Broker(Path dir, Path log, int port) {
        this.dir = dir;
        this.log = log;
        this.port = port;
    }

    static Broker start(Path dir, Path log, int port, int controllerPort, int advertisedPort)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%d
                listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
                advertised.listeners=PLAINTEXT://127.0.0.1:%d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%s
                num.partitions=3
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=false
                """.formatted(controllerPort, port, controllerPort, advertisedPort, dir.resolve("data")));
        Broker broker = new Broker(dir, log, port);
        Process format = broker.java("kafka.tools.StorageTool", "format", "--cluster-id="
                + UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", config.toString()).start();
        if (format.waitFor() != 0) {
            throw new IllegalStateException("Kafka's storage could not be formatted: see " + log);
        }
        broker.start();
        return broker;
    }

    /** Starts the broker (again) and waits until it says it has started. */
    void start() throws IOException, InterruptedException {
        long from = Files.exists(log) ? Files.size(log) : 0;
        process = java("kafka.Kafka", dir.resolve("server.properties").toString()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).substring((int) from).contains("Kafka Server started")) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the Kafka broker did not start: see " + log);
    }

    /** Kills the broker as a crash would (SIGKILL). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    int port() {
        return port;
    }

    private ProcessBuilder java(String main, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Processes.java(), "-Xms128m", "-Xmx384m",
                "-Dlog4j2.configurationFile=broker-log4j2.properties",
                "-cp", Processes.classpath(), main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
