package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The audit log seen from outside: each flow leaves its event with the right fields, a user reads
 * only their own events, the administrators' filters select what they say, and no password,
 * token or token hash is ever stored.
 */
class AuditIT extends IntegrationTest {

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleTemplate Firefox/120.0";

    @Test
    void loginAndLogoutAreRecordedWithTheDeviceAndTheUserSeesThem() throws Exception {
        String user = newUser("audit_login");
        Api.Reply reply = api.loginReply(user, Api.PASSWORD, UA);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject login = reply.json();
        String sessionId = login.getString("session_id");
        Api.Reply logout = api.post(
                "api/logout/", "{\"refresh\":\"" + login.getString("refresh") + "\"}", login.getString("access"));
        assertTrue(logout.status() < 300, logout::toString);

        // The same device again: no NEW_DEVICE_LOGIN (NewDeviceAlertsIT), so the LOGIN is the newest event.
        JsonObject second = api.loginReply(user, Api.PASSWORD, UA).json();
        Api.Login again =
                new Api.Login(second.getString("access"), second.getString("refresh"), second.getString("session_id"));
        List<JsonObject> mine = items(api.get("api/audit/", again.access()));
        JsonObject loginEvent = only(mine, "LOGIN", sessionId);
        assertEquals("SUCCESS", loginEvent.getString("outcome"));
        assertEquals(user, loginEvent.getString("username"));
        assertEquals("127.0.0.1", loginEvent.getString("ip_address"));
        assertEquals(UA, loginEvent.getString("user_agent"));
        assertTrue(loginEvent.getString("device_label").contains("Firefox"), loginEvent::toString);
        JsonObject logoutEvent = only(mine, "LOGOUT", sessionId);
        assertEquals("logout", logoutEvent.getJsonObject("details").getString("reason"));
        assertEquals("LOGIN", mine.get(0).getString("type"), "newest first: " + mine);
        assertEquals(again.sessionId(), mine.get(0).getString("session_id"));
        assertNoSecrets(
                Api.PASSWORD, login.getString("access"), login.getString("refresh"), again.access(), again.refresh());
    }

    @Test
    void failedLoginsKeepTheNameTriedAndTheReason() throws Exception {
        String user = newUser("audit_fail");
        assertEquals(
                401,
                api.loginReply(user.toUpperCase(Locale.ROOT), "wrong-password-123", UA)
                        .status());
        // 150 characters, the username limit, unique per run: the WildFly executions reuse the database
        // the Payara executions wrote to.
        String nobody = Api.uniqueName("nobody");
        String unknown = nobody + "_" + "x".repeat(150 - nobody.length() - 1);
        assertEquals(401, api.loginReply(unknown, "wrong-password-456", null).status());
        String admin = api.adminToken();
        api.request("PATCH", "api/admin/users/" + user)
                .bearer(admin)
                .json("{\"enabled\":false}")
                .send();
        assertEquals(403, api.loginReply(user, Api.PASSWORD, null).status());

        List<JsonObject> named =
                items(api.get("api/admin/audit?type=LOGIN_ERROR&username=" + user.toUpperCase(Locale.ROOT), admin));
        assertEquals(2, named.size(), named::toString);
        assertEquals("account_disabled", named.get(0).getJsonObject("details").getString("reason"));
        assertEquals(
                "invalid_credentials", named.get(1).getJsonObject("details").getString("reason"));
        assertEquals(user, named.get(1).getString("username"), "the account's own name");
        assertEquals("FAILURE", named.get(1).getString("outcome"));
        assertEquals(UA, named.get(1).getString("user_agent"));
        assertTrue(named.get(1).isNull("session_id"));

        String cut = unknown;
        List<JsonObject> unknowns = items(api.get("api/admin/audit?username=" + cut, admin));
        assertEquals(1, unknowns.size(), unknowns::toString);
        assertEquals(cut, unknowns.get(0).getString("username"));
        assertNull(Db.string("SELECT CAST(account_id AS VARCHAR) FROM audit_event WHERE username = ?", cut));
        assertNoSecrets("wrong-password-123", "wrong-password-456", Api.PASSWORD);
    }

