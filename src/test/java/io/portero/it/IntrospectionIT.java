package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.platform.problem.Problem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Token introspection (RFC 7662) seen by a backend: a live session's access token is active with
 * its claims; a token whose session ended for any reason, or that is forged, expired or a refresh
 * token, is only {@code {"active": false}}; callers must be a configured client; and asking is never
 * activity. The deployment runs with an 8-second idle timeout, a 40-second lifetime and the client
 * {@link #CLIENT} (PORTERO_INTROSPECTION_CLIENTS in the failsafe execution).
 */
class IntrospectionIT extends IntegrationTest {

    static final String CLIENT = "it-backend";
    static final String SECRET = "it-introspection-secret-42";
    static final String PATH = "api/token/introspect";
    static final String FORM = "application/x-www-form-urlencoded";
    static final JsonObject INACTIVE =
            Json.createObjectBuilder().add("active", false).build();

    private static String basic(String name, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String form(String token) {
        return "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private Api.Reply introspect(String authorization, String form) {
        Api.Request request = api.request("POST", PATH).body(FORM, form.getBytes(StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.send();
    }

    private Api.Reply introspect(String token) {
        return introspect(basic(CLIENT, SECRET), form(token));
    }

    private void assertInactive(String token) {
        Api.Reply reply = introspect(token);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(INACTIVE, reply.json(), "nothing but active: false");
    }

    private void assertActive(String token) {
        Api.Reply reply = introspect(token);
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.json().getBoolean("active"), reply::toString);
    }

    private static String accountId(String username) {
        return Db.string("SELECT id::text FROM account WHERE username_key = lower(?)", username);
    }

    private static String lastActivity(String sessionId) {
        return Db.string("SELECT last_activity_at::text FROM user_session WHERE id = ?", UUID.fromString(sessionId));
    }

    // ---- a live token ---------------------------------------------------------------------------

    @Test
    void aLiveSessionsAccessTokenIsActiveWithItsClaims() {
        String user = newUser("introspect");
        Api.Login login = api.login(user, Api.PASSWORD);

        Api.Reply reply = introspect(login.access());

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json", reply.header("Content-Type").split(";")[0]);
        assertEquals("no-store", reply.header("Cache-Control"));
        JsonObject body = reply.json();
        assertTrue(body.getBoolean("active"));
        assertEquals(accountId(user), body.getString("sub"));
        assertEquals(user, body.getString("username"));
        assertEquals(login.sessionId(), body.getString("sid"));
        assertEquals("[\"user\"]", body.getJsonArray("roles").toString());
        assertEquals("portero", body.getString("iss"));
        assertEquals("Bearer", body.getString("token_type"));
        long iat = body.getJsonNumber("iat").longValue();
        long exp = body.getJsonNumber("exp").longValue();
        assertEquals(300, exp - iat, "the access TTL");
        assertTrue(Math.abs(Instant.now().getEpochSecond() - iat) < 30, "issued just now");
        assertEquals(
                Set.of("active", "sub", "username", "sid", "roles", "exp", "iat", "iss", "token_type"), body.keySet());
    }

    @Test
    void theTokenTypeHintIsAcceptedAndDoesNotChangeTheAnswer() {
        Api.Login login = api.login(newUser("hint"), Api.PASSWORD);
        for (String hint : new String[] {"access_token", "refresh_token", "something_else"}) {
            Api.Reply reply = introspect(basic(CLIENT, SECRET), form(login.access()) + "&token_type_hint=" + hint);
            assertEquals(200, reply.status(), reply::toString);
            assertTrue(reply.json().getBoolean("active"), hint);
        }
        Api.Reply refresh = introspect(basic(CLIENT, SECRET), form(login.refresh()) + "&token_type_hint=refresh_token");
        assertEquals(INACTIVE, refresh.json(), "a refresh token is never active, hint or not");
    }

    // ---- every end reason -----------------------------------------------------------------------

    @Test
    void loggedOutIsInactive() {
        Api.Login login = api.login(newUser("i_logout"), Api.PASSWORD);
        assertActive(login.access());
        assertEquals(
                204,
                api.post("api/logout/", "{\"refresh\":\"" + login.refresh() + "\"}", null)
                        .status());
        assertInactive(login.access());
        assertEquals("LOGOUT", Db.endReason(login.sessionId()));
    }

    @Test
    void idleIsInactiveAndTheEndIsWrittenDown() {
        Api.Login login = api.login(newUser("i_idle"), Api.PASSWORD);
        Db.ageActivity(login.sessionId(), 9);
        assertInactive(login.access());
        assertEquals("IDLE_TIMEOUT", Db.endReason(login.sessionId()));
    }

    @Test
    void pastTheMaximumLifetimeIsInactive() {
        Api.Login login = api.login(newUser("i_lifetime"), Api.PASSWORD);
        Db.ageStart(login.sessionId(), 41);
        assertInactive(login.access());
        assertEquals("MAX_LIFETIME", Db.endReason(login.sessionId()));
    }

    /**
     * This execution runs the reject policy, under which no login evicts; the eviction is written as
     * evict-oldest writes it (EvictOldestAndTimerIT covers the eviction itself), and introspection
     * must read it like any other end.
     */
    @Test
    void evictedIsInactive() {
        Api.Login login = api.login(newUser("i_evicted"), Api.PASSWORD);
        assertActive(login.access());
        Db.update(
                "UPDATE user_session SET active = false, ended_at = now(), end_reason = 'EVICTED' WHERE id = ?",
                UUID.fromString(login.sessionId()));
        assertInactive(login.access());
        assertEquals("session_evicted", api.get("api/me", login.access()).code(), "the same end the API tells");
    }

    @Test
    void afterAPasswordChangeEveryTokenIsInactive() {
        String user = newUser("i_pwchange");
        Api.Login first = api.login(user, Api.PASSWORD);
        Api.Login second = api.login(user, Api.PASSWORD);
        Api.Reply change = api.post(
                "api/change-password/",
                "{\"current_password\":\"" + Api.PASSWORD + "\",\"new_password\":\"a-brand-new-secret\"}",
                first.access());
        assertEquals(200, change.status(), change::toString);
        assertInactive(first.access());
        assertInactive(second.access());
        assertEquals("PASSWORD_CHANGED", Db.endReason(second.sessionId()));
    }

    @Test
    void aSessionTheUserEndedIsInactiveAndTheOtherStaysActive() {
        String user = newUser("i_byuser");
        Api.Login kept = api.login(user, Api.PASSWORD);
        Api.Login ended = api.login(user, Api.PASSWORD);
        assertEquals(
                204,
                api.delete("api/sessions/" + ended.sessionId(), kept.access()).status());
        assertInactive(ended.access());
        assertActive(kept.access());
        assertEquals("REVOKED_BY_USER", Db.endReason(ended.sessionId()));
    }

    @Test
    void aSessionAnAdministratorEndedIsInactive() {
        Api.Login login = api.login(newUser("i_byadmin"), Api.PASSWORD);
        assertEquals(
                204,
                api.delete("api/admin/sessions/" + login.sessionId(), api.adminToken())
                        .status());
        assertInactive(login.access());
        assertEquals("REVOKED_BY_ADMIN", Db.endReason(login.sessionId()));
    }

    @Test
    void aDisabledAccountsTokensAreInactive() {
        String user = newUser("i_disabled");
        Api.Login login = api.login(user, Api.PASSWORD);
        Api.Reply patch = api.request("PATCH", "api/admin/users/" + user)
                .bearer(api.adminToken())
                .json("{\"enabled\":false}")
                .send();
        assertEquals(200, patch.status(), patch::toString);
        assertInactive(login.access());
        assertEquals("ACCOUNT_DISABLED", Db.endReason(login.sessionId()));
    }

    @Test
    void aReusedRefreshTokenMakesEveryTokenOfItsSessionInactive() {
        Api.Login login = api.login(newUser("i_reuse"), Api.PASSWORD);
        Api.Reply rotated = api.post("api/token/refresh/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
        assertEquals(200, rotated.status(), rotated::toString);
        String newAccess = rotated.json().getString("access");
        assertActive(newAccess);
        Api.Reply reused = api.post("api/token/refresh/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
        assertEquals("refresh_token_reused", reused.code());
        assertInactive(login.access());
        assertInactive(newAccess);
        assertEquals("REFRESH_REUSED", Db.endReason(login.sessionId()));
    }

    // ---- tokens that never were good ------------------------------------------------------------

    private static String claims(String sub, String sid, long iat, long exp, String issuer) {
        return Json.createObjectBuilder()
                .add("iss", issuer)
                .add("sub", sub)
                .add("upn", "whoever")
                .add("groups", Json.createArrayBuilder().add("user"))
                .add("sid", sid)
                .add("iat", iat)
                .add("exp", exp)
                .add("jti", UUID.randomUUID().toString())
                .build()
                .toString();
    }

    @Test
    void forgedExpiredFutureAndForeignTokensOfALiveSessionAreInactive() {
        String user = newUser("i_forged");
        Api.Login login = api.login(user, Api.PASSWORD);
        String sub = accountId(user);
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + TestTokens.serverKid() + "\"}";

        String genuine = TestTokens.signed(
                header, claims(sub, login.sessionId(), now, now + 300, "portero"), TestTokens.serverKey());
        assertActive(genuine);

        assertInactive(TestTokens.signed(
                header, claims(sub, login.sessionId(), now, now + 300, "portero"), TestTokens.randomKey()));
        assertInactive(TestTokens.signed(
                header, claims(sub, login.sessionId(), now - 600, now - 120, "portero"), TestTokens.serverKey()));
        assertInactive(TestTokens.signed(
                header, claims(sub, login.sessionId(), now + 3600, now + 3900, "portero"), TestTokens.serverKey()));
        assertInactive(TestTokens.signed(
                header, claims(sub, login.sessionId(), now, now + 300, "someone-else"), TestTokens.serverKey()));
        assertInactive(TestTokens.signed(
                header,
                claims(UUID.randomUUID().toString(), login.sessionId(), now, now + 300, "portero"),
                TestTokens.serverKey()));
        String[] parts = login.access().split("\\.");
        assertInactive(TestTokens.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
        assertInactive(parts[0] + "." + TestTokens.encode("{\"sub\":\"" + sub + "\"}") + "." + parts[2]);
        assertInactive("not-a-jwt");
        assertActive(login.access());
    }

    @Test
    void aRefreshTokenIsInactive() {
        Api.Login login = api.login(newUser("i_refresh"), Api.PASSWORD);
        assertInactive(login.refresh());
        assertActive(login.access());
    }

    @Test
    void aDemotedAdministratorsOldTokenIsInactiveUntilRefreshed() {
        String user = newUser("i_demoted");
        Api.Reply promote = api.request("PATCH", "api/admin/users/" + user)
                .bearer(api.adminToken())
                .json("{\"roles\":[\"admin\",\"user\"]}")
                .send();
        assertEquals(200, promote.status(), promote::toString);
        Api.Login login = api.login(user, Api.PASSWORD);
        assertEquals(
                "[\"admin\",\"user\"]",
                introspect(login.access()).json().getJsonArray("roles").toString());
        Api.Reply demote = api.request("PATCH", "api/admin/users/" + user)
                .bearer(api.adminToken())
                .json("{\"roles\":[\"user\"]}")
                .send();
        assertEquals(200, demote.status(), demote::toString);

        assertInactive(login.access());

        Api.Reply refreshed = api.post("api/token/refresh/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
        assertEquals(200, refreshed.status(), "the session itself is still live: " + refreshed);
        JsonObject current = introspect(refreshed.json().getString("access")).json();
        assertTrue(current.getBoolean("active"));
        assertEquals("[\"user\"]", current.getJsonArray("roles").toString());
    }

    // ---- not activity ---------------------------------------------------------------------------

    @Test
    void introspectionDoesNotExtendTheSession() {
        Api.Login login = api.login(newUser("i_passive"), Api.PASSWORD);
        Db.ageActivity(login.sessionId(), 6);
        String before = lastActivity(login.sessionId());

        assertActive(login.access());
        assertActive(login.access());

        assertEquals(before, lastActivity(login.sessionId()), "introspection is not the user's activity");
    }

    // ---- the caller -----------------------------------------------------------------------------

    private static void assertInvalidClient(Api.Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("invalid_client", reply.code());
        assertEquals("Basic realm=\"portero\"", reply.header("WWW-Authenticate"));
        assertEquals(Problem.MEDIA_TYPE, reply.header("Content-Type").split(";")[0]);
    }

    @Test
    void callersWithoutTheClientsCredentialsAreRefused() {
        Api.Login login = api.login(newUser("i_client"), Api.PASSWORD);
        String form = form(login.access());

        assertInvalidClient(introspect(basic(CLIENT, "wrong-secret"), form));
        assertInvalidClient(introspect(basic(CLIENT, SECRET + "x"), form));
        assertInvalidClient(introspect(basic("unknown-client", SECRET), form));
        assertInvalidClient(introspect(null, form));
        assertInvalidClient(introspect("Basic not-base64!", form));
        assertInvalidClient(introspect("Bearer " + login.access(), form));

        Api.Reply english = api.request("POST", PATH)
                .body(FORM, form.getBytes(StandardCharsets.UTF_8))
                .header("Accept-Language", "en")
                .send();
        assertInvalidClient(english);
        assertEquals(
                "Introspection client credentials are missing or wrong.",
                english.json().getString("detail"));
        assertActive(login.access());
    }

    @Test
    void theTokenParameterIsRequiredOnce() {
        Api.Reply missing = introspect(basic(CLIENT, SECRET), "token_type_hint=access_token");
        assertEquals(400, missing.status(), missing::toString);
        assertEquals("invalid_request", missing.code());

        Api.Reply empty = introspect(basic(CLIENT, SECRET), "token=");
        assertEquals(400, empty.status(), empty::toString);
        assertEquals("invalid_request", empty.code());

        Api.Reply twice = introspect(basic(CLIENT, SECRET), "token=a&token=b");
        assertEquals(400, twice.status(), twice::toString);
        assertEquals("invalid_request", twice.code());

        Api.Reply json = api.request("POST", PATH)
                .header("Authorization", basic(CLIENT, SECRET))
                .json("{\"token\":\"x\"}")
                .send();
        assertEquals(415, json.status(), json::toString);
    }
}
