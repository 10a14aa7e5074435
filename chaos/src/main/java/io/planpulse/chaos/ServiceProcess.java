package io.planpulse.chaos;

import java.io.IOException;
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

/** One instance of a service, from its built jar, as a process with a fixed port and settings. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final Path log;
    private final int port;
    private final Map<String, String> env;
    private Process process;

    ServiceProcess(String name, Path jar, Path log, int port, Map<String, String> env) {
        this.name = name;
        this.jar = jar;
        this.log = log;
        this.port = port;
        this.env = Map.copyOf(env);
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The process's resident memory now, in KiB (VmRSS), or 0 when it is not running. */
    long residentKib() {
        if (!alive()) {
            return 0;
        }
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return 0;
        } catch (IOException e) {
            return 0; // it has just stopped
        }
    }

    /** Starts the instance and waits until its readiness check answers UP. */
    void start() throws IOException, InterruptedException {
        launch();
        awaitReady(Duration.ofSeconds(120));
    }

    /** Starts the instance's process; {@link #awaitReady} waits for it. */
    void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        process = builder.start();
    }

    /** Kills the instance as a crash would (SIGKILL). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Asks the instance to stop (SIGTERM) and waits until it has. */
    void stop(Duration patience) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /**
     * Asks the instance to stop (SIGTERM) and waits until it has; fails unless its readiness check
     * answered DOWN while the process was still running and serving, before it stopped.
     */
    void stopGracefully(Duration patience) throws InterruptedException {
        process.destroy();
        boolean readinessWentDown = false;
        long deadline = System.nanoTime() + patience.toNanos();
        while (process.isAlive() && !readinessWentDown && System.nanoTime() - deadline < 0) {
            try {
                readinessWentDown = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 503;
            } catch (IOException e) {
                break;
            }
            Thread.sleep(100);
        }
        stop(patience);
        if (!readinessWentDown) {
            throw new IllegalStateException(name + " stopped without first answering its readiness check DOWN");
        }
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting: see " + log);
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ": see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            stop(Duration.ofSeconds(30));
        }
    }
}
