package io.planpulse.platform.error;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.SocketException;

/**
 * Tells a lost or refused database connection (PostgreSQL restarting, failing over, a network cut)
 * from a failure of the request itself: the first passes, and a retry may well succeed.
 */
public final class DatabaseFailures {

    private static final String NOT_ACTIVE = "Connection is not active now";

    private DatabaseFailures() {
    }

    /** Whether the failure, or any of its causes, is the database connection's. */
    public static boolean lostConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a socket's own failure: refused, reset, or a plain IOException such as "Broken pipe" from a write
            // (not its subclasses, which are the failures of a parser or a file)
            if (t instanceof ClosedConnectionException || t instanceof SocketException || t.getClass() == IOException.class) {
                return true;
            }
            // a query sent on a connection that closed meanwhile: the reactive client fails it with a bare
            // NoStackTraceThrowable (not an Exception), told apart only by its message
            if (t instanceof NoStackTraceThrowable && t.getMessage() != null
                    && t.getMessage().startsWith(NOT_ACTIVE)) {
                return true;
            }
            // class 08: connection exception; 57P01..57P03: the server is shutting down or starting up
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }
}
