package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.testsupport.TcpRelay;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node whose database goes away and comes back: readiness follows the database, requests in
 * between get a clear 503 instead of a stack trace, and service resumes by itself. The node is an
 * {@link ExtraNode} of the execution's server (Payara Micro, or WildFly with its readiness on the
 * node's management port), its database reached through a {@link TcpRelay} the test cuts.
 *
 * <p>It runs on both servers because the pools differ: Payara validates its connections and drops
 * them all after a failure ({@code fish.payara.*} properties of {@code PorteroDatabase}), while
 * WildFly builds the pool of a {@code @DataSourceDefinition} with no validation and no exception
 * sorter and keeps a broken connection for good; there each connection heals itself
 * ({@code SelfHealingConnection}). The time from the database's return to readiness UP and to the
 * first successful login is printed, for docs/operations.md.
 */
class DatabaseOutageIT extends IntegrationTest {

    private static Duration awaitReadiness(Api api, int status) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(Duration.ofSeconds(60));
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = api.health("health/ready").status();
            if (last == status) {
                return Duration.between(start, Instant.now());
            }
            Thread.sleep(500);
        }
        assertEquals(status, last, "readiness did not reach " + status);
        return Duration.between(start, Instant.now());
    }

    @Test
    void readinessFollowsTheDatabaseAndServiceResumesWhenItReturns() throws Exception {
        String user = newUser("outage");
        String database = System.getProperty("portero.it.db.url", "jdbc:postgresql://127.0.0.1:5432/portero_it");
        URL jdbc = new URL(database.replaceFirst("^jdbc:postgresql:", "http:"));
        try (TcpRelay relay = new TcpRelay(jdbc.getPort() > 0 ? jdbc.getPort() : 5432);
                ExtraNode node = ExtraNode.start(
                        "outage-node",
                        Map.of(
                                "DB_URL",
                                "jdbc:postgresql://127.0.0.1:" + relay.port() + jdbc.getPath()
                                        + "?connectTimeout=2&socketTimeout=5"))) {
            Api api = node.api();
            awaitReadiness(api, 200);
            Api.Login login = api.login(user, Api.PASSWORD);

            relay.cut();
            awaitReadiness(api, 503);
            Api.Reply during = api.get("api/me", login.access());
            assertEquals(503, during.status(), during::toString);
            assertEquals("service_unavailable", during.code());
            assertFalse(during.body().contains("Exception"), during::toString);
            Api.Reply loginDuring = api.loginReply(user, Api.PASSWORD, null);
            assertEquals(503, loginDuring.status(), loginDuring::toString);

            relay.start();
            Instant back = Instant.now();
            Duration ready = awaitReadiness(api, 200);
            Api.Reply after = api.loginReply(user, Api.PASSWORD, null);
            Duration served = Duration.between(back, Instant.now());
            assertEquals(200, after.status(), "service resumes by itself: " + after);
            System.out.printf(
                    "DatabaseOutageIT on %s: readiness UP %d ms and a login served %d ms after the database returned%n",
                    System.getProperty("portero.it.server", "payara"), ready.toMillis(), served.toMillis());
            assertEquals(
                    2,
                    Db.count(
                            "SELECT COUNT(*) FROM user_session s JOIN account a ON a.id = s.account_id "
                                    + "WHERE a.username_key = lower(?)",
                            user),
                    "the login refused during the outage left no session behind");
            Api.Reply old = api.get("api/me", login.access());
            assertTrue(
                    old.status() == 200 || "session_expired".equals(old.code()),
                    "the earlier session is either still live or idled out during the outage (8 s test timeout): "
                            + old);
        }
    }
}
