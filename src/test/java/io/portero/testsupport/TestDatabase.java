package io.portero.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Run by Maven before the integration tests: (re)creates the test database on the PostgreSQL
 * server the tests use, or stops the build at once with a message saying how to start one.
 */
public final class TestDatabase {

    private TestDatabase() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        String port = args[1];
        String user = args[2];
        String password = args.length > 3 ? args[3] : "";
        String database = args.length > 4 ? args[4] : "portero_it";
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("test database name must be a plain identifier: " + database);
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("connectTimeout", "5");
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        // The driver itself, not DriverManager: Maven runs each exec:java execution in its own class
        // loader within one JVM, and DriverManager only hands out the driver the first one loaded.
        try (Connection connection = new org.postgresql.Driver().connect(url, credentials);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
            System.out.println("[portero] fresh test database " + database + " on " + host + ":" + port);
        } catch (SQLException e) {
            throw new IllegalStateException("""

                    PostgreSQL is not reachable at %s:%s as user '%s' (%s).
                    The integration tests need a real PostgreSQL. Start one, for example:
                      Debian/Ubuntu:  sudo pg_ctlcluster $(ls /etc/postgresql) main start
                      Docker:         docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16
                    or point the tests elsewhere with PORTERO_IT_DB_HOST, PORTERO_IT_DB_PORT,
                    PORTERO_IT_DB_USER and PORTERO_IT_DB_PASSWORD.
                    """.formatted(host, port, user, e.getMessage()), e);
        }
    }
}
