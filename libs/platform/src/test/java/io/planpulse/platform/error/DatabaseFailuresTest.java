package io.planpulse.platform.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void aLostOrRefusedConnectionIsTheDatabases() {
        assertTrue(DatabaseFailures.lostConnection(ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseFailures.lostConnection(new SocketException("Connection reset")));
        assertTrue(DatabaseFailures.lostConnection(new IOException("Broken pipe")));
        assertTrue(DatabaseFailures.lostConnection(new CompletionException(new ConnectException("Connection refused"))));
        assertTrue(DatabaseFailures.lostConnection(new RuntimeException("wrapped", new SocketException("reset"))));
        assertTrue(DatabaseFailures.lostConnection(new PgException("terminating connection due to administrator command",
                "FATAL", "57P01", null)));
        assertTrue(DatabaseFailures.lostConnection(new PgException("the database system is starting up", "FATAL",
                "57P03", null)));
        assertTrue(DatabaseFailures.lostConnection(new PgException("connection failure", "FATAL", "08006", null)));
        assertTrue(DatabaseFailures.lostConnection(
                new io.vertx.core.impl.NoStackTraceThrowable("Connection is not active now, current status: CLOSED")));
    }

    @Test
    void aFailureOfTheRequestItselfIsNot() {
        assertFalse(DatabaseFailures.lostConnection(new PgException("duplicate key", "ERROR", "23505", null)));
        assertFalse(DatabaseFailures.lostConnection(new PgException("invalid byte sequence", "ERROR", "22021", null)));
        assertFalse(DatabaseFailures.lostConnection(new IllegalStateException("a bug")));
        assertFalse(DatabaseFailures.lostConnection(new com.fasterxml.jackson.core.JsonParseException(null, "not JSON")));
        assertFalse(DatabaseFailures.lostConnection(new RuntimeException()));
        assertFalse(DatabaseFailures.lostConnection(new io.vertx.core.impl.NoStackTraceThrowable("Result is already complete")));
    }
}