    @Test
    void deviceLimitRefusalsRevocationsAndRefreshReuseAreRecorded() throws Exception {
        String user = newUser("audit_limit");
        Api.Login first = api.login(user, Api.PASSWORD);
        Api.Login second = api.login(user, Api.PASSWORD);
        assertEquals(409, api.loginReply(user, Api.PASSWORD, UA).status());
        Api.Reply chosen = api.request("POST", "api/token/")
                .json("{\"username\":\"" + user + "\",\"password\":\"" + Api.PASSWORD + "\",\"end_session\":\""
                        + first.sessionId() + "\"}")
                .send();
        assertEquals(200, chosen.status(), chosen::toString);

        Api.Reply rotated = api.post("api/token/refresh/", "{\"refresh\":\"" + second.refresh() + "\"}", null);
        assertEquals(200, rotated.status(), rotated::toString);
        Api.Reply reused = api.post("api/token/refresh/", "{\"refresh\":\"" + second.refresh() + "\"}", null);
        assertEquals("refresh_token_reused", reused.code());

        String admin = api.adminToken();
        List<JsonObject> limit = items(api.get("api/admin/audit?type=SESSION_LIMIT_REACHED&username=" + user, admin));
        assertEquals(1, limit.size(), limit::toString);
        assertEquals(UA, limit.get(0).getString("user_agent"));
        assertEquals("FAILURE", limit.get(0).getString("outcome"));
        List<JsonObject> all = items(api.get("api/admin/audit?username=" + user, admin));
        assertEquals(
                "revoked_by_user",
                only(all, "SESSION_REVOKED", first.sessionId())
                        .getJsonObject("details")
                        .getString("reason"));
        only(all, "REFRESH_REUSED", second.sessionId());
        assertNoSecrets(
                Api.PASSWORD,
                first.refresh(),
                second.refresh(),
                rotated.json().getString("refresh"),
                rotated.json().getString("access"),
                chosen.json().getString("refresh"));
    }

    @Test
    void expiryIsRecordedOncePerSessionAlsoWhenSessionsEndTogether() throws Exception {
        String user = newUser("audit_expiry");
        Api.Login idle = api.login(user, Api.PASSWORD);
        Db.ageActivity(idle.sessionId(), 60);
        assertEquals("session_expired", api.get("api/me", idle.access()).code());
        assertEquals("session_expired", api.get("api/me", idle.access()).code());

        String other = newUser("audit_bulk");
        Api.Login a = api.login(other, Api.PASSWORD);
        Api.Login b = api.login(other, Api.PASSWORD);
        // Idle for two days and a cleanup of sessions idle a day or more: the other test classes share
        // this database and leave sessions idle for minutes (the suite is far shorter than a day), so
        // exactly these two are ended.
        Db.ageActivity(a.sessionId(), 2 * 86_400);
        Db.ageActivity(b.sessionId(), 2 * 86_400);
        String admin = api.adminToken();
        Api.Reply cleanup = api.post("api/admin/sessions/cleanup?minutes=1440", "", admin);
        assertEquals(200, cleanup.status(), cleanup::toString);

        List<JsonObject> expired = items(api.get("api/admin/audit?type=SESSION_EXPIRED&username=" + user, admin));
        assertEquals(1, expired.size(), expired::toString);
        assertEquals(idle.sessionId(), expired.get(0).getString("session_id"));
        assertEquals("idle_timeout", expired.get(0).getJsonObject("details").getString("reason"));
        List<JsonObject> revoked = items(api.get("api/admin/audit?type=SESSION_REVOKED&username=" + other, admin));
        assertEquals(2, revoked.size(), revoked::toString);
        assertEquals(
                List.of(a.sessionId(), b.sessionId()).stream().sorted().toList(),
                revoked.stream().map(e -> e.getString("session_id")).sorted().toList());
        assertEquals("revoked_by_admin", revoked.get(0).getJsonObject("details").getString("reason"));
        JsonObject action = items(api.get("api/admin/audit?type=ADMIN_ACTION&size=1", admin))
                .get(0);
        assertEquals("sessions_cleaned_up", action.getJsonObject("details").getString("action"), action::toString);
        assertEquals("admin", action.getJsonObject("details").getString("actor"));
        assertEquals("2", action.getJsonObject("details").getString("sessions_ended"));
    }

