package io.planpulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Keycloak of {@code deploy/local/keycloak} in a process of its own: the server distribution that
 * folder's {@code pom.xml} names, unpacked into its {@code target/dist} once (by Maven) and started in
 * development mode with an in-memory database, so every start is a new, empty Keycloak with one
 * administrator. It needs a Java of 21 or newer: {@code PLANPULSE_KEYCLOAK_JAVA_HOME}, else the newest
 * such JDK under /usr/lib/jvm.
 */
public final class KeycloakServer implements AutoCloseable {

    /** The administrator of the master realm every start makes. */
    public static final String ADMIN = "admin";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path log;
    private final int port;
    private final String adminPassword;
    private Process process;

    private KeycloakServer(Path log, int port, String adminPassword) {
        this.log = log;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /** Starts a new Keycloak on a free port, its log in {@code log}, stopped with the JVM at the latest. */
    public static KeycloakServer startNew(Path root, Path log) {
        KeycloakServer server = new KeycloakServer(log, KafkaBroker.freePort(), randomPassword());
        server.start(root);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server;
    }

    /**
     * Starts a new Keycloak on {@code port} that outlives this JVM (the launcher's {@code up --sso}
     * stops it by its {@link #pid()}).
     */
    public static KeycloakServer startKept(Path root, Path log, int port) {
        KeycloakServer server = new KeycloakServer(log, port, randomPassword());
        server.start(root);
        return server;
    }

    /** The process to stop (kc.sh, which passes the signal on to Keycloak's JVM). */
    public long pid() {
        return process.pid();
    }

    private static String randomPassword() {
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** Where it answers, e.g. http://127.0.0.1:8180 (realms under /realms/NAME). */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String adminPassword() {
        return adminPassword;
    }

    private void start(Path root) {
        Path home = distribution(root);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--db=dev-mem", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--http-management-port=" + KafkaBroker.freePort(), "--hostname-strict=false"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", javaHome().toString());
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            env.remove("JAVA_TOOL_OPTIONS");
            long from = Files.exists(log) ? Files.size(log) : 0;
            process = builder.start();
            awaitStarted(from);
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start: see " + log, e);
        }
    }

    /** The unpacked distribution, unpacked by Maven when it is not there yet. */
    static synchronized Path distribution(Path root) {
        Path folder = root.resolve("deploy/local/keycloak");
        Path dist = folder.resolve("target/dist");
        Optional<Path> home = unpacked(dist);
        if (home.isEmpty()) {
            Path output = folder.resolve("target/unpack.log");
            try {
                Files.createDirectories(output.getParent());
                Process mvn = new ProcessBuilder(List.of(BrokerClasspath.maven(), "-B", "-q", "-f",
                        folder.resolve("pom.xml").toString(), "dependency:unpack"))
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!mvn.waitFor(15, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
                    throw new IllegalStateException("Maven could not unpack Keycloak: see " + output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            home = unpacked(dist);
        }
        return home.orElseThrow(() -> new IllegalStateException("no Keycloak distribution under " + dist));
    }

    private static Optional<Path> unpacked(Path dist) {
        if (!Files.isDirectory(dist)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(dist)) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/kc.sh"))).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDK of 21 or newer: PLANPULSE_KEYCLOAK_JAVA_HOME, this JVM if it is one, else the newest under /usr/lib/jvm. */
    static Path javaHome() {
        String given = System.getenv("PLANPULSE_KEYCLOAK_JAVA_HOME");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(j -> Files.isExecutable(j.resolve("bin/java")))
                    .filter(j -> feature(j) >= 21)
                    .max(Comparator.comparingInt(KeycloakServer::feature))
                    .orElseThrow(() -> new IllegalStateException("Keycloak needs Java 21 or newer: none under /usr/lib/jvm; "
                            + "set PLANPULSE_KEYCLOAK_JAVA_HOME"));
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak needs Java 21 or newer: set PLANPULSE_KEYCLOAK_JAVA_HOME", e);
        }
    }

    /** The feature version a JDK's release file names (0 when it names none). */
    private static int feature(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private void awaitStarted(long from) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            byte[] bytes = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
            if (bytes.length > from && new String(bytes, (int) from, bytes.length - (int) from, StandardCharsets.UTF_8)
                    .contains(" started in ")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited: see " + log);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Keycloak did not start within " + START_TIMEOUT + ": see " + log);
    }

    /** Stops Keycloak (kc.sh and the JVM it started), and waits until they are gone. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        process = null;
    }
}
