package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Defects found by trying the service as an attacker and as a careless client would (issue 10),
 * each kept as a test of the behaviour that replaced it.
 */
class HardeningIT extends IntegrationTest {

    private static String violation(Api.Reply reply, String field) {
        return reply.json().getJsonArray("violations").stream()
                .map(v -> v.asJsonObject())
                .filter(v -> field.equals(v.getString("field")))
                .map(v -> v.getString("code"))
                .findFirst()
                .orElse("no violation of " + field + " in " + reply);
    }

    private static void assertValidation(Api.Reply reply, String field, String code) {
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("validation_failed", reply.code(), reply::toString);
        assertEquals(code, violation(reply, field), reply::toString);
    }

    private Api.Reply patchUser(String admin, String name, String json) {
        return api.request("PATCH", "api/admin/users/" + name)
                .bearer(admin)
                .json(json)
                .send();
    }

    // 1, 13: loose JSON types

    @Test
    void aStringFieldTakesOnlyAJsonString() {
        String user = newUser("types");
        for (String value :
                new String[] {"[\"" + Api.PASSWORD + "\"]", "{\"p\":\"" + Api.PASSWORD + "\"}", "1e999999", "true", "42"
                }) {
            Api.Reply reply = api.request("POST", "api/token/")
                    .json("{\"username\":\"" + user + "\",\"password\":" + value + "}")
                    .send();
            assertValidation(reply, "password", "invalid_type");
        }
        assertValidation(
                api.request("POST", "api/token/")
                        .json("{\"username\":1e999999,\"password\":\"x\"}")
                        .send(),
                "username",
                "invalid_type");
        assertValidation(
                api.request("POST", "api/token/")
                        .json("{\"username\":\"" + user + "\",\"password\":null}")
                        .send(),
                "password",
                "required");
        assertEquals(0, Db.liveRows(user), "no login got through");
    }

    @Test
    void theAdminApiTakesNoValueOfTheWrongType() {
        String admin = api.adminToken();
        String user = api.createUser(admin, Api.uniqueName("admintypes"));

        assertValidation(
                api.post("api/admin/users", "{\"username\":true,\"password\":\"long-enough-1\"}", admin),
                "username",
                "invalid_type");
        assertEquals(0, Db.count("SELECT COUNT(*) FROM account WHERE username_key = 'true'"));
        assertValidation(
                api.post(
                        "api/admin/users",
                        "{\"username\":\"" + Api.uniqueName("r")
                                + "\",\"password\":\"long-enough-1\",\"roles\":\"admin\"}",
                        admin),
                "roles",
                "invalid_type");

        Api.Reply put = api.request("PUT", "api/admin/users/" + user + "/password")
                .bearer(admin)
                .json("{\"password\":[\"x\"]}")
                .send();
        assertValidation(put, "password", "invalid_type");
        assertEquals(200, api.loginReply(user, Api.PASSWORD, null).status(), "the password did not change");

        assertValidation(patchUser(admin, user, "{\"enabled\":\"false\"}"), "enabled", "invalid_type");
        assertValidation(patchUser(admin, user, "{\"enabled\":0}"), "enabled", "invalid_type");
        assertValidation(patchUser(admin, user, "{\"roles\":[1]}"), "roles", "invalid_type");
        assertValidation(patchUser(admin, user, "{\"roles\":{\"0\":\"admin\"}}"), "roles", "invalid_type");
        assertValidation(patchUser(admin, user, "{\"email\":[\"a@b.c\"]}"), "email", "invalid_type");
        assertEquals(true, api.get("api/admin/users/" + user, admin).json().getBoolean("enabled"));
    }

    // 2: empty and other unreadable bodies

