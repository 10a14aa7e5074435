package io.planpulse.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A further reporting-service process that the harness starts, with the services' JVM options, on
 * a database and in consumer groups it names, on a free port, logging to a file of its own.
 */
final class ReportingInstance implements AutoCloseable {

    private final Process process;
    private final int port;
    private final long startedAt;

    private ReportingInstance(Process process, int port, long startedAt) {
        this.process = process;
        this.port = port;
        this.startedAt = startedAt;
    }

    static ReportingInstance start(Settings s, String database, String group, String log) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String host = s.pgUrl().replaceAll("^jdbc:postgresql://([^/]+)/.*$", "$1");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(s.serviceJavaOptions());
        command.add("-jar");
        command.add(s.root().resolve("reporting-service/target/quarkus-app/quarkus-run.jar").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(s.logs().resolve(log).toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + host + "/" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + host + "/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", s.pgUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", s.pgPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafka());
        env.put("MP_MESSAGING_INCOMING_PLAN_TARGETS_GROUP_ID", group);
        env.put("MP_MESSAGING_INCOMING_INDICATOR_REPORTS_GROUP_ID", group);
        long startedAt = System.nanoTime();
        return new ReportingInstance(builder.start(), port, startedAt);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Seconds from the exec until the instance answers 200 at this health path; fails after {@code patience}. */
    double await(String path, Duration patience) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest check = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = startedAt + patience.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(check, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - startedAt) / 1e9;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(250); // each DOWN answer is a line in the instance's log
        }
        throw new IllegalStateException("a reporting-service the harness started did not answer " + path
                + " 200 within " + patience + " (see its log)");
    }

    double secondsSinceExec() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
