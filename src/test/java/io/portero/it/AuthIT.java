package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.sessions.control.RefreshCommit;
import io.portero.sessions.control.RefreshTokens;
import io.portero.sessions.control.SessionStore;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Login, refresh, logout and tokens, black-box over HTTP against Payara Micro and PostgreSQL. */
class AuthIT extends IntegrationTest {

    @Test
    void loginReturnsTokensThatOpenTheApi() {
        String user = newUser("login");
        Api.Reply reply = api.loginReply(
                user,
                Api.PASSWORD,
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
                        + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertEquals("Bearer", body.getString("token_type"));
        assertEquals(300, body.getInt("access_expires_in"));
        assertTrue(body.getString("refresh").length() >= 43, "refresh token carries at least 256 bits");
        String sessionId = body.getString("session_id");
        UUID.fromString(sessionId);

        JsonObject me = api.get("api/me/", body.getString("access")).json();
        assertEquals(user, me.getString("username"));
        assertEquals(sessionId, me.getString("session_id"));
        assertEquals("[\"user\"]", me.getJsonArray("roles").toString());

        assertEquals(
                "Safari on iOS",
                Db.string("SELECT device_label FROM user_session WHERE id = ?", UUID.fromString(sessionId)));
        assertEquals(
                "127.0.0.1", Db.string("SELECT ip_address FROM user_session WHERE id = ?", UUID.fromString(sessionId)));
        assertEquals(
                null,
                Db.string("SELECT refresh_token_hash FROM user_session WHERE id = ?", UUID.fromString(sessionId)),
                "nothing of the refresh token is stored, only its generation");
        assertEquals(
                "0", Db.string("SELECT refresh_generation FROM user_session WHERE id = ?", UUID.fromString(sessionId)));
    }

    @Test
    void accessTokenCarriesTheStandardClaimsAndTheSession() {
        String user = newUser("claims");
        Api.Login login = api.login(user, Api.PASSWORD);
        String[] parts = login.access().split("\\.");
        JsonObject header =
                Json.createReader(new StringReader(TestTokens.decode(parts[0]))).readObject();
        JsonObject claims =
                Json.createReader(new StringReader(TestTokens.decode(parts[1]))).readObject();
        assertEquals("RS256", header.getString("alg"));
        assertEquals(TestTokens.serverKid(), header.getString("kid"));
        assertEquals("portero", claims.getString("iss"));
        assertEquals(user, claims.getString("upn"));
        assertEquals(login.sessionId(), claims.getString("sid"));
        assertNotNull(claims.getString("jti"));
        assertEquals(
                300,
                claims.getJsonNumber("exp").longValue()
                        - claims.getJsonNumber("iat").longValue());

        JsonObject jwks = api.get(".well-known/jwks.json", null).json();
        Set<String> kids = jwks.getJsonArray("keys").stream()
                .map(k -> k.asJsonObject().getString("kid"))
                .collect(Collectors.toSet());
        assertTrue(kids.contains(header.getString("kid")), "the JWKS publishes the key that signed the token");
        assertFalse(jwks.toString().contains("\"d\""), "no private key material in the JWKS");
    }

    @Test
    void usernamesAreCaseInsensitiveAtLoginAndKeptAsWritten() {
        String user = api.createUser(api.adminToken(), Api.uniqueName("MixedCase"));
        Api.Login login = api.login(user.toUpperCase(Locale.ROOT), Api.PASSWORD);
        assertEquals(user, api.get("api/me", login.access()).json().getString("username"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String user = newUser("wrong");
        Api.Reply wrong = api.loginReply(user, "not-the-password", null);
        Api.Reply unknown = api.loginReply(Api.uniqueName("nobody"), "not-the-password", null);
        assertEquals(401, wrong.status());
        assertEquals(401, unknown.status());
        assertEquals("invalid_credentials", wrong.code());
        assertEquals(wrong.json().getString("detail"), unknown.json().getString("detail"));
        assertEquals(wrong.json().keySet(), unknown.json().keySet());
        assertEquals(Problem.MEDIA_TYPE, wrong.header("Content-Type").split(";")[0]);
        assertEquals(0, Db.liveRows(user));
    }

    @Test
    void disabledUserGetsForbiddenOnlyWithTheRightPassword() {
        String admin = api.adminToken();
        String user = api.createUser(admin, Api.uniqueName("disabled"));
        Api.Reply patch = api.request("PATCH", "api/admin/users/" + user)
                .bearer(admin)
                .json("{\"enabled\":false}")
                .send();
        assertEquals(200, patch.status(), patch::toString);
        Api.Reply right = api.loginReply(user, Api.PASSWORD, null);
        assertEquals(403, right.status());
        assertEquals("account_disabled", right.code());
        Api.Reply wrong = api.loginReply(user, "bad-password-1", null);
        assertEquals(401, wrong.status());
        assertEquals("invalid_credentials", wrong.code());
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        Api.Login login = api.login(newUser("rotate"), Api.PASSWORD);
        Api.Reply first = api.post("api/token/refresh/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
        assertEquals(200, first.status(), first::toString);
        String next = first.json().getString("refresh");
        assertNotEquals(login.refresh(), next);
        assertEquals(200, api.get("api/me", first.json().getString("access")).status());

        Api.Reply second = api.post("api/token/refresh", "{\"refresh\":\"" + next + "\"}", null);
        assertEquals(200, second.status(), "the rotated token works once: " + second);
    }

    @Test
    void reusingARotatedRefreshTokenEndsTheWholeSession() {
        Api.Login login = api.login(newUser("reuse"), Api.PASSWORD);
        String next = api.post("api/token/refresh/", "{\"refresh\":\"" + login.refresh() + "\"}", null)
                .json()
                .getString("refresh");

        Api.Reply reuse = api.post("api/token/refresh/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
        assertEquals(401, reuse.status());
        assertEquals("refresh_token_reused", reuse.code());
        assertEquals("REFRESH_REUSED", Db.endReason(login.sessionId()));

        Api.Reply legitimate = api.post("api/token/refresh/", "{\"refresh\":\"" + next + "\"}", null);
        assertEquals(401, legitimate.status(), "the newest token dies with its session");
        assertEquals("refresh_token_reused", legitimate.code());
        Api.Reply access = api.get("api/me", login.access());
        assertEquals(401, access.status());
        assertEquals("refresh_token_reused", access.code());
    }

    @Test
    void oneTokenRefreshedFourTimesAtOnceRotatesOnceAndTheOthersAreReuse() throws Exception {
        Api.Login login = api.login(newUser("race"), Api.PASSWORD);
        String body = "{\"refresh\":\"" + login.refresh() + "\"}";
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return api.post("api/token/refresh/", body, null);
                }));
            }
            start.countDown();
            List<Api.Reply> done = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                done.add(reply.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, done.stream().filter(r -> r.status() == 200).count(), done::toString);
            assertEquals(
                    3,
                    done.stream()
                            .filter(r -> r.status() == 401 && "refresh_token_reused".equals(r.code()))
                            .count(),
                    done::toString);
        } finally {
            pool.shutdownNow();
        }
        assertEquals("REFRESH_REUSED", Db.endReason(login.sessionId()), "a token used twice ends its session");
    }

