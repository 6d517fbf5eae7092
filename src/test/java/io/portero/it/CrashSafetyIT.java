package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.sessions.entity.EndReason;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node killed with SIGKILL in the middle of logins, refreshes and logouts loses nothing a client
 * was told: started again on the same PostgreSQL, every session a client saw created is there
 * (live, or ended with a reason), every refresh token a client holds still works or fails with its
 * session's end code, no account is over the device limit, and no session row is half-written.
 *
 * <p>Clients ({@value #USERS} accounts, {@value #CLIENTS_PER_USER} clients each, so logins of an
 * account meet the limit of two) loop login → {@value #REFRESHES} refreshes → logout against a node
 * the test starts, keeping every other session idle for a while instead of logging it out at once,
 * and record what they saw. After a few seconds the node is killed, then a new node starts on the
 * same database and the test compares what clients saw with the database and with the new node's
 * answers.
 *
 * <p>What a client may expect depends on whether it got the answer to its last request:
 * <ul>
 * <li><b>Answered</b> (or never sent: the connection was refused, so the server never read it):
 *     the server committed before answering, so the outcome must be durable. A token from a 200
 *     login or refresh is the session's current refresh token, and refreshing with it on the new
 *     node answers 200; a session whose logout got 204 is ended as {@code LOGOUT}.</li>
 * <li><b>In flight at the kill</b> (the connection broke before an answer): the server may or may
 *     not have committed. A refresh in flight leaves the presented token either current (rotation
 *     not committed: refreshing with it answers 200) or retired (rotation committed, its answer
 *     lost: refreshing with it is reuse, 401 {@code refresh_token_reused}, and ends the session, as
 *     a copied token would). A logout in flight leaves the session either live or ended as
 *     {@code LOGOUT}. A login in flight may have left a session no client knows about; there can be
 *     no more of those than logins in flight, and they count towards the limit like any other.</li>
 * </ul>
 * In no case may a token a client holds be unknown to the server ({@code invalid_refresh_token}).
 *
 * <p>The killed node runs with the reject policy, a 30-minute idle timeout and a one-hour
 * lifetime, so that no session expires while the node is down and "active" in the database means
 * "live". The whole test, with the Arquillian node's boot and two boots of its own, takes two to
 * three minutes on a busy 2-core machine.
 *
 * <p>Payara-only (not in the WildFly executions): the nodes it kills and restarts are Payara Micro
 * processes of its own ({@link ExtraNode}).
 */
class CrashSafetyIT extends IntegrationTest {

    static final int USERS = 4;
    static final int CLIENTS_PER_USER = 3;
    static final int REFRESHES = 4;
    static final int MAX_ACTIVE = 2;
    /** Each client stops by itself after this many login cycles, or at {@link #LOAD_DEADLINE}. */
    static final int MAX_CYCLES = 400;

    static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(5);
    static final Duration LOAD_DEADLINE = Duration.ofSeconds(90);

    /** The killed node's rules, whatever the test run's environment says. */
    static final Map<String, String> NODE_SETTINGS = Map.of(
            "PORTERO_SESSIONS_MAX_ACTIVE", Integer.toString(MAX_ACTIVE),
            "PORTERO_SESSIONS_LIMIT_POLICY", "reject",
            "PORTERO_SESSIONS_IDLE_TIMEOUT", "PT30M",
            "PORTERO_SESSIONS_MAX_LIFETIME", "PT1H");

    ExtraNode node;

    @AfterEach
    void stopNode() throws InterruptedException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aNodeKilledUnderLoadLosesNoSessionNoTokenAndNoLimit() throws Exception {
        String base = Api.uniqueName("crash");
        List<String> users = new ArrayList<>();
        String admin = api.adminToken();
        for (int i = 0; i < USERS; i++) {
            users.add(api.createUser(admin, base + "_" + i));
        }
        String latecomer = api.createUser(admin, base + "_late");
        api.close();

        node = ExtraNode.start("crash-node", NODE_SETTINGS);
        Load load = new Load(node.api(), users);
        load.start();
        load.awaitProgress(LOAD_BEFORE_KILL, 15, 30);
        Thread.sleep(ThreadLocalRandom.current().nextInt(1000));
        int inFlightAtKill = load.inFlight.get();
        Duration loaded = Duration.between(load.started, Instant.now());
        int exit = node.kill();
        load.awaitClients();
        assertEquals(ExtraNode.KILLED, exit, "the node died of SIGKILL");
        System.out.printf(
                "[crash] killed after %d ms of load with %d requests in flight; clients saw %s%n",
                loaded.toMillis(), inFlightAtKill, load.summary());
        assertTrue(load.unknownOutcomes() > 0, "the kill interrupted no request: " + load.summary());
        long idle = load.seen.stream()
                .filter(seen -> seen.pending == Pending.NONE && !seen.loggedOut)
                .count();
        System.out.printf("[crash] clients hold %d idle sessions whose every answer arrived%n", idle);
        assertTrue(idle > 0, "no client held an idle session at the kill: " + load.summary());
        assertEquals(List.of(), List.copyOf(load.unexpected), "answers before the kill");

        Instant restarting = Instant.now();
        node = node.restart();
        System.out.printf(
                "[crash] restarted in %d s%n",
                Duration.between(restarting, Instant.now()).toSeconds());
        Api restarted = node.api();
        awaitReady(restarted);

        Map<String, Map<String, Object>> rows = sessionRows(users);
        assertEquals(List.of(), halfWritten(rows.values()), "session rows that are not whole");
        assertEquals(
                List.of(), accountsOverTheLimit(users), "accounts with more than " + MAX_ACTIVE + " active sessions");
        assertRowsKeepWhatClientsSaw(load, rows);
        assertHeldTokensRefreshAsTheirRowsSay(load, rows, restarted);
        assertTheLimitHoldsAndLoginsWork(users, latecomer, restarted);
    }

    /** The sessions of these accounts, by id, as the database has them. */
    private static Map<String, Map<String, Object>> sessionRows(List<String> users) {
        return Db.rows(
                        "SELECT s.id, a.username, s.active, s.started_at, s.last_activity_at, s.ended_at, s.end_reason, "
                                + "s.refresh_token_hash, s.refresh_generation FROM user_session s JOIN account a ON a.id = s.account_id "
                                + "WHERE a.username IN (" + placeholders(users) + ")",
                        users.toArray())
                .stream()
                .collect(Collectors.toMap(row -> row.get("id").toString(), Function.identity()));
    }

    /** Every session a client saw has its row, in a state its last answer allows; none other but from lost logins. */
    private static void assertRowsKeepWhatClientsSaw(Load load, Map<String, Map<String, Object>> rows) {
        List<String> problems = new ArrayList<>();
        for (Seen seen : load.seen) {
            Map<String, Object> row = rows.get(seen.id);
            if (row == null) {
                problems.add(seen + ": no row");
            } else {
                problems.addAll(durability(seen, row));
            }
        }
        assertEquals(List.of(), problems, "what clients saw against the database");

        Set<String> known = load.seen.stream().map(seen -> seen.id).collect(Collectors.toSet());
        assertEquals(load.seen.size(), known.size(), "two logins answered with the same session id");
        List<String> unseen =
                rows.keySet().stream().filter(id -> !known.contains(id)).toList();
        System.out.printf(
                "[crash] %d sessions seen, %d rows (%d no client saw), %d active%n",
                load.seen.size(),
                rows.size(),
                unseen.size(),
                rows.values().stream()
                        .filter(row -> (Boolean) row.get("active"))
                        .count());
        assertTrue(
                unseen.size() <= load.loginsInFlight.get(),
                "sessions no client saw created: " + unseen + ", but only " + load.loginsInFlight.get()
                        + " logins were in flight");
    }

    /** Each held refresh token, presented to the restarted node, gets what its row says; never invalid_refresh_token. */
    private static void assertHeldTokensRefreshAsTheirRowsSay(
            Load load, Map<String, Map<String, Object>> rows, Api restarted) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Seen seen : load.seen) {
            String expected = expectedRefresh(seen, rows.get(seen.id));
            Api.Reply refresh = restarted.post("api/token/refresh/", "{\"refresh\":\"" + seen.refresh + "\"}", null);
            String outcome = refresh.status() == 200 ? "200" : refresh.status() + " " + refresh.code();
            outcomes.merge(outcome, 1, Integer::sum);
            if (!expected.equals(outcome)) {
                problems.add(seen + ": refresh on the restarted node answered " + refresh + ", expected " + expected);
            }
        }
        System.out.printf("[crash] refreshes with the held tokens on the restarted node: %s%n", outcomes);
        assertEquals(List.of(), problems, "refresh tokens the clients hold, on the restarted node");
    }

    /** Every account takes exactly as many logins as it has free places, then 409; a new account logs in. */
    private static void assertTheLimitHoldsAndLoginsWork(List<String> users, String latecomer, Api restarted) {
        for (String user : users) {
            long live = Db.liveRows(user);
            for (long i = live; i < MAX_ACTIVE; i++) {
                Api.Reply login = restarted.loginReply(user, Api.PASSWORD, null);
                assertEquals(200, login.status(), () -> user + " had " + live + " live sessions: " + login);
            }
            Api.Reply over = restarted.loginReply(user, Api.PASSWORD, null);
            assertEquals(409, over.status(), () -> user + " after the restart: " + over);
            assertEquals("session_limit_reached", over.code());
        }
        Api.Login fresh = restarted.login(latecomer, Api.PASSWORD);
        assertEquals(200, restarted.get("api/me", fresh.access()).status(), "a new login works after the restart");
    }

    private static void awaitReady(Api api) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status = api.get("health/ready", null).status();
        while (status != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            status = api.get("health/ready", null).status();
        }
        assertEquals(200, status, "the restarted node is ready");
    }

    /** Rows that break the session invariants: ended without reason, active with an end, a token hash left from before generations... */
    private static List<String> halfWritten(Iterable<Map<String, Object>> rows) {
        Set<String> reasons = Arrays.stream(EndReason.values()).map(Enum::name).collect(Collectors.toSet());
        List<String> broken = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            boolean active = (Boolean) row.get("active");
            Object endedAt = row.get("ended_at");
            Object reason = row.get("end_reason");
            Object hash = row.get("refresh_token_hash");
            Object generation = row.get("refresh_generation");
            Instant started = instant(row.get("started_at"));
            Instant lastActivity = instant(row.get("last_activity_at"));
            boolean whole = active == (endedAt == null)
                    && (endedAt == null) == (reason == null)
                    && (reason == null || reasons.contains(reason))
                    && hash == null
                    && generation instanceof Number g
                    && g.longValue() >= 0
                    && started != null
                    && lastActivity != null
                    && !lastActivity.isBefore(started);
            if (!whole) {
                broken.add(row.toString());
            }
        }
        return broken;
    }

    private static Instant instant(Object timestamp) {
        return timestamp == null
                ? null
                : timestamp instanceof OffsetDateTime offset ? offset.toInstant() : ((Timestamp) timestamp).toInstant();
    }

    private static List<String> accountsOverTheLimit(List<String> users) {
        List<Object> parameters = new ArrayList<>(users);
        parameters.add(MAX_ACTIVE);
        return Db.rows(
                        "SELECT a.username, COUNT(*) AS active FROM user_session s JOIN account a ON a.id = s.account_id "
                                + "WHERE s.active AND a.username IN (" + placeholders(users)
                                + ") GROUP BY a.username HAVING COUNT(*) > ?",
                        parameters.toArray())
                .stream()
                .map(Object::toString)
                .toList();
    }

    private static String placeholders(List<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }

    /** Whether the row keeps what the client was told, given what was in flight (see the class comment). */
    private static List<String> durability(Seen seen, Map<String, Object> row) {
        List<String> problems = new ArrayList<>();
        boolean active = (Boolean) row.get("active");
        long held = generationOf(seen.refresh);
        long stored = ((Number) row.get("refresh_generation")).longValue();
        boolean current = held == stored;
        boolean retired = held == stored - 1;
        if (!seen.user.equals(row.get("username"))) {
            problems.add(seen + ": belongs to " + row.get("username"));
        }
        if (seen.loggedOut && (active || !"LOGOUT".equals(row.get("end_reason")))) {
            problems.add(seen + ": logout answered 204, but the row is " + row);
        }
        if (seen.pending == Pending.LOGOUT && !active && !"LOGOUT".equals(row.get("end_reason"))) {
            problems.add(seen + ": logout in flight, but the row ended otherwise: " + row);
        }
        if (seen.pending == Pending.REFRESH ? !(current || retired) : !current) {
            problems.add(
                    seen + ": the refresh token the client holds is " + (retired ? "retired" : "unknown") + ": " + row);
        }
        if (seen.pending == Pending.NONE && !seen.loggedOut && !active) {
            problems.add(seen + ": nothing ended it, but the row is " + row);
        }
        return problems;
    }

    /** The answer a refresh with the client's token must get, from the state the row is in. */
    private static String expectedRefresh(Seen seen, Map<String, Object> row) {
        if (generationOf(seen.refresh) != ((Number) row.get("refresh_generation")).longValue()) {
            return "401 refresh_token_reused";
        }
        return (Boolean) row.get("active")
                ? "200"
                : "401 " + EndReason.valueOf((String) row.get("end_reason")).problemCode();
    }

    /**
     * The generation a refresh token names (decision 0026: the first part is the session id and the
     * generation, base64url); the MAC is the server's to check.
     */
    private static long generationOf(String refreshToken) {
        byte[] body = Base64.getUrlDecoder().decode(refreshToken.substring(0, refreshToken.indexOf('.')));
        return ByteBuffer.wrap(body, 16, 8).getLong();
    }

    /** The request of a session whose answer never came. */
    enum Pending {
        NONE,
        REFRESH,
        LOGOUT
    }

    /** A session a client saw created, and the latest refresh token it received for it. */
    static final class Seen {
        final String user;
        final String id;
        String refresh;
        Pending pending = Pending.NONE;
        boolean loggedOut;

        Seen(String user, String id, String refresh) {
            this.user = user;
            this.id = id;
            this.refresh = refresh;
        }

        @Override
        public String toString() {
            return "session " + id + " of " + user
                    + (pending == Pending.NONE ? "" : " (" + pending.name().toLowerCase() + " in flight)")
                    + (loggedOut ? " (logged out)" : "");
        }
    }

    /** A request that got no answer: the node is gone, and the client stops. */
    static final class Lost extends RuntimeException {
        Lost(Throwable cause) {
            super(cause);
        }
    }

    /** The clients: each loops login → refreshes → logout until the node dies, its cycles run out or time is up. */
    static final class Load {
        final Api api;
        final List<String> users;
        final ExecutorService pool;
        final List<Future<?>> clients = new ArrayList<>();
        final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger logins = new AtomicInteger();
        final AtomicInteger refreshes = new AtomicInteger();
        final AtomicInteger logouts = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger busy = new AtomicInteger();
        final AtomicInteger loginsInFlight = new AtomicInteger();
        final AtomicInteger refreshesInFlight = new AtomicInteger();
        final AtomicInteger logoutsInFlight = new AtomicInteger();
        final AtomicInteger unsent = new AtomicInteger();
        final Instant deadline = Instant.now().plus(LOAD_DEADLINE);
        Instant started;

        Load(Api api, List<String> users) {
            this.api = api;
            this.users = users;
            this.pool = Executors.newFixedThreadPool(users.size() * CLIENTS_PER_USER);
        }

        void start() {
            started = Instant.now();
            for (int c = 0; c < users.size() * CLIENTS_PER_USER; c++) {
                String user = users.get(c % users.size());
                String agent = "crash-client-" + c;
                clients.add(pool.submit(() -> client(user, agent)));
            }
        }

        /** Waits until the load ran for {@code minimum} and produced enough, or fails at the deadline. */
        void awaitProgress(Duration minimum, int minLogins, int minRefreshes) throws InterruptedException {
            while (Instant.now().isBefore(started.plus(minimum))
                    || logins.get() < minLogins
                    || refreshes.get() < minRefreshes) {
                if (Instant.now().isAfter(started.plus(LOAD_DEADLINE.dividedBy(2)))) {
                    throw new AssertionError("the load made too little progress: " + summary());
                }
                if (clients.stream().allMatch(Future::isDone)) {
                    throw new AssertionError("every client stopped before the kill: " + summary() + " " + unexpected);
                }
                Thread.sleep(100);
            }
        }

        /** Waits for every client to notice the dead node (each stops at its first lost answer). */
        void awaitClients() throws Exception {
            try {
                for (Future<?> client : clients) {
                    client.get(90, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        int unknownOutcomes() {
            return loginsInFlight.get() + refreshesInFlight.get() + logoutsInFlight.get();
        }

        String summary() {
            return ("%d logins (%d refused at the limit, %d busy), %d refreshes, %d logouts; no answer: "
                            + "%d logins, %d refreshes, %d logouts; %d refused connections")
                    .formatted(
                            logins.get(),
                            refused.get(),
                            busy.get(),
                            refreshes.get(),
                            logouts.get(),
                            loginsInFlight.get(),
                            refreshesInFlight.get(),
                            logoutsInFlight.get(),
                            unsent.get());
        }

        /**
         * One client: each cycle logs in, refreshes, and then either logs out or keeps the session
         * aside, idle, logging out the one it kept before; refused at the limit, it logs out the
         * one it kept. So at the kill every client has a session in flight and may hold an idle one.
         */
        private void client(String user, String agent) {
            Seen[] kept = new Seen[1];
            try {
                for (int cycle = 0; cycle < MAX_CYCLES && Instant.now().isBefore(deadline); cycle++) {
                    cycle(user, agent, kept);
                }
            } catch (Lost lost) {
                // the node is gone: this client's record is final
            }
        }

        private void cycle(String user, String agent, Seen[] kept) {
            Api.Reply login = send(() -> api.loginReply(user, Api.PASSWORD, agent), loginsInFlight);
            if (login.status() != 200) {
                switch (login.status()) {
                    case 409 -> refused.incrementAndGet();
                    case 503 -> busy.incrementAndGet();
                    default -> unexpected.add("login: " + login);
                }
                if (login.status() == 409 && kept[0] != null) {
                    logout(kept[0]);
                    kept[0] = null;
                } else {
                    pause();
                }
                return;
            }
            logins.incrementAndGet();
            Seen session = new Seen(
                    user, login.json().getString("session_id"), login.json().getString("refresh"));
            seen.add(session);
            for (int i = 0; i < REFRESHES; i++) {
                session.pending = Pending.REFRESH;
                Api.Reply refresh = send(
                        () -> api.post("api/token/refresh/", "{\"refresh\":\"" + session.refresh + "\"}", null),
                        refreshesInFlight,
                        session);
                session.pending = Pending.NONE;
                if (refresh.status() != 200) {
                    unexpected.add(session + ": refresh: " + refresh);
                    return;
                }
                refreshes.incrementAndGet();
                session.refresh = refresh.json().getString("refresh");
            }
            if (ThreadLocalRandom.current().nextBoolean()) {
                logout(session);
            } else {
                if (kept[0] != null) {
                    logout(kept[0]);
                }
                kept[0] = session;
            }
        }

        private void logout(Seen session) {
            session.pending = Pending.LOGOUT;
            Api.Reply logout = send(
                    () -> api.post("api/logout/", "{\"refresh\":\"" + session.refresh + "\"}", null),
                    logoutsInFlight,
                    session);
            session.pending = Pending.NONE;
            if (logout.status() != 204) {
                unexpected.add(session + ": logout: " + logout);
                return;
            }
            logouts.incrementAndGet();
            session.loggedOut = true;
        }

        private Api.Reply send(Supplier<Api.Reply> request, AtomicInteger lostCounter) {
            return send(request, lostCounter, null);
        }

        /**
         * Sends a request; when no answer comes, counts it as in flight, unless the connection was
         * refused (the node was already dead: the request never reached it and the session's
         * {@code pending} is cleared again), and stops the client.
         */
        private Api.Reply send(Supplier<Api.Reply> request, AtomicInteger lostCounter, Seen session) {
            inFlight.incrementAndGet();
            try {
                return request.get();
            } catch (UncheckedIOException e) {
                boolean refusedConnection = causedBy(e, ConnectException.class);
                if (refusedConnection) {
                    unsent.incrementAndGet();
                    if (session != null) {
                        session.pending = Pending.NONE;
                    }
                } else {
                    lostCounter.incrementAndGet();
                }
                throw new Lost(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }

        private static void pause() {
            try {
                Thread.sleep(20 + ThreadLocalRandom.current().nextInt(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Lost(e);
            }
        }
    }
}
