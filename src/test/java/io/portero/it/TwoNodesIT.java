package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro instances sharing one PostgreSQL database, as in a cluster behind a load
 * balancer: Arquillian boots the first, the test boots the second from the same WAR (no
 * clustering between them: the database is all they share).
 *
 * <p>Payara-only (not in the WildFly executions): the second node is a Payara Micro process
 * started by the test ({@link ExtraNode}).
 */
class TwoNodesIT extends IntegrationTest {

    /**
     * How late another node may still admit a session ended on one node (issue 8): measured from
     * the ending response to the end of the other node's first refusal, so the bound includes the
     * refused request itself.
     */
    static final Duration PROPAGATION_BOUND = Duration.ofMillis(100);

    private static final Duration GIVE_UP = Duration.ofSeconds(5);

    Api nodeA;
    Api nodeB;
    ExtraNode second;

    @BeforeEach
    void startSecondNode() throws Exception {
        nodeA = api;
        second = ExtraNode.start("second-node", Map.of());
        nodeB = second.api();
    }

    @AfterEach
    void stopSecondNode() throws Exception {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void nodesShareKeysLimitsAndLogouts() throws Exception {
        String user = nodeA.createUser(nodeA.adminToken(), Api.uniqueName("twonodes"));
        nodeA.close();

        Api.Login onB = nodeB.login(user, Api.PASSWORD);
        assertEquals(
                200, nodeA.get("api/me", onB.access()).status(), "a token signed by one node verifies on the other");
        assertEquals(
                204,
                nodeA.post("api/logout/", "{\"refresh\":\"" + onB.refresh() + "\"}", null)
                        .status());
        Api.Reply afterLogout = nodeB.get("api/me", onB.access());
        assertEquals(401, afterLogout.status(), "a logout on one node is seen at once by the other");
        assertEquals("session_ended", afterLogout.code());

        String racer = nodeA.createUser(nodeA.adminToken(), Api.uniqueName("tworace"));
        assertEquals(Map.of(200, 2L, 409, 18L), LoginRace.run(List.of(nodeA, nodeB), racer, 20));
        assertEquals(2, Db.liveRows(racer));
        assertEquals(1, Db.count("SELECT COUNT(*) FROM signing_key"), "both nodes use the one generated key");
    }

    @Test
    void aLogoutIsRefusedAtOnceOnItsNodeAndWithinTheBoundOnTheOther() throws Exception {
        String user = nodeA.createUser(nodeA.adminToken(), Api.uniqueName("viewlogout"));
        Api.Login session = nodeA.login(user, Api.PASSWORD);
        readOnBothNodes(session);

        try (Poller onB = Poller.start(nodeB, session.access())) {
            Api.Reply logout = nodeA.post("api/logout/", "{\"refresh\":\"" + session.refresh() + "\"}", null);
            long ended = System.nanoTime();
            assertEquals(204, logout.status());
            assertRefusedAtOnce(nodeA, session.access(), "session_ended");
            onB.assertRefusedWithinBound(ended, "session_ended");
        }
    }

    @Test
    void anAdministratorsRevocationReachesTheOtherNodeWithinTheBound() throws Exception {
        String admin = nodeA.adminToken();
        String user = nodeA.createUser(admin, Api.uniqueName("viewrevoke"));
        Api.Login session = nodeA.login(user, Api.PASSWORD);
        readOnBothNodes(session);

        try (Poller onB = Poller.start(nodeB, session.access())) {
            Api.Reply revoke = nodeA.delete("api/admin/sessions/" + session.sessionId(), admin);
            long ended = System.nanoTime();
            assertEquals(204, revoke.status(), revoke::toString);
            assertRefusedAtOnce(nodeA, session.access(), "session_revoked");
            onB.assertRefusedWithinBound(ended, "session_revoked");
        }
    }

    @Test
    void aRemovedRoleReachesTheOtherNodeWithinTheBound() throws Exception {
        String admin = nodeA.adminToken();
        String user = nodeA.createUser(admin, Api.uniqueName("viewroles"));
        setRoles(admin, user, "[\"user\",\"admin\"]");
        Api.Login session = nodeA.login(user, Api.PASSWORD);
        readOnBothNodes(session);

        try (Poller onB = Poller.start(nodeB, session.access())) {
            Api.Reply demoted = setRoles(admin, user, "[\"user\"]");
            long changed = System.nanoTime();
            assertEquals(200, demoted.status(), demoted::toString);
            assertRefusedAtOnce(nodeA, session.access(), "token_outdated");
            onB.assertRefusedWithinBound(changed, "token_outdated");
        }
    }

    @Test
    void aNodeThatStoppedListeningNeverAdmitsASessionEndedMeanwhile() throws Exception {
        String user = nodeA.createUser(nodeA.adminToken(), Api.uniqueName("viewdeaf"));
        Api.Login session = nodeA.login(user, Api.PASSWORD);
        readOnBothNodes(session);
        List<String> listening = listenerPids();
        assertEquals(2, listening.size(), "each node listens on a connection of its own");

        Db.count("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE " + LISTENERS);
        Db.update(
                "UPDATE user_session SET active = FALSE, ended_at = now(), end_reason = 'REVOKED_BY_ADMIN' "
                        + "WHERE id = CAST(? AS uuid)",
                session.sessionId());
        long until = System.nanoTime() + GIVE_UP.toNanos();
        List<String> now = listenerPids();
        while ((now.size() < 2 || now.stream().anyMatch(listening::contains)) && System.nanoTime() < until) {
            Thread.sleep(50);
            now = listenerPids();
        }
        assertEquals(2, now.size(), "both nodes listen again");
        for (Api node : List.of(nodeB, nodeA)) {
            Api.Reply reply = node.get("api/me", session.access());
            assertEquals(401, reply.status(), "a session ended while the node was not listening is refused");
            assertEquals("session_revoked", reply.code());
        }
    }

    private static final String LISTENERS =
            "application_name = 'portero-session-view' AND datname = current_database() AND pid <> pg_backend_pid()";

    private static List<String> listenerPids() {
        return Db.rows("SELECT pid::text AS pid FROM pg_stat_activity WHERE " + LISTENERS).stream()
                .map(row -> String.valueOf(row.get("pid")))
                .toList();
    }

    private Api.Reply setRoles(String admin, String user, String roles) {
        return nodeA.request("PATCH", "api/admin/users/" + user)
                .bearer(admin)
                .json("{\"roles\":" + roles + "}")
                .send();
    }

    @Test
    void aNodeWarmsItselfBeforeItReportsReadyAndLeavesNoTrace() throws Exception {
        JsonObject warmUp = second.warmUp();
        assertEquals("UP", warmUp.getString("status"));
        JsonObject data = warmUp.getJsonObject("data");
        assertEquals("done", data.getString("state"), "warm-up report: " + warmUp);
        assertEquals("5000", text(data, "requests"), "the default number of requests: " + warmUp);
        assertEquals("0", text(data, "not_ok"), "every warm-up request was admitted: " + warmUp);
        assertEquals(
                0,
                Db.count("SELECT COUNT(*) FROM audit_event WHERE username LIKE '%warm-up%'"),
                "the warm-up's session is never audited");
        assertEquals(
                0,
                Db.count("SELECT COUNT(*) FROM account WHERE username LIKE '%warm-up%'"),
                "the warm-up's account exists only in its token");

        String user = nodeA.createUser(nodeA.adminToken(), Api.uniqueName("afterwarm"));
        Api.Login session = nodeB.login(user, Api.PASSWORD);
        assertEquals(200, nodeB.get("api/session-status/", session.access()).status(), "the warm node serves as usual");
    }

    /** A health check's datum as text: MicroProfile Health reports numbers as JSON numbers or strings, by server. */
    private static String text(JsonObject data, String key) {
        return data.get(key) instanceof JsonString string ? string.getString() : String.valueOf(data.get(key));
    }

    /** Both nodes admit the session twice: the first read puts it in each node's view, the second is served from it. */
    private void readOnBothNodes(Api.Login session) {
        for (Api node : List.of(nodeA, nodeB, nodeA, nodeB)) {
            assertEquals(200, node.get("api/me", session.access()).status());
        }
    }

    private static void assertRefusedAtOnce(Api node, String access, String code) {
        Api.Reply here = node.get("api/me", access);
        assertEquals(401, here.status(), "the ending node refuses the very next request");
        assertEquals(code, here.code());
    }

    /**
     * Reads with a token on one node without pause, from before an end on another node until the
     * first refusal. A request that reaches the node {@link #PROPAGATION_BOUND} or more after the
     * end must be refused: judged by when each request was sent (the node decides after that), so
     * the time a slow machine takes to answer does not count against the bound.
     */
    private static final class Poller implements AutoCloseable {

        private record Sent(long sentNanos, long answeredNanos, Api.Reply reply) {}

        private final List<Sent> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean stopped;

        private Poller(Api node, String access) {
            thread = new Thread(() -> {
                long until = System.nanoTime() + GIVE_UP.toNanos();
                while (!stopped && System.nanoTime() < until) {
                    long at = System.nanoTime();
                    Api.Reply reply = node.get("api/me", access);
                    sent.add(new Sent(at, System.nanoTime(), reply));
                    if (reply.status() != 200) {
                        return;
                    }
                }
            });
        }

        static Poller start(Api node, String access) throws InterruptedException {
            Poller poller = new Poller(node, access);
            poller.thread.start();
            while (poller.sent.isEmpty()) {
                Thread.sleep(1);
            }
            return poller;
        }

        void assertRefusedWithinBound(long endedNanos, String code) throws InterruptedException {
            thread.join(GIVE_UP.toMillis() * 2);
            Sent last = sent.get(sent.size() - 1);
            long admittedAfterEnd = sent.stream()
                    .filter(s -> s.sentNanos() > endedNanos && s.reply().status() == 200)
                    .count();
            Duration latestAdmitted = sent.stream()
                    .filter(s -> s.reply().status() == 200)
                    .map(s -> Duration.ofNanos(s.sentNanos() - endedNanos))
                    .max(Duration::compareTo)
                    .orElse(Duration.ZERO);
            System.out.printf(
                    "TwoNodesIT propagation (%s): %d read(s) in all; %d admitted sent after the end, the latest sent"
                            + " %d ms after it; first refusal sent %d ms and answered %d ms after the end%n",
                    code,
                    sent.size(),
                    admittedAfterEnd,
                    latestAdmitted.toMillis(),
                    Duration.ofNanos(last.sentNanos() - endedNanos).toMillis(),
                    Duration.ofNanos(last.answeredNanos() - endedNanos).toMillis());
            assertEquals(401, last.reply().status(), last.reply()::toString);
            assertEquals(code, last.reply().code());
            assertTrue(
                    latestAdmitted.compareTo(PROPAGATION_BOUND) < 0,
                    "the other node still admitted a read sent " + latestAdmitted.toMillis() + " ms after the end");
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            thread.join();
        }
    }
}