    @Test
    void theRefreshShortcutAnswersAsTheResourceDoes() {
        Api.Login login = api.login(newUser("refreshcut"), Api.PASSWORD);
        // Accept: */* is the shortcut's plain case (decision 0025); a list of media types goes to the resource.
        Api.Reply shortcut = api.request("POST", "api/token/refresh/")
                .header("Accept", "*/*")
                .json("{\"refresh\":\"" + login.refresh() + "\"}")
                .send();
        assertEquals(200, shortcut.status(), shortcut::toString);
        String next = shortcut.json().getString("refresh");
        Api.Reply resource = api.request("POST", "api/token/refresh/")
                .header("Accept", "application/json, text/plain;q=0.5")
                .json("{\"refresh\":\"" + next + "\"}")
                .send();
        assertEquals(200, resource.status(), resource::toString);
        for (String header :
                List.of("Content-Type", "Cache-Control", "Pragma", "X-Content-Type-Options", "Set-Cookie")) {
            assertEquals(resource.header(header), shortcut.header(header), header);
        }
        assertEquals(
                List.copyOf(resource.json().keySet()),
                List.copyOf(shortcut.json().keySet()),
                "same fields, same order");
        assertEquals(resource.json().get("token_type"), shortcut.json().get("token_type"));
        assertEquals(resource.json().get("access_expires_in"), shortcut.json().get("access_expires_in"));
        assertEquals(200, api.get("api/me", shortcut.json().getString("access")).status());
        assertEquals(200, api.get("api/me", resource.json().getString("access")).status());

        // What the shortcut reads and does not take reaches the resource intact.
        String latest = resource.json().getString("refresh");
        Api.Reply truncated = api.post("api/token/refresh/", "{\"refresh\":\"" + latest + "\"", null);
        assertEquals(400, truncated.status(), truncated::toString);
        assertEquals("malformed_json", truncated.code());
        Api.Reply padded = api.post(
                "api/token/refresh/", "{\"refresh\":\"" + latest + "\",\"note\":\"" + "x".repeat(2000) + "\"}", null);
        assertEquals(200, padded.status(), "a body above the shortcut's size is the resource's: " + padded);
        Api.Reply form = api.request("POST", "api/token/refresh/")
                .body(
                        "application/x-www-form-urlencoded",
                        ("refresh=" + padded.json().getString("refresh")).getBytes())
                .send();
        assertEquals(415, form.status(), form::toString);

        // The token a shortcut answer rotated away is reuse, told by the resource; the session ends.
        Api.Reply reuse = api.post("api/token/refresh/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
        assertEquals(401, reuse.status(), reuse::toString);
        assertEquals("refresh_token_reused", reuse.code());
        assertEquals("REFRESH_REUSED", Db.endReason(login.sessionId()));
    }

    @Test
    void aRefreshTokenWithAForgedGenerationOrSessionIsInvalidAndEndsNothing() {
        Api.Login victim = api.login(newUser("forgedvictim"), Api.PASSWORD);
        Api.Login attacker = api.login(newUser("forger"), Api.PASSWORD);
        String mac = attacker.refresh().substring(attacker.refresh().indexOf('.'));
        byte[] body = Base64.getUrlDecoder()
                .decode(victim.refresh().substring(0, victim.refresh().indexOf('.')));
        List<String> forged = new ArrayList<>();
        forged.add(victim.refresh().substring(0, victim.refresh().indexOf('.'))
                + mac); // the victim's session, another MAC
        for (long generation : new long[] {0, 1, -1}) {
            ByteBuffer.wrap(body).putLong(16, generation);
            forged.add(Base64.getUrlEncoder().withoutPadding().encodeToString(body) + mac);
        }

        for (String token : forged) {
            Api.Reply refresh = api.post("api/token/refresh/", "{\"refresh\":\"" + token + "\"}", null);
            assertEquals(401, refresh.status(), token);
            assertEquals("invalid_refresh_token", refresh.code(), token);
            assertEquals(
                    204,
                    api.post("api/logout/", "{\"refresh\":\"" + token + "\"}", null)
                            .status());
        }
        assertEquals(200, api.get("api/me", victim.access()).status(), "a forged token neither refreshed nor ended it");
        assertEquals(200, api.get("api/me", attacker.access()).status());
        assertEquals(
                200,
                api.post("api/token/refresh/", "{\"refresh\":\"" + victim.refresh() + "\"}", null)
                        .status(),
                "the victim's own token still refreshes");
    }

    /** Sets a session's generation back, as a PostgreSQL crash after its asynchronous commits would (decision 0027). */
    private static void loseRotations(Api.Login login, long generation) {
        assertEquals(
                1,
                Db.update(
                        "UPDATE user_session SET refresh_generation = ? WHERE id = ?",
                        generation,
                        UUID.fromString(login.sessionId())));
    }

    private String refreshed(String token) {
        Api.Reply reply = api.post("api/token/refresh/", "{\"refresh\":\"" + token + "\"}", null);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getString("refresh");
    }

    @Test
    void aTokenWhoseRotationTheDatabaseLostRefreshesAndTheOneBeforeItIsStillReuse() {
        Api.Login login = api.login(newUser("lostrotation"), Api.PASSWORD);
        String first = refreshed(login.refresh());
        loseRotations(login, 0);

        String second = refreshed(first);
        assertEquals(
                "2",
                Db.string(
                        "SELECT refresh_generation FROM user_session WHERE id = ?", UUID.fromString(login.sessionId())),
                "caught up to the lost generation, then rotated");
        String third = refreshed(second);

        Api.Reply reuse = api.post("api/token/refresh/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
        assertEquals(401, reuse.status(), reuse::toString);
        assertEquals("refresh_token_reused", reuse.code());
        assertEquals("REFRESH_REUSED", Db.endReason(login.sessionId()));
        assertEquals(
                401,
                api.post("api/token/refresh/", "{\"refresh\":\"" + third + "\"}", null)
                        .status());
    }

    @Test
    void aTokenTwoGenerationsAheadIsInvalidAndEndsNothing() {
        Api.Login login = api.login(newUser("twoahead"), Api.PASSWORD);
        String twoAhead = refreshed(refreshed(login.refresh()));
        loseRotations(login, 0);

        Api.Reply refresh = api.post("api/token/refresh/", "{\"refresh\":\"" + twoAhead + "\"}", null);
        assertEquals(401, refresh.status(), refresh::toString);
        assertEquals("invalid_refresh_token", refresh.code());
        assertEquals(
                204,
                api.post("api/logout/", "{\"refresh\":\"" + twoAhead + "\"}", null)
                        .status());
        assertEquals(null, Db.endReason(login.sessionId()), "neither the refresh nor the logout ended it");
        assertEquals(200, api.get("api/me", login.access()).status());
    }

    @Test
    void aTokenWhoseRotationTheDatabaseLostStillLogsOut() {
        Api.Login login = api.login(newUser("lostlogout"), Api.PASSWORD);
        String first = refreshed(login.refresh());
        loseRotations(login, 0);

        assertEquals(
                204,
                api.post("api/logout/", "{\"refresh\":\"" + first + "\"}", null).status());
        assertEquals("LOGOUT", Db.endReason(login.sessionId()));
    }

    @Test
    void theAsynchronousRotationCommitsAsynchronouslyOnlyWhenItRotatedAndOnlyThatTransaction() throws Exception {
        Api.Login login = api.login(newUser("asynccommit"), Api.PASSWORD);
        UUID session = UUID.fromString(login.sessionId());
        long longAgo = 946_684_800_000_000L; // 2000-01-01T00:00:00Z in microseconds since the epoch
        try (Connection connection = Db.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement rotate = connection.prepareStatement(SessionStore.rotation(RefreshCommit.ASYNC))) {
                presented(rotate, new Presented(session, 5, longAgo, longAgo)); // not its generation: nothing rotates
                assertFalse(rotate.executeQuery().next());
                assertEquals("on", synchronousCommit(connection), "nothing rotated, nothing changed");

                presented(rotate, new Presented(session, 0, longAgo, longAgo));
                assertTrue(rotate.executeQuery().next());
                assertEquals("off", synchronousCommit(connection), "this transaction commits asynchronously");
            }
            connection.commit();
            assertEquals("on", synchronousCommit(connection), "the next one does not");
        }
        assertEquals("1", Db.string("SELECT refresh_generation FROM user_session WHERE id = ?", session));
        assertFalse(SessionStore.rotation(RefreshCommit.SYNC).contains("synchronous_commit"));
    }

    @Test
    void theRotationsCutOffsAreExactToTheMicrosecond() throws Exception {
        Api.Login login = api.login(newUser("cutoffs"), Api.PASSWORD);
        UUID session = UUID.fromString(login.sessionId());
        long started = Long.parseLong(Db.string(
                "SELECT (extract(epoch FROM started_at) * 1000000)::bigint FROM user_session WHERE id = ?", session));
        long active = Long.parseLong(Db.string(
                "SELECT (extract(epoch FROM last_activity_at) * 1000000)::bigint FROM user_session WHERE id = ?",
                session));
        try (Connection connection = Db.connect();
                PreparedStatement rotate = connection.prepareStatement(SessionStore.rotation(RefreshCommit.SYNC))) {
            presented(rotate, new Presented(session, 0, started, active - 1));
            assertFalse(rotate.executeQuery().next(), "started exactly at the lifetime cut-off: over");
            presented(rotate, new Presented(session, 0, started - 1, active));
            assertFalse(rotate.executeQuery().next(), "last active exactly at the idle cut-off: over");
            presented(rotate, new Presented(session, 0, started - 1, active - 1));
            try (ResultSet rotated = rotate.executeQuery()) {
                assertTrue(rotated.next(), "a microsecond inside both cut-offs: rotated");
                assertEquals(session, rotated.getObject(1));
            }
        }
        assertEquals("1", Db.string("SELECT refresh_generation FROM user_session WHERE id = ?", session));
    }

    @Test
    void oneStatementRotatesTheCurrentTokensOfManySessionsAndNothingElse() throws Exception {
        long longAgo = 946_684_800_000_000L;
        UUID first =
                UUID.fromString(api.login(newUser("batchone"), Api.PASSWORD).sessionId());
        UUID second =
                UUID.fromString(api.login(newUser("batchtwo"), Api.PASSWORD).sessionId());
        UUID stale =
                UUID.fromString(api.login(newUser("batchstale"), Api.PASSWORD).sessionId());
        UUID ended =
                UUID.fromString(api.login(newUser("batchended"), Api.PASSWORD).sessionId());
        Db.update(
                "UPDATE user_session SET active = FALSE, ended_at = now(), end_reason = 'LOGOUT' WHERE id = ?", ended);
        try (Connection connection = Db.connect();
                PreparedStatement rotate = connection.prepareStatement(SessionStore.rotation(RefreshCommit.ASYNC))) {
            presented(
                    rotate,
                    new Presented(first, 0, longAgo, longAgo),
                    new Presented(stale, 3, longAgo, longAgo), // not its generation
                    new Presented(second, 0, longAgo, longAgo),
                    new Presented(ended, 0, longAgo, longAgo), // not live
                    new Presented(UUID.randomUUID(), 0, longAgo, longAgo)); // no such session
            List<UUID> rotated = new ArrayList<>();
            try (ResultSet rows = rotate.executeQuery()) {
                while (rows.next()) {
                    rotated.add(rows.getObject(1, UUID.class));
                    assertTrue(rows.getString(4).startsWith("batch"), "the account's name comes with it");
                }
            }
            assertEquals(Set.of(first, second), Set.copyOf(rotated));
            assertEquals(2, rotated.size());
        }
        for (UUID session : List.of(first, second)) {
            assertEquals("1", Db.string("SELECT refresh_generation FROM user_session WHERE id = ?", session));
        }
        for (UUID session : List.of(stale, ended)) {
            assertEquals("0", Db.string("SELECT refresh_generation FROM user_session WHERE id = ?", session));
        }
    }

    @Test
    void manySessionsRefreshedAtOnceEachRotateEveryTime() throws Exception {
        int sessions = 12;
        int rounds = 5;
        List<Api.Login> logins = new ArrayList<>();
        for (int i = 0; i < sessions / 2; i++) {
            String username = newUser("together" + i);
            logins.add(api.login(username, Api.PASSWORD));
            logins.add(api.login(username, Api.PASSWORD));
        }
        List<String> tokens =
                new ArrayList<>(logins.stream().map(Api.Login::refresh).toList());
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            for (int round = 0; round < rounds; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Api.Reply>> replies = new ArrayList<>();
                for (String token : tokens) {
                    replies.add(pool.submit(() -> {
                        start.await();
                        return api.post("api/token/refresh/", "{\"refresh\":\"" + token + "\"}", null);
                    }));
                }
                start.countDown();
                for (int i = 0; i < sessions; i++) {
                    Api.Reply reply = replies.get(i).get(60, TimeUnit.SECONDS);
                    assertEquals(200, reply.status(), reply::toString);
                    tokens.set(i, reply.json().getString("refresh"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (Api.Login login : logins) {
            assertEquals(
                    String.valueOf(rounds),
                    Db.string(
                            "SELECT refresh_generation FROM user_session WHERE id = ?",
                            UUID.fromString(login.sessionId())));
            assertEquals(null, Db.endReason(login.sessionId()));
        }
        assertEquals(sessions, Set.copyOf(tokens).size(), "every session holds its own token");
    }

    /** A refresh token presented to the rotation statement: its session, generation and cut-offs. */
    private record Presented(UUID session, long generation, long lifetimeCutoff, long idleCutoff) {}

    /** Binds the rotation statement's four arrays. */
    private static void presented(PreparedStatement rotate, Presented... tokens) throws SQLException {
        rotate.setArray(
                1,
                rotate.getConnection()
                        .createArrayOf(
                                "uuid",
                                Arrays.stream(tokens).map(Presented::session).toArray()));
        rotate.setObject(
                2, Arrays.stream(tokens).mapToLong(Presented::generation).toArray());
        rotate.setObject(
                3, Arrays.stream(tokens).mapToLong(Presented::lifetimeCutoff).toArray());
        rotate.setObject(
                4, Arrays.stream(tokens).mapToLong(Presented::idleCutoff).toArray());
    }

    private static String synchronousCommit(Connection connection) throws SQLException {
        try (Statement show = connection.createStatement();
                ResultSet value = show.executeQuery("SHOW synchronous_commit")) {
            value.next();
            return value.getString(1);
        }
    }

    /**
     * Makes the login's session look opened before decision 0026: its current token an opaque one,
     * known by its hash only. Answers that token.
     */
    private static String openedBeforeGenerations(Api.Login login) {
        String opaque = "opaque-" + UUID.randomUUID() + UUID.randomUUID();
        assertEquals(
                1,
                Db.update(
                        "UPDATE user_session SET refresh_token_hash = ? WHERE id = ?",
                        RefreshTokens.hash(opaque),
                        UUID.fromString(login.sessionId())));
        return opaque;
    }

    @Test
    void anOpaqueTokenFromBeforeGenerationsRefreshesIntoTheNewFormatAndItsReuseIsCaught() {
        Api.Login login = api.login(newUser("opaque"), Api.PASSWORD);
        String opaque = openedBeforeGenerations(login);

        Api.Reply first = api.post("api/token/refresh/", "{\"refresh\":\"" + opaque + "\"}", null);
        assertEquals(200, first.status(), first::toString);
        String next = first.json().getString("refresh");
        assertTrue(next.contains("."), next);
        assertEquals(
                null,
                Db.string(
                        "SELECT refresh_token_hash FROM user_session WHERE id = ?",
                        UUID.fromString(login.sessionId())));
        assertEquals(
                1,
                Db.count(
                        "SELECT COUNT(*) FROM retired_refresh_token WHERE token_hash = ?", RefreshTokens.hash(opaque)));
        assertEquals(
                200,
                api.post("api/token/refresh/", "{\"refresh\":\"" + next + "\"}", null)
                        .status());

        Api.Reply reuse = api.post("api/token/refresh/", "{\"refresh\":\"" + opaque + "\"}", null);
        assertEquals(401, reuse.status());
        assertEquals("refresh_token_reused", reuse.code());
        assertEquals("REFRESH_REUSED", Db.endReason(login.sessionId()));
    }

    @Test
    void anOpaqueTokenFromBeforeGenerationsStillLogsOut() {
        Api.Login login = api.login(newUser("opaquelogout"), Api.PASSWORD);
        String opaque = openedBeforeGenerations(login);

        assertEquals(
                204,
                api.post("api/logout/", "{\"refresh\":\"" + opaque + "\"}", null)
                        .status());
        assertEquals("LOGOUT", Db.endReason(login.sessionId()));
    }

    @Test
    void unknownRefreshTokenIsRefused() {
        Api.Reply reply = api.post("api/token/refresh/", "{\"refresh\":\"" + "x".repeat(43) + "\"}", null);
        assertEquals(401, reply.status());
        assertEquals("invalid_refresh_token", reply.code());
    }

    @Test
    void logoutRefusesTheAccessTokenOnItsVeryNextRequest() {
        Api.Login login = api.login(newUser("logout"), Api.PASSWORD);
        assertEquals(200, api.get("api/me", login.access()).status());

        Api.Reply logout = api.post("api/logout/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
        assertEquals(204, logout.status(), logout::toString);

        Api.Reply after = api.get("api/me", login.access());
        assertEquals(401, after.status());
        assertEquals("session_ended", after.code());
        assertEquals("LOGOUT", Db.endReason(login.sessionId()));

        Api.Reply refresh = api.post("api/token/refresh/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
        assertEquals(401, refresh.status());
        assertEquals("session_ended", refresh.code());

        assertEquals(
                204,
                api.post("api/logout", "{\"refresh_token\":\"" + login.refresh() + "\"}", null)
                        .status(),
                "logging out again is still 204");
    }

    @Test
    void logoutWorksWithOnlyTheBearerTokenAndWithoutABody() {
        Api.Login login = api.login(newUser("bearerlogout"), Api.PASSWORD);
        Api.Reply logout =
                api.request("POST", "api/logout/").bearer(login.access()).send();
        assertEquals(204, logout.status(), logout::toString);
        assertEquals(
                "session_ended", api.get("api/session-status/", login.access()).code());
        assertEquals(
                204,
                api.request("POST", "api/logout/").bearer(login.access()).send().status());
        assertEquals(204, api.request("POST", "api/logout/").send().status(), "nothing to log out is not an error");
    }

    @Test
    void tokensThatAreForgedExpiredOrMisissuedAreRefused() {
        Api.Login login = api.login(newUser("forged"), Api.PASSWORD);
        String[] parts = login.access().split("\\.");
        String claims = TestTokens.decode(parts[1]);
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + TestTokens.serverKid() + "\"}";

        String none = TestTokens.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String tampered = parts[0] + "."
                + TestTokens.encode(claims.replace("\"groups\":[\"user\"]", "\"groups\":[\"admin\",\"user\"]")) + "."
                + parts[2];
        String wrongKey = TestTokens.signed(header, claims, TestTokens.randomKey());
        String expired = TestTokens.signed(
                header,
                claims.replaceAll("\"iat\":\\d+", "\"iat\":" + (now - 900))
                        .replaceAll("\"exp\":\\d+", "\"exp\":" + (now - 600)),
                TestTokens.serverKey());
        String wrongIssuer = TestTokens.signed(
                header, claims.replace("\"iss\":\"portero\"", "\"iss\":\"evil\""), TestTokens.serverKey());
        String garbage = "not.a.jwt";

        for (String token : new String[] {none, tampered, wrongKey, expired, wrongIssuer, garbage}) {
            Api.Reply reply = api.get("api/me", token);
            assertEquals(401, reply.status(), () -> "must refuse " + token + ": " + reply);
            assertEquals("invalid_token", reply.code());
            assertFalse(reply.body().contains("Exception"), reply::toString);
        }
        Api.Reply admin = api.get("api/admin/users", tampered);
        assertEquals(401, admin.status(), "a tampered role claim gains nothing");

        String stillValid = TestTokens.signed(header, claims, TestTokens.serverKey());
        assertEquals(
                200,
                api.get("api/me", stillValid).status(),
                "the same claims correctly signed pass: the checks above are real");
    }

    @Test
    void aRequestWithoutTokenIsUnauthenticated() {
        Api.Reply reply = api.get("api/me", null);
        assertEquals(401, reply.status());
        assertEquals("not_authenticated", reply.code());
    }

    @Test
    void usersAreForbiddenFromAdminRoutes() {
        Api.Login login = api.login(newUser("plain"), Api.PASSWORD);
        for (String path : new String[] {"api/admin/users", "api/admin/sessions"}) {
            Api.Reply reply = api.get(path, login.access());
            assertEquals(403, reply.status(), path);
            assertEquals("forbidden", reply.code());
        }
        Api.Reply create =
                api.post("api/admin/users", "{\"username\":\"x\",\"password\":\"long-enough-1\"}", login.access());
        assertEquals(403, create.status());
        assertEquals(0, Db.count("SELECT COUNT(*) FROM account WHERE username_key = 'x'"));
    }

    @Test
    void malformedAndInvalidBodiesGetPreciseProblems() {
        Api.Reply malformed =
                api.request("POST", "api/token/").json("{\"username\":").send();
        assertEquals(400, malformed.status());
        assertEquals("malformed_json", malformed.code());

        Api.Reply missing = api.request("POST", "api/token/")
                .header("Accept-Language", "en")
                .json("{}")
                .send();
        assertEquals(400, missing.status());
        assertEquals("validation_failed", missing.code());
        assertEquals("Some fields are not valid.", missing.json().getString("detail"));
        Set<String> fields = missing.json().getJsonArray("violations").stream()
                .map(v -> v.asJsonObject().getString("field"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("username", "password"), fields);

        Api.Reply tooLong = api.request("POST", "api/token/")
                .json(Api.credentials("u".repeat(151), "p"))
                .send();
        assertEquals(400, tooLong.status());
        assertEquals(
                "too_long",
                tooLong.json().getJsonArray("violations").getJsonObject(0).getString("code"));

        Api.Reply hugeRefresh = api.post("api/token/refresh/", "{\"refresh\":\"" + "r".repeat(513) + "\"}", null);
        assertEquals(400, hugeRefresh.status());
        assertEquals("validation_failed", hugeRefresh.code());

        Api.Reply wrongType = api.request("POST", "api/token/").json("[1,2,3]").send();
        assertEquals(400, wrongType.status(), wrongType::toString);

        Api.Reply noBody = api.request("POST", "api/token/")
                .header("Content-Type", "application/json")
                .send();
        assertEquals(400, noBody.status(), noBody::toString);
    }

    @Test
    void oversizedBodiesAreRefusedBeforeTheyAreRead() {
        String huge = "{\"username\":\"" + "a".repeat(100_000) + "\",\"password\":\"x\"}";
        Api.Reply reply = api.request("POST", "api/token/").json(huge).send();
        assertEquals(413, reply.status());
        assertEquals("payload_too_large", reply.code());
    }

    @Test
    void wrongMediaTypeRouteAndMethodAreProblemsToo() {
        Api.Reply text = api.request("POST", "api/token/")
                .body("text/plain", "hello".getBytes())
                .send();
        assertEquals(415, text.status());
        assertEquals("unsupported_media_type", text.code());

        Api.Reply route = api.get("api/no-such-thing", null);
        assertEquals(404, route.status());
        assertEquals("not_found", route.code());
        Api.Reply outside = api.get("no-such-page", null);
        assertEquals(404, outside.status());
        assertEquals("not_found", outside.code());

        Api.Reply method = api.get("api/token/", null);
        assertEquals(405, method.status());
        assertEquals("method_not_allowed", method.code());
    }

    @Test
    void detailsAreSpanishByDefaultAndEnglishOnRequest() {
        Api.Reply spanish = api.loginReply(Api.uniqueName("nobody"), "whatever-1", null);
        assertEquals("Usuario o contraseña incorrectos.", spanish.json().getString("detail"));
        Api.Reply english = api.request("POST", "api/token/")
                .header("Accept-Language", "en-GB,en;q=0.8")
                .json(Api.credentials(Api.uniqueName("nobody"), "whatever-1"))
                .send();
        assertEquals("Wrong username or password.", english.json().getString("detail"));
    }

    @Test
    void healthProbesAndTheApiDescriptionAreServed() {
        Api.Reply ready = api.health("health/ready");
        assertEquals(200, ready.status(), ready::toString);
        assertEquals("UP", ready.json().getString("status"));
        assertTrue(ready.body().contains("\"database\""), ready::toString);
        assertEquals(200, api.health("health/live").status());
        Api.Reply openapi = api.get("openapi", null);
        assertEquals(200, openapi.status());
        for (String path : new String[] {
            "/api/token:",
            "/api/token/refresh:",
            "/api/logout:",
            "/api/me:",
            "/api/session-status:",
            "/api/change-password:",
            "/api/sessions/{id}:",
            "/api/admin/sessions:",
            "/api/admin/users/{username}:"
        }) {
            assertTrue(openapi.body().contains(path), "OpenAPI describes " + path);
        }
        assertTrue(openapi.body().contains("session_limit_reached"), "error codes are documented");
    }

    @Test
    void usersMigratedFromDjangoLogInAndAreRehashedToArgon2id() {
        String user = Api.uniqueName("django");
        Db.update(
                "INSERT INTO account (id, username, username_key, email, password_hash, roles, enabled, created_at, password_changed_at) "
                        + "VALUES (?, ?, lower(?), NULL, ?, 'user', TRUE, now(), now())",
                UUID.randomUUID(),
                user,
                user,
                "pbkdf2_sha256$260000$PorteroLegacySalt1$wStEkmvHY0Sr3YKucAT8lSAzyEAgR+o3i4sAHT260dA=");
        assertEquals(401, api.loginReply(user, "not-the-legacy-pass", null).status());
        assertTrue(
                Db.string("SELECT password_hash FROM account WHERE username_key = lower(?)", user)
                        .startsWith("pbkdf2_sha256$"),
                "a failed login rewrites nothing");

        Api.Reply reply = api.loginReply(user, "django-legacy-pass", null);
        assertEquals(200, reply.status(), reply::toString);
        String rehashed = Db.string("SELECT password_hash FROM account WHERE username_key = lower(?)", user);
        assertTrue(rehashed.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), rehashed);
        api.post("api/logout/", "{\"refresh\":\"" + reply.json().getString("refresh") + "\"}", null);
        assertEquals(
                200,
                api.loginReply(user, "django-legacy-pass", null).status(),
                "the new hash verifies the same password");
    }

    /** The problem media type, as clients see it. */
    static final class Problem {
        static final String MEDIA_TYPE = "application/problem+json";
    }
}
