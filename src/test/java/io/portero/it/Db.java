package io.portero.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Direct access to the integration-test database, for what HTTP cannot show or do quickly: counting
 * rows, and moving a session's timestamps into the past instead of sleeping for minutes.
 */
public final class Db {

    private Db() {}

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                System.getProperty("portero.it.db.url", "jdbc:postgresql://127.0.0.1:5432/portero_it"),
                System.getProperty("portero.it.db.user", "postgres"),
                System.getProperty("portero.it.db.password", ""));
    }

    public static long count(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String string(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of a query, each as column label → value, in the query's column order. */
    public static List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData columns = rows.getMetaData();
                List<Map<String, Object>> result = new ArrayList<>();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns.getColumnCount(); c++) {
                        row.put(columns.getColumnLabel(c), rows.getObject(c));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            int updated = statement.executeUpdate();
            awaitViews(sql);
            return updated;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.regex.Pattern VIEWED_TABLES =
            java.util.regex.Pattern.compile("(?i)\\b(user_session|account)\\b");

    /**
     * A change made behind the nodes' backs reaches their views of live sessions through
     * PostgreSQL notifications within 100 ms (decision 0017): give it twice that before the test
     * goes on, as after a change on another node.
     */
    private static void awaitViews(String sql) {
        if (VIEWED_TABLES.matcher(sql).find()) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Moves a session's last activity this many seconds into the past. */
    public static void ageActivity(String sessionId, long seconds) {
        update(
                "UPDATE user_session SET last_activity_at = last_activity_at - make_interval(secs => ?) WHERE id = ?",
                (double) seconds,
                UUID.fromString(sessionId));
    }

    /** Moves a session's start this many seconds into the past (its activity stays where it is). */
    public static void ageStart(String sessionId, long seconds) {
        update(
                "UPDATE user_session SET started_at = started_at - make_interval(secs => ?) WHERE id = ?",
                (double) seconds,
                UUID.fromString(sessionId));
    }

    public static long liveRows(String username) {
        return count(
                "SELECT COUNT(*) FROM user_session s JOIN account a ON a.id = s.account_id "
                        + "WHERE a.username_key = lower(?) AND s.active",
                username);
    }

    /** Sessions of the user that ended for this reason ({@code IDLE_TIMEOUT}, ...). */
    public static long endedRows(String username, String reason) {
        return count(
                "SELECT COUNT(*) FROM user_session s JOIN account a ON a.id = s.account_id "
                        + "WHERE a.username_key = lower(?) AND NOT s.active AND s.end_reason = '" + reason + "'",
                username);
    }

    public static String endReason(String sessionId) {
        return string("SELECT end_reason FROM user_session WHERE id = ?", UUID.fromString(sessionId));
    }
}
