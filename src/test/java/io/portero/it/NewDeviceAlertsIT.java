package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * New-device alerts seen from outside: a webhook receiver on 127.0.0.1 (the port and the settings
 * are the {@code postgresql} execution's {@code PORTERO_ALERTS_*} variables) gets exactly one
 * signed alert for a login from a new device, none for the account's first login or a known
 * device; the session is marked {@code new_device} and the audit log holds {@code NEW_DEVICE_LOGIN};
 * a failing or slow webhook is retried and never slows the login down. Each test tells its own
 * alerts apart by username.
 */
class NewDeviceAlertsIT extends IntegrationTest {

    /** PORTERO_ALERTS_WEBHOOK_SECRET, _TIMEOUT and _ATTEMPTS of the execution (pom.xml). */
    static final String SECRET = "it-webhook-secret-42";

    static final Duration TIMEOUT = Duration.ofSeconds(4);
    static final int ATTEMPTS = 3;

    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
    /** How long to keep listening after the expected alerts, to see that no other one comes. */
    private static final Duration QUIET = Duration.ofMillis(1500);

    private static Receiver receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new Receiver(Integer.getInteger("portero.it.alerts.port", 28519));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @Test
    void aNewDeviceIsAlertedOnceSignedAndMarkedButNotTheFirstLoginNorAKnownDevice() throws Exception {
        String user = newUser("nd_alert");
        Api.Login first = login(user, FIREFOX, "198.51.100.23");
        logout(first);
        Api.Login known = login(user, FIREFOX, "198.51.100.99");
        Api.Login phone = login(user, IPHONE, "203.0.113.7");

        List<Delivery> alerts = receiver.await(user, 1, Duration.ofSeconds(15));
        assertEquals(1, alerts.size(), "one alert, for the new device only: " + alerts);
        Delivery alert = alerts.get(0);
        assertSigned(alert);
        JsonObject body = alert.json();
        assertEquals("NEW_DEVICE_LOGIN", body.getString("type"));
        assertEquals(user, body.getString("username"));
        assertEquals(phone.sessionId(), body.getString("session_id"));
        assertEquals("Safari on iOS", body.getString("device_label"));
        assertEquals("203.0.113.7", body.getString("ip_address"));
        assertEquals("203.0.113.0/24", body.getString("network"));
        Instant occurred = Instant.parse(body.getString("occurred_at"));
        assertTrue(
                Duration.between(occurred, Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0,
                occurred::toString);
        String alertId = body.getString("alert_id");
        UUID.fromString(alertId);
        for (String secret : List.of(SECRET, Api.PASSWORD, phone.access(), phone.refresh(), known.refresh())) {
            assertFalse(alert.body().contains(secret), "no secret in the alert");
            assertFalse(alert.headers().toString().contains(secret), "no secret in its headers");
        }

        JsonArray mine = api.get("api/sessions/", phone.access()).array();
        assertEquals(2, mine.size(), mine::toString);
        for (JsonObject session : mine.getValuesAs(JsonObject.class)) {
            assertEquals(
                    session.getString("id").equals(phone.sessionId()),
                    session.getBoolean("new_device"),
                    "only the session from the new device is marked: " + mine);
        }
        assertTrue(
                api.get("api/admin/sessions/" + phone.sessionId(), api.adminToken())
                        .json()
                        .getBoolean("new_device"),
                "administrators see the mark too");

        List<JsonObject> events = api
                .get("api/audit/?size=100", phone.access())
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(e -> "NEW_DEVICE_LOGIN".equals(e.getString("type")))
                .toList();
        assertEquals(1, events.size(), events::toString);
        JsonObject event = events.get(0);
        assertEquals("SUCCESS", event.getString("outcome"));
        assertEquals(user, event.getString("username"));
        assertEquals(phone.sessionId(), event.getString("session_id"));
        assertEquals("203.0.113.7", event.getString("ip_address"));
        assertEquals(IPHONE, event.getString("user_agent"));
        assertEquals("Safari on iOS", event.getString("device_label"));
        assertEquals(alertId, event.getJsonObject("details").getString("alert_id"), "the alert names its event");
        assertEquals("203.0.113.0/24", event.getJsonObject("details").getString("network"));
        String table = Db.string("SELECT COALESCE(string_agg(CAST(e AS TEXT), '|'), '') FROM audit_event e");
        for (String secret : List.of(SECRET, Api.PASSWORD, phone.access(), phone.refresh())) {
            assertFalse(table.contains(secret), "no secret in the audit log");
        }
    }

    @Test
    void aFailingWebhookIsRetriedAndTheLoginDoesNotWaitForIt() throws Exception {
        String user = newUser("nd_500");
        receiver.answer(user, Answer.FAIL);
        logout(login(user, FIREFOX, "198.51.100.23"));

        long started = System.nanoTime();
        Api.Login phone = login(user, IPHONE, "203.0.113.8");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("NewDeviceAlertsIT: login from a new device with the webhook " + user + " took " + took);

        List<Delivery> attempts = receiver.await(user, ATTEMPTS, Duration.ofSeconds(20));
        assertEquals(ATTEMPTS, attempts.size(), "every attempt, and no more: " + attempts);
        for (Delivery attempt : attempts) {
            assertSigned(attempt);
            assertEquals(attempts.get(0).body(), attempt.body(), "each attempt sends the same alert");
            assertEquals(phone.sessionId(), attempt.json().getString("session_id"));
        }
        assertTrue(took.compareTo(TIMEOUT.dividedBy(2)) < 0, "the login took " + took);
    }

    @Test
    void aSlowWebhookTimesOutIsRetriedAndTheLoginDoesNotWaitForIt() throws Exception {
        String user = newUser("nd_slow");
        receiver.answer(user, Answer.SLOW);
        logout(login(user, FIREFOX, "198.51.100.23"));

        long started = System.nanoTime();
        Api.Login phone = login(user, IPHONE, "203.0.113.9");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("NewDeviceAlertsIT: login from a new device with the webhook " + user + " took " + took);
        assertTrue(
                took.compareTo(TIMEOUT.dividedBy(2)) < 0,
                "the login took " + took + "; the webhook times out after " + TIMEOUT);
        assertEquals(200, api.get("api/me", phone.access()).status());

        receiver.await(user, ATTEMPTS, TIMEOUT.multipliedBy(ATTEMPTS + 2));
        Thread.sleep(TIMEOUT.plusSeconds(1).toMillis());
        List<Delivery> attempts = receiver.of(user);
        assertEquals(ATTEMPTS, attempts.size(), "one attempt per timeout, and no more: " + attempts);
        for (int i = 1; i < attempts.size(); i++) {
            Duration gap =
                    Duration.between(attempts.get(i - 1).at(), attempts.get(i).at());
            assertTrue(gap.compareTo(TIMEOUT.minusMillis(500)) > 0, "the next attempt waits for the timeout: " + gap);
        }
    }

    @Test
    void concurrentLoginsFromOneNewDeviceRaiseOneAlert() throws Exception {
        String user = newUser("nd_race");
        logout(login(user, FIREFOX, "198.51.100.23"));

        Map<Integer, Long> statuses = race(user, IPHONE, "203.0.113.10", 20);
        assertTrue(statuses.getOrDefault(200, 0L) >= 1, statuses::toString);
        assertTrue(List.of(200, 409, 503).containsAll(statuses.keySet()), statuses::toString);

        assertEquals(1, receiver.await(user, 1, Duration.ofSeconds(15)).size(), "one alert however many logins");
        String account = Db.string("SELECT CAST(id AS VARCHAR) FROM account WHERE username_key = lower(?)", user);
        UUID accountId = UUID.fromString(account);
        assertEquals(
                1,
                Db.count(
                        "SELECT COUNT(*) FROM audit_event WHERE type = 'NEW_DEVICE_LOGIN' AND account_id = ?",
                        accountId));
        assertEquals(1, Db.count("SELECT COUNT(*) FROM user_session WHERE new_device AND account_id = ?", accountId));
        assertEquals(2, Db.count("SELECT COUNT(*) FROM known_device WHERE account_id = ?", accountId));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private Api.Login login(String user, String userAgent, String address) {
        Api.Reply reply = api.request("POST", "api/token/")
                .header("User-Agent", userAgent)
                .header("X-Forwarded-For", address)
                .json(Api.credentials(user, Api.PASSWORD))
                .send();
        assertEquals(200, reply.status(), reply::toString);
        JsonObject json = reply.json();
        return new Api.Login(json.getString("access"), json.getString("refresh"), json.getString("session_id"));
    }

    private void logout(Api.Login login) {
        Api.Reply reply = api.post("api/logout/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
        assertEquals(204, reply.status(), reply::toString);
    }

    private Map<Integer, Long> race(String user, String userAgent, String address, int logins) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(logins);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < logins; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return api.request("POST", "api/token/")
                            .header("User-Agent", userAgent)
                            .header("X-Forwarded-For", address)
                            .json(Api.credentials(user, Api.PASSWORD))
                            .send()
                            .status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(120, TimeUnit.SECONDS));
            }
            return statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The signature as a receiver checks it, written here from the documented rule and not with
     * Portero's code: {@code Portero-Signature: t=<seconds>,v1=<hex HMAC-SHA256 of t + "." + body>},
     * the timestamp close to now.
     */
    private static void assertSigned(Delivery delivery) throws Exception {
        String header = delivery.header("Portero-Signature");
        assertTrue(header != null && header.matches("t=\\d+,v1=[0-9a-f]{64}"), "signature header: " + header);
        String t = header.substring(2, header.indexOf(','));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        long age = Instant.now().getEpochSecond() - Long.parseLong(t);
        assertTrue(Math.abs(age) < 300, "timestamp " + age + " s old");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((t + "." + delivery.body()).getBytes(StandardCharsets.UTF_8));
        assertTrue(MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1)), "the HMAC matches");
        assertEquals("application/json", delivery.header("Content-Type"));
    }

    enum Answer {
        OK,
        FAIL,
        SLOW
    }

    /** One request the receiver got. */
    record Delivery(Instant at, Map<String, List<String>> headers, String body) {

        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * The webhook: records every request and answers 204, or as told for a username: 500, or only
     * after longer than Portero's timeout.
     */
    static final class Receiver {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final List<Delivery> received = new CopyOnWriteArrayList<>();
        private final Map<String, Answer> answers = new ConcurrentHashMap<>();

        Receiver(int port) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            server.createContext("/portero-alerts", this::handle);
            server.setExecutor(threads);
            server.start();
        }

        void answer(String username, Answer answer) {
            answers.put(username, answer);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Delivery delivery = new Delivery(Instant.now(), Map.copyOf(exchange.getRequestHeaders()), body);
            received.add(delivery);
            Answer answer = Answer.OK;
            try {
                answer = answers.getOrDefault(delivery.json().getString("username", ""), Answer.OK);
            } catch (RuntimeException notJson) {
                // answered 204 like the others; the test reading it fails on its own
            }
            try {
                if (answer == Answer.SLOW) {
                    Thread.sleep(TIMEOUT.plusSeconds(2).toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(answer == Answer.FAIL ? 500 : 204, -1);
            exchange.close();
        }

        /**
         * The requests about a username, once {@code count} have come (or the time is up), after a
         * further quiet spell in which any extra one would have come too.
         */
        List<Delivery> await(String username, int count, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (of(username).size() < count && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(QUIET.toMillis());
            return of(username);
        }

        List<Delivery> of(String username) {
            return received.stream()
                    .filter(d -> {
                        try {
                            return username.equals(d.json().getString("username", null));
                        } catch (RuntimeException notJson) {
                            return false;
                        }
                    })
                    .toList();
        }

        void stop() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
