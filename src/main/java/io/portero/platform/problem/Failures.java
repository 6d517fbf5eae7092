package io.portero.platform.problem;

import io.portero.platform.http.BodyTooLargeException;
import io.portero.platform.http.RequestBodyReading;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.resource.ResourceException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Classifies what went wrong with a request from the exception the runtime threw. */
public final class Failures {

    private Failures() {}

    static String codeFor(Throwable e, int status) {
        if (causedBy(e, BodyTooLargeException.class)) {
            return "payload_too_large";
        }
        return switch (status) {
            case 400 -> isMalformedBody(e) ? "malformed_json" : "bad_request";
            case 401 -> "not_authenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "bad_request";
        };
    }

    /** A 400 from reading the body: the body interceptor's verdict, or the runtime's own JSON failure. */
    static boolean isMalformedBody(Throwable e) {
        return e instanceof RequestBodyReading.MalformedBodyException
                || causedBy(e, JsonbException.class)
                || causedBy(e, JsonParsingException.class)
                || causedBy(e, JsonException.class);
    }

    /**
     * The database cannot be reached: a JDBC connection failure (SQLState class 08), a refused or
     * broken socket, or the pool unable to hand out a connection.
     */
    public static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || isServerShuttingDown(sql.getSQLState()))) {
                return true;
            }
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException
                    || t instanceof ResourceException) {
                return true;
            }
        }
        return false;
    }

    /**
     * PostgreSQL's admin_shutdown, crash_shutdown and cannot_connect_now (57P01..57P03): the server
     * is stopping, restarting or starting, which a client sees as the database being away.
     */
    private static boolean isServerShuttingDown(String sqlState) {
        return sqlState.equals("57P01") || sqlState.equals("57P02") || sqlState.equals("57P03");
    }

    /**
     * A unique key refused an insert or update (SQLState 23505, the same on PostgreSQL and H2), as
     * opposed to any other database error, which must not be mistaken for a duplicate.
     */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if ("23505".equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether {@code e} or any of its causes is a {@code type}. */
    public static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