    @Test
    void anEmptyOrUnreadableBodyIsMalformedJson() {
        List<Api.Reply> replies = List.of(
                api.request("POST", "api/token/")
                        .header("Content-Type", "application/json")
                        .send(),
                api.request("POST", "api/token/").json("   ").send(),
                api.request("POST", "api/token/")
                        .json("{\"username\":\"a\",\"username\":\"b\",\"password\":\"x\"}")
                        .send(),
                api.request("POST", "api/token/")
                        .json("{\"username\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")
                        .send(),
                api.request("POST", "api/token/")
                        .body("application/json", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'})
                        .send(),
                api.request("POST", "api/token/refresh/")
                        .header("Content-Type", "application/json")
                        .send());
        for (Api.Reply reply : replies) {
            assertEquals(400, reply.status(), reply::toString);
            assertEquals("malformed_json", reply.code(), reply::toString);
        }
    }

    // 3: passwords of white space or control characters

    @Test
    void passwordsOfWhiteSpaceOrControlCharactersAreRefusedOnEveryPath() {
        String admin = api.adminToken();
        String user = api.createUser(admin, Api.uniqueName("blankpw"));

        Api.Reply spaces = api.request("PUT", "api/admin/users/" + user + "/password")
                .bearer(admin)
                .json("{\"password\":\"        \"}")
                .send();
        assertValidation(spaces, "password", "only_whitespace");
        Api.Reply lineBreak = api.post(
                "api/admin/users",
                Json.createObjectBuilder()
                        .add("username", Api.uniqueName("ctl"))
                        .add("password", "long-enough\n1")
                        .build()
                        .toString(),
                admin);
        assertValidation(lineBreak, "password", "control_characters");
        Api.Reply nul = api.request("PUT", "api/admin/users/" + user + "/password")
                .bearer(admin)
                .json("{\"password\":\"long-enough\\u00001\"}")
                .send();
        assertEquals(400, nul.status(), nul::toString);
        assertEquals("validation_failed", nul.code());

        Api.Login login = api.login(user, Api.PASSWORD);
        Api.Reply change = api.post(
                "api/change-password/",
                Json.createObjectBuilder()
                        .add("current_password", Api.PASSWORD)
                        .add("new_password", "bell\u0007-long-enough")
                        .build()
                        .toString(),
                login.access());
        assertValidation(change, "new_password", "control_characters");
        assertEquals(200, api.get("api/me", login.access()).status(), "nothing changed, the session lives");
    }

    // 4: logout with a rotated-away refresh token

    @Test
    void loggingOutWithAnOlderRefreshTokenEndsTheSession() {
        Api.Login login = api.login(newUser("oldlogout"), Api.PASSWORD);
        Api.Reply refreshed = api.post("api/token/refresh/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
        assertEquals(200, refreshed.status());
        String access = refreshed.json().getString("access");
        String current = refreshed.json().getString("refresh");

        assertEquals(
                204,
                api.post("api/logout/", "{\"refresh\":\"" + login.refresh() + "\"}", null)
                        .status());

        assertEquals("LOGOUT", Db.endReason(login.sessionId()));
        assertEquals("session_ended", api.get("api/me", access).code());
        assertEquals(
                "session_ended",
                api.post("api/token/refresh/", "{\"refresh\":\"" + current + "\"}", null)
                        .code());
    }

    // 5: roles removed while a token lives

    @Test
    void aDemotedAdministratorsTokenIsRefusedUntilRefreshed() {
        String admin = api.adminToken();
        String name = Api.uniqueName("demoted");
        assertEquals(
                201,
                api.post(
                                "api/admin/users",
                                Json.createObjectBuilder()
                                        .add("username", name)
                                        .add("password", Api.PASSWORD)
                                        .add(
                                                "roles",
                                                Json.createArrayBuilder()
                                                        .add("admin")
                                                        .add("user"))
                                        .build()
                                        .toString(),
                                admin)
                        .status());
        Api.Login login = api.login(name, Api.PASSWORD);
        assertEquals(200, api.get("api/admin/users", login.access()).status());

        assertEquals(200, patchUser(admin, name, "{\"roles\":[\"user\"]}").status());

        for (String path : new String[] {"api/admin/users", "api/admin/sessions", "api/me"}) {
            Api.Reply stale = api.get(path, login.access());
            assertEquals(401, stale.status(), () -> path + ": " + stale);
            assertEquals("token_outdated", stale.code());
        }
        assertEquals(1, Db.liveRows(name), "the session itself stays live");
        Api.Reply refreshed = api.post("api/token/refresh/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
        assertEquals(200, refreshed.status(), refreshed::toString);
        String fresh = refreshed.json().getString("access");
        assertTrue(TestTokens.decode(fresh.split("\\.")[1]).contains("\"groups\":[\"user\"]"));
        assertEquals(200, api.get("api/me", fresh).status());
        assertEquals(403, api.get("api/admin/users", fresh).status());
        Api.Reply english = api.request("GET", "api/me")
                .bearer(login.access())
                .header("Accept-Language", "en")
                .send();
        assertEquals(
                "The token no longer matches the account's roles; refresh it.",
                english.json().getString("detail"));
    }

    // 6: a token bound to another account than its session's

    @Test
    void aTokenWhoseSubjectIsNotItsSessionsAccountIsRefused() {
        Api.Login victim = api.login(newUser("victim"), Api.PASSWORD);
        Api.Login attacker = api.login(newUser("attacker"), Api.PASSWORD);
        String[] parts = attacker.access().split("\\.");
        String claims = TestTokens.decode(parts[1]);
        String header = TestTokens.decode(parts[0]);
        String victimSub =
                TestTokens.decode(victim.access().split("\\.")[1]).replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");

        String crossed = TestTokens.signed(
                header,
                claims.replaceAll("\"sub\":\"[^\"]+\"", "\"sub\":\"" + victimSub + "\""),
                TestTokens.serverKey());
        Api.Reply reply = api.get("api/me", crossed);
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("invalid_token", reply.code());

        assertEquals(
                200,
                api.get("api/me", TestTokens.signed(header, claims, TestTokens.serverKey()))
                        .status(),
                "the same claims with their own subject pass: the check above is real");
    }

    // 7: logins in flight while the account changes

    /**
     * Logs in as {@code user} from several threads for a few seconds (ending the oldest session
     * whenever the device limit refuses), runs {@code change} in the middle, and answers every
     * access token a login handed out.
     */
    private List<String> loginsAround(String user, Runnable change) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<String> tokens = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                workers.add(pool.submit(() -> {
                    Api client = new Api(url);
                    while (System.nanoTime() < deadline) {
                        Api.Reply reply = client.loginReply(user, Api.PASSWORD, null);
                        if (reply.status() == 409) {
                            String oldest = reply.json()
                                    .getJsonArray("sessions")
                                    .getJsonObject(0)
                                    .getString("id");
                            reply = client.request("POST", "api/token/")
                                    .json(Json.createObjectBuilder()
                                            .add("username", user)
                                            .add("password", Api.PASSWORD)
                                            .add("end_session", oldest)
                                            .build()
                                            .toString())
                                    .send();
                        }
                        if (reply.status() == 200) {
                            tokens.add(reply.json().getString("access"));
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(2000);
            change.run();
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertFalse(tokens.isEmpty(), "some logins succeeded before the change");
        return tokens;
    }

    @Test
    void noLoginInFlightOutlivesADisable() throws Exception {
        String admin = api.adminToken();
        String user = api.createUser(admin, Api.uniqueName("racedisable"));

        List<String> tokens = loginsAround(
                user,
                () -> assertEquals(
                        200, patchUser(admin, user, "{\"enabled\":false}").status()));

        assertEquals(0, Db.liveRows(user), "no session of a disabled account is live");
        for (String token : tokens) {
            assertEquals(401, api.get("api/me", token).status());
        }
    }

    @Test
    void noLoginInFlightOutlivesAPasswordReset() throws Exception {
        String admin = api.adminToken();
        String user = api.createUser(admin, Api.uniqueName("racereset"));

        List<String> tokens = loginsAround(
                user,
                () -> assertEquals(
                        204,
                        api.request("PUT", "api/admin/users/" + user + "/password")
                                .bearer(admin)
                                .json("{\"password\":\"reset-during-race-1\"}")
                                .send()
                                .status()));

        assertEquals(0, Db.liveRows(user), "no session opened with the old password is live");
        for (String token : tokens) {
            assertEquals(401, api.get("api/me", token).status());
        }
        // The racing logins that still sent the old password after the reset were wrong passwords
        // from 127.0.0.1, and login throttling has locked this username there: log in from another address.
        Api.Reply login = api.request("POST", "api/token/")
                .header("X-Forwarded-For", "198.51.100.77")
                .json(Api.credentials(user, "reset-during-race-1"))
                .send();
        assertEquals(200, login.status(), login::toString);
    }

    // 8: X-Forwarded-For behind a trusted proxy (the test runs trust 127.0.0.1)

    @Test
    void everyForwardedForLineIsReadAndZoneIdsAreDropped() {
        String user = newUser("xff");
        Api.Reply twoLines = api.request("POST", "api/token/")
                .json(Api.credentials(user, Api.PASSWORD))
                .addHeader("X-Forwarded-For", "203.0.113.7")
                .addHeader("X-Forwarded-For", "198.51.100.9")
                .send();
        assertEquals(200, twoLines.status(), twoLines::toString);
        assertEquals(
                "198.51.100.9",
                Db.string(
                        "SELECT ip_address FROM user_session WHERE id = ?",
                        UUID.fromString(twoLines.json().getString("session_id"))));
        api.post("api/logout/", "{\"refresh\":\"" + twoLines.json().getString("refresh") + "\"}", null);

        for (String zoneId : new String[] {"eth0", "a".repeat(60)}) {
            Api.Reply zone = api.request("POST", "api/token/")
                    .json(Api.credentials(user, Api.PASSWORD))
                    .header("X-Forwarded-For", "fe80::1%" + zoneId)
                    .send();
            assertEquals(200, zone.status(), zone::toString);
            String stored = Db.string(
                    "SELECT ip_address FROM user_session WHERE id = ?",
                    UUID.fromString(zone.json().getString("session_id")));
            assertTrue(
                    stored.equals("fe80::1") || (zoneId.length() > 16 && stored.equals("127.0.0.1")),
                    "the zone id is dropped, or an unreadable entry falls back to the peer: " + stored);
            api.post("api/logout/", "{\"refresh\":\"" + zone.json().getString("refresh") + "\"}", null);
        }
    }

    // 9: usernames compared as Unicode NFKC

    @Test
    void compatibilityFormsOfAUsernameAreTheSameUser() {
        String admin = api.adminToken();
        String ascii = Api.uniqueName("nfkc");
        String fullWidth = ascii.chars()
                .mapToObj(c -> Character.isLetterOrDigit(c) && c < 128
                        ? String.valueOf((char) (c - 0x20 + 0xFF00))
                        : String.valueOf((char) c))
                .collect(Collectors.joining());
        Api.Reply created = api.post(
                "api/admin/users",
                Json.createObjectBuilder()
                        .add("username", fullWidth)
                        .add("password", Api.PASSWORD)
                        .build()
                        .toString(),
                admin);
        assertEquals(201, created.status(), created::toString);
        assertEquals(ascii, created.json().getString("username"), "stored normalised");

        Api.Reply taken = api.post(
                "api/admin/users",
                Json.createObjectBuilder()
                        .add("username", ascii.toUpperCase(Locale.ROOT))
                        .add("password", Api.PASSWORD)
                        .build()
                        .toString(),
                admin);
        assertEquals(409, taken.status(), taken::toString);
        assertEquals("username_taken", taken.code());
        assertEquals(200, api.loginReply(fullWidth, Api.PASSWORD, null).status());

        Api.Reply dottedI = api.post(
                "api/admin/users",
                Json.createObjectBuilder()
                        .add("username", "\u0130".repeat(150))
                        .add("password", Api.PASSWORD)
                        .build()
                        .toString(),
                admin);
        assertValidation(dottedI, "username", "too_long");
        Api.Reply login = api.loginReply("\u0130".repeat(150), Api.PASSWORD, null);
        assertEquals(401, login.status(), login::toString);
    }

    // 10: caching and sniffing

    @Test
    void tokenAnswersAreNeverStoredAndNoAnswerIsSniffed() {
        Api.Reply login = api.loginReply(newUser("nostore"), Api.PASSWORD, null);
        Api.Reply refresh =
                api.post("api/token/refresh/", "{\"refresh\":\"" + login.json().getString("refresh") + "\"}", null);
        for (Api.Reply reply : List.of(login, refresh)) {
            assertEquals(200, reply.status());
            assertEquals("no-store", reply.header("Cache-Control"));
            assertEquals("nosniff", reply.header("X-Content-Type-Options"));
        }
        for (String path : new String[] {"api/nothing-here", ".well-known/jwks.json", "health/ready", "api/me"}) {
            assertEquals("nosniff", api.get(path, null).header("X-Content-Type-Options"), path);
        }
    }

    // 11: the last administrator

    @Test
    void theLastEnabledAdministratorCannotBeDisabledOrDemoted() {
        String admin = api.adminToken();
        List<String> others = new ArrayList<>();
        try (var connection = Db.connect();
                var rows = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT username FROM account WHERE enabled AND roles LIKE '%admin%' AND username_key <> 'admin'")) {
            while (rows.next()) {
                others.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        others.forEach(other ->
                assertEquals(200, patchUser(admin, other, "{\"enabled\":false}").status()));
        try {
            assertTheLastAdministratorStays(admin);
        } finally {
            // Should the rule break, the other tests still need their administrator.
            Db.update("UPDATE account SET enabled = TRUE, roles = 'admin,user' WHERE username_key = 'admin'");
        }
    }

    private void assertTheLastAdministratorStays(String admin) {
        for (String patch : new String[] {
            "{\"enabled\":false}", "{\"roles\":[\"user\"]}", "{\"roles\":[\"user\"],\"enabled\":false}"
        }) {
            Api.Reply refused = patchUser(admin, Api.ADMIN, patch);
            assertEquals(409, refused.status(), refused::toString);
            assertEquals("last_admin", refused.code());
        }
        assertEquals(200, api.get("api/admin/users", admin).status(), "still an enabled administrator");

        String second = Api.uniqueName("second_admin");
        api.post(
                "api/admin/users",
                Json.createObjectBuilder()
                        .add("username", second)
                        .add("password", Api.PASSWORD)
                        .add("roles", Json.createArrayBuilder().add("admin"))
                        .build()
                        .toString(),
                admin);
        assertEquals(200, patchUser(admin, second, "{\"enabled\":false}").status(), "one of two may go");
        assertEquals(409, patchUser(admin, Api.ADMIN, "{\"enabled\":false}").status());
    }

    // 13: NUL in a username, oversized headers

    @Test
    void aNulInTheUsernameIsAValidationErrorNotACrash() {
        Api.Reply reply = api.request("POST", "api/token/")
                .json("{\"username\":\"ad\\u0000min\",\"password\":\"x\"}")
                .send();
        assertValidation(reply, "username", "invalid_format");
    }

    @Test
    void oversizedHeadersGetAProblemNotAnEmptyAnswer() {
        Api.Reply authorization = api.request("GET", "api/me")
                .header("Authorization", "Bearer " + "a".repeat(16 * 1024))
                .send();
        assertTrue(Set.of(401, 431).contains(authorization.status()), authorization::toString);
        assertTrue(
                authorization.header("Content-Type").startsWith("application/problem+json"), authorization::toString);
        assertTrue(Set.of("invalid_token", "header_too_large").contains(authorization.code()), authorization::toString);

        Api.Reply userAgent = api.request("POST", "api/token/")
                .json(Api.credentials("someone", "wrong-password"))
                .header("User-Agent", "u".repeat(16 * 1024))
                .send();
        assertEquals(431, userAgent.status(), userAgent::toString);
        assertEquals("header_too_large", userAgent.code());
        JsonObject body = userAgent.json();
        assertEquals(431, body.getInt("status"));
    }

    /**
     * A flood of wrong logins from many addresses fills the general hashing lane (one slot and 20
     * waiting places on the build machine); the rest are refused 503 {@code service_busy} with
     * {@code Retry-After}, but only after {@code portero.passwords.busy-pause} (1 s by default), so
     * that clients retrying at once cannot turn refusals into a second flood. Meanwhile a signed-in
     * user's reads answer and a login from a device the account has used before goes through the
     * priority lane.
     */
    @Test
    void aLoginFloodIsRefusedAfterAPauseWhileKnownDevicesStillLogIn() throws Exception {
        String user = api.createUser(api.adminToken(), Api.uniqueName("flood"));
        String knownDevice = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";
        Api.Reply first = loginFrom(user, Api.PASSWORD, knownDevice, "10.61.0.1");
        assertEquals(200, first.status(), first.toString());
        String access = first.json().getString("access");

        int flood = 60;
        ExecutorService pool = Executors.newFixedThreadPool(flood);
        try {
            List<Future<long[]>> answers = new ArrayList<>();
            for (int i = 0; i < flood; i++) {
                String address = "10.62." + (i / 250) + "." + (i % 250 + 1);
                answers.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    Api.Reply reply = loginFrom(Api.uniqueName("nobody"), "wrong-password-123", null, address);
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    if (reply.status() == 503) {
                        assertEquals("service_busy", reply.code(), reply.toString());
                        assertTrue(reply.header("Retry-After") != null, "a busy answer says when to retry");
                    } else {
                        assertEquals(401, reply.status(), reply.toString());
                        assertEquals("invalid_credentials", reply.code());
                    }
                    return new long[] {reply.status(), millis};
                }));
            }
            Thread.sleep(300);
            assertEquals(200, api.get("api/session-status/", access).status(), "reads answer during the flood");
            Api.Reply again = loginFrom(user, Api.PASSWORD, knownDevice, "10.61.0.1");
            assertEquals(200, again.status(), "a known device logs in during the flood: " + again);

            List<Long> busyMillis = new ArrayList<>();
            for (Future<long[]> answer : answers) {
                long[] outcome = answer.get(5, TimeUnit.MINUTES);
                if (outcome[0] == 503) {
                    busyMillis.add(outcome[1]);
                }
            }
            assertTrue(
                    busyMillis.size() >= flood - 21 - 10,
                    "most logins beyond the lane's 21 places are refused, got " + busyMillis.size());
            assertTrue(
                    Collections.min(busyMillis) >= 900,
                    "every refusal waits for the pause, the fastest took " + Collections.min(busyMillis) + " ms");
        } finally {
            pool.shutdownNow();
        }
    }

    private Api.Reply loginFrom(String username, String password, String userAgent, String address) {
        Api.Request request = api.request("POST", "api/token/")
                .json(Api.credentials(username, password))
                .header("X-Forwarded-For", address);
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return request.send();
    }
}