    @Test
    void passwordChangesAreRecordedWithoutThePasswords() throws Exception {
        String user = newUser("audit_pw");
        Api.Login other = api.login(user, Api.PASSWORD);
        Api.Login login = api.login(user, Api.PASSWORD);
        Api.Reply wrong = api.post(
                "api/change-password/",
                "{\"current_password\":\"not-my-password-1\",\"new_password\":\"brand-new-secret-1\"}",
                login.access());
        assertEquals("invalid_current_password", wrong.code());
        Api.Reply changed = api.post(
                "api/change-password/",
                "{\"current_password\":\"" + Api.PASSWORD
                        + "\",\"new_password\":\"brand-new-secret-2\",\"keep_current_session\":true}",
                login.access());
        assertEquals(200, changed.status(), changed::toString);

        List<JsonObject> mine = items(api.get("api/audit/", login.access()));
        JsonObject error = only(mine, "PASSWORD_CHANGE_ERROR", login.sessionId());
        assertEquals("invalid_current_password", error.getJsonObject("details").getString("reason"));
        assertEquals("FAILURE", error.getString("outcome"));
        only(mine, "PASSWORD_CHANGED", login.sessionId());
        assertEquals(
                "password_changed",
                only(mine, "SESSION_REVOKED", other.sessionId())
                        .getJsonObject("details")
                        .getString("reason"));
        assertNoSecrets("not-my-password-1", "brand-new-secret-1", "brand-new-secret-2", Api.PASSWORD, login.access());
    }

    @Test
    void administratorsActionsNameTheActorAndTheTarget() throws Exception {
        String admin = api.adminToken();
        String user = api.createUser(admin, Api.uniqueName("audit_admin"));
        api.login(user, Api.PASSWORD);
        api.request("PATCH", "api/admin/users/" + user)
                .bearer(admin)
                .json("{\"roles\":[\"user\",\"admin\"]}")
                .send();
        api.request("PATCH", "api/admin/users/" + user)
                .bearer(admin)
                .json("{\"enabled\":false}")
                .send();
        api.request("PATCH", "api/admin/users/" + user)
                .bearer(admin)
                .json("{\"enabled\":true}")
                .send();
        assertEquals(
                204,
                api.request("PUT", "api/admin/users/" + user + "/password")
                        .bearer(admin)
                        .json("{\"password\":\"admin-chosen-secret-9\"}")
                        .send()
                        .status());
        api.login(user, "admin-chosen-secret-9");
        assertEquals(
                200,
                api.post("api/admin/users/" + user + "/sessions/revoke", "", admin)
                        .status());

        List<JsonObject> actions = items(api.get("api/admin/audit?type=ADMIN_ACTION&username=" + user, admin));
        assertEquals(
                List.of(
                        "sessions_revoked",
                        "password_set",
                        "user_enabled",
                        "user_disabled",
                        "roles_changed",
                        "user_created"),
                actions.stream()
                        .map(e -> e.getJsonObject("details").getString("action"))
                        .toList());
        for (JsonObject action : actions) {
            assertEquals("admin", action.getJsonObject("details").getString("actor"));
            assertEquals(user, action.getString("username"));
        }
        assertEquals("admin,user", actions.get(4).getJsonObject("details").getString("roles"));
        List<JsonObject> revoked = items(api.get("api/admin/audit?type=SESSION_REVOKED&username=" + user, admin));
        assertTrue(
                revoked.stream()
                        .anyMatch(e -> "account_disabled"
                                .equals(e.getJsonObject("details").getString("reason"))),
                revoked::toString);
        assertTrue(
                revoked.stream()
                        .anyMatch(e -> "revoked_by_admin"
                                .equals(e.getJsonObject("details").getString("reason"))),
                revoked::toString);
        assertNoSecrets("admin-chosen-secret-9", Api.PASSWORD, Api.ADMIN_PASSWORD, admin);
    }

