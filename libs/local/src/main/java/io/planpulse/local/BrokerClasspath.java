package io.planpulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The broker's jars: the runtime classpath of {@code deploy/local/kafka/pom.xml}, asked of Maven once
 * and kept in that folder's {@code target/classpath.txt} until the pom changes. The broker never runs
 * from a service's classpath, whose kafka-clients version the Quarkus BOM pins: its Kafka version is
 * set in that one pom.
 */
public final class BrokerClasspath {

    private BrokerClasspath() {
    }

    public static synchronized String of(Path root) {
        Path folder = root.resolve("deploy/local/kafka");
        Path pom = folder.resolve("pom.xml");
        Path file = folder.resolve("target/classpath.txt");
        try {
            if (!Files.exists(file) || Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(pom)) < 0) {
                resolve(pom, file);
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void resolve(Path pom, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        // written aside and moved, so that another JVM never reads half a file
        Path partial = Files.createTempFile(file.getParent(), "classpath", ".partial");
        Path output = file.resolveSibling("classpath-resolve.log");
        Process mvn = new ProcessBuilder(List.of(maven(), "-B", "-q", "-f", pom.toString(),
                "dependency:build-classpath", "-Dmdep.outputFile=" + partial))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!mvn.waitFor(10, TimeUnit.MINUTES) || mvn.exitValue() != 0 || Files.size(partial) == 0) {
                throw new IllegalStateException("Maven could not resolve the Kafka broker's jars: see " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The Maven that runs this build (Surefire passes maven.home), else the one on the PATH. */
    static String maven() {
        String home = System.getProperty("maven.home");
        if (home != null && !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }
}
