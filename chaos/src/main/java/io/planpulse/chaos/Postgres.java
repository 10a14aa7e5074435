package io.planpulse.chaos;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The suite's own PostgreSQL cluster (never the machine's): one data directory and one port for
 * its whole life, so that a restart brings the same databases back where the services look for
 * them. It keeps its promises as production's does: synchronous commit, fsync and full-page writes
 * on.
 */
final class Postgres implements AutoCloseable {

    private final Path dataDirectory;
    private int port;
    private EmbeddedPostgres server;

    private Postgres(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    static Postgres start(Path dataDirectory) throws IOException {
        Postgres postgres = new Postgres(dataDirectory);
        postgres.server = postgres.builder(0).start();
        postgres.port = postgres.server.getPort();
        return postgres;
    }

    int port() {
        return port;
    }

    void createDatabase(String name) throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
    }

    /** The suite's own way into a database (not through a fault proxy). */
    DataSource dataSource(String db) {
        return server.getDatabase("postgres", db);
    }

    /** Stops the server (fast shutdown: sessions are ended, committed work is kept) and starts it again. */
    void restart() throws IOException {
        server.close();
        server = builder(port).start();
    }

    /**
     * Crashes the server: SIGKILL to the postmaster and every process it started, at once, as a
     * kernel's OOM killer or a pulled plug would leave them (no shutdown checkpoint, WAL not
     * flushed beyond what commits forced), then starts it again on the same data, which runs crash
     * recovery. What a commit promised must survive that; what a process kill cannot show is a lost
     * write cache: the page cache outlives the processes, so fsync against power loss is not tested.
     */
    void crash() throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        List<ProcessHandle> all = new ArrayList<>();
        ProcessHandle.of(postmaster).ifPresent(p -> {
            all.add(p);
            all.addAll(p.descendants().toList());
        });
        for (ProcessHandle p : all) {
            new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).start().waitFor();
        }
        for (ProcessHandle p : all) {
            p.onExit().join();
        }
        // lets go of the data directory's lock; its attempt to stop the dead server fails, and says so in the log
        server.close();
        server = builder(port).start();
    }

    private EmbeddedPostgres.Builder builder(int fixedPort) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200")
                // as production runs: a commit is on disk before it is acknowledged (the embedded
                // builder turns all three off, for speed)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on");
        return fixedPort == 0 ? builder : builder.setPort(fixedPort);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