    @Test
    void aUserSeesOnlyTheirOwnEventsAndTheFiltersSelect() throws Exception {
        String alice = newUser("audit_alice");
        String bob = newUser("audit_bob");
        Api.Login aliceLogin = api.login(alice, Api.PASSWORD);
        api.loginReply(bob, "wrong-for-bob-1", null);
        api.login(bob, Api.PASSWORD);
        List<JsonObject> mine = items(api.get("api/audit/", aliceLogin.access()));
        assertFalse(mine.isEmpty());
        assertTrue(mine.stream().allMatch(e -> alice.equals(e.getString("username"))), mine::toString);
        Api.Reply paged = api.get("api/audit/?size=1&page=0", aliceLogin.access());
        assertEquals(1, paged.json().getInt("size"));
        assertEquals(1, paged.json().getJsonArray("items").size());

        String admin = api.adminToken();
        Instant before = Instant.now().minusSeconds(3600);
        String filter = "api/admin/audit?username=" + bob + "&ip=127.0.0.1&from=" + enc(before) + "&to="
                + enc(Instant.now().plusSeconds(3600));
        List<JsonObject> bobs = items(api.get(filter, admin));
        assertEquals(
                List.of("LOGIN", "LOGIN_ERROR"),
                bobs.stream().map(e -> e.getString("type")).toList());
        assertEquals(
                0,
                items(api.get("api/admin/audit?username=" + bob + "&ip=10.9.9.9", admin))
                        .size());
        assertEquals(
                0,
                items(api.get("api/admin/audit?username=" + bob + "&to=" + enc(before), admin))
                        .size());
        assertEquals(
                1,
                items(api.get("api/admin/audit?username=" + bob + "&type=LOGIN", admin))
                        .size());
        assertEquals(403, api.get("api/admin/audit", aliceLogin.access()).status());
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter() {
        String admin = api.adminToken();
        assertRefused(admin, "type=NEW_TYPE", "type");
        assertRefused(admin, "from=yesterday", "from");
        assertRefused(admin, "to=2026-13-01T00:00:00Z", "to");
        assertRefused(admin, "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to");
        assertRefused(admin, "ip=not%20an%20ip", "ip");
        assertRefused(admin, "ip=2147483648", "ip");
        assertRefused(admin, "username=" + "u".repeat(151), "username");
        assertRefused(admin, "size=0", "size");
        assertRefused(admin, "sort=type", "sort");
    }

    private void assertRefused(String token, String query, String parameter) {
        Api.Reply reply = api.get("api/admin/audit?" + query, token);
        assertEquals(400, reply.status(), query + ": " + reply);
        assertEquals("validation_failed", reply.code());
        assertEquals(
                parameter,
                reply.json().getJsonArray("violations").getJsonObject(0).getString("field"),
                reply::toString);
    }

    private static List<JsonObject> items(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private static JsonObject only(List<JsonObject> events, String type, String sessionId) {
        List<JsonObject> found = events.stream()
                .filter(e -> type.equals(e.getString("type")))
                .filter(e -> sessionId.equals(e.isNull("session_id") ? null : e.getString("session_id")))
                .toList();
        assertEquals(1, found.size(), type + " of " + sessionId + " in " + events);
        return found.get(0);
    }

    /** Neither the secrets nor their SHA-256 (how refresh tokens are stored) appear anywhere in the table. */
    private static void assertNoSecrets(String... secrets) throws Exception {
        String table = Db.string("SELECT COALESCE(string_agg(CAST(e AS TEXT), '|'), '') FROM audit_event e");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (String secret : secrets) {
            assertFalse(table.contains(secret), "a secret is stored");
            String hash = HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
            assertFalse(table.toLowerCase(Locale.ROOT).contains(hash), "a secret's hash is stored");
        }
    }

    private static String enc(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}
