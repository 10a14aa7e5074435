package io.planpulse.chaos;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The suite's own PostgreSQL cluster (never the machine's): one data directory and one port for
 * its whole life, so that a restart brings the same databases back where the services look for
 * them.
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

    private EmbeddedPostgres.Builder builder(int fixedPort) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200");
        return fixedPort == 0 ? builder : builder.setPort(fixedPort);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
