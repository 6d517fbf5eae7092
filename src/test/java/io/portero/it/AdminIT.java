package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Administrators manage users and sessions. */
class AdminIT extends IntegrationTest {

    @Test
    void createsAUserAndRefusesTheSameNameInAnyLetterCase() {
        String admin = api.adminToken();
        String name = Api.uniqueName("Created");
        Api.Reply created = api.post(
                "api/admin/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + Api.PASSWORD
                        + "\",\"email\":\"c@example.test\",\"roles\":[\"user\",\"admin\"]}",
                admin);
        assertEquals(201, created.status(), created::toString);
        JsonObject user = created.json();
        assertEquals(name, user.getString("username"));
        assertEquals("c@example.test", user.getString("email"));
        assertEquals("[\"admin\",\"user\"]", user.getJsonArray("roles").toString());
        assertTrue(user.getBoolean("enabled"));
        assertNotNull(user.getString("created_at"));
        assertNotNull(user.getString("password_changed_at"));
        assertFalse(created.body().contains("password_hash"));
        assertTrue(created.header("Location").endsWith("/api/admin/users/" + name));

        Api.Reply duplicate = api.post(
                "api/admin/users",
                "{\"username\":\"" + name.toUpperCase(Locale.ROOT) + "\",\"password\":\"" + Api.PASSWORD + "\"}",
                admin);
        assertEquals(409, duplicate.status());
        assertEquals("username_taken", duplicate.code());
        assertEquals(1, Db.count("SELECT COUNT(*) FROM account WHERE username_key = lower(?)", name));
    }

    @Test
    void refusesInvalidNewUsers() {
        String admin = api.adminToken();
        Api.Reply weak = api.post(
                "api/admin/users", "{\"username\":\"" + Api.uniqueName("weak") + "\",\"password\":\"short\"}", admin);
        assertEquals(400, weak.status());
        assertEquals(
                "too_short",
                weak.json().getJsonArray("violations").getJsonObject(0).getString("code"));

        Api.Reply role = api.post(
                "api/admin/users",
                "{\"username\":\"" + Api.uniqueName("role") + "\",\"password\":\"" + Api.PASSWORD
                        + "\",\"roles\":[\"root\"]}",
                admin);
        assertEquals(400, role.status());
        assertEquals(
                "unknown_role",
                role.json().getJsonArray("violations").getJsonObject(0).getString("code"));

        Api.Reply name = api.post(
                "api/admin/users", "{\"username\":\"has space\",\"password\":\"" + Api.PASSWORD + "\"}", admin);
        assertEquals(400, name.status());
        assertEquals(
                "username",
                name.json().getJsonArray("violations").getJsonObject(0).getString("field"));

        Api.Reply email = api.post(
                "api/admin/users",
                "{\"username\":\"" + Api.uniqueName("mail") + "\",\"password\":\"" + Api.PASSWORD
                        + "\",\"email\":\"not-an-email\"}",
                admin);
        assertEquals(400, email.status());
        assertEquals(
                "invalid_email",
                email.json().getJsonArray("violations").getJsonObject(0).getString("code"));
    }

    @Test
    void searchesUsersByUsernameOrEmailIgnoringCaseAndPages() {
        String admin = api.adminToken();
        String marker = Api.uniqueName("srch");
        for (int i = 0; i < 3; i++) {
            api.createUser(admin, marker + "_" + i);
        }
        Api.Reply page = api.get("api/admin/users?q=" + marker.toUpperCase(Locale.ROOT) + "&size=2&page=0", admin);
        assertEquals(200, page.status(), page::toString);
        assertEquals(3, page.json().getInt("total"));
        assertEquals(2, page.json().getJsonArray("items").size());
        assertEquals(2, page.json().getInt("size"));
        Api.Reply second = api.get("api/admin/users?q=" + marker + "&size=2&page=1", admin);
        assertEquals(1, second.json().getJsonArray("items").size());
        Api.Reply byEmail = api.get("api/admin/users?q=" + marker + "_1@EXAMPLE", admin);
        assertEquals(1, byEmail.json().getInt("total"));
        Api.Reply wildcard = api.get("api/admin/users?q=%25", admin);
        assertEquals(0, wildcard.json().getInt("total"), "a % in q is a literal, not a wildcard");
        assertEquals(400, api.get("api/admin/users?size=500", admin).status());
    }

    @Test
    void readsAndPatchesAUserByUsernameInAnyCase() {
        String admin = api.adminToken();
        String name = api.createUser(admin, Api.uniqueName("patch"));
        assertEquals(
                name,
                api.get("api/admin/users/" + name.toUpperCase(Locale.ROOT), admin)
                        .json()
                        .getString("username"));
        Api.Reply patched = api.request("PATCH", "api/admin/users/" + name)
                .bearer(admin)
                .json("{\"roles\":[\"admin\"],\"email\":\"new@example.test\"}")
                .send();
        assertEquals(200, patched.status(), patched::toString);
        assertEquals("[\"admin\"]", patched.json().getJsonArray("roles").toString());
        assertEquals("new@example.test", patched.json().getString("email"));
        Api.Reply bad = api.request("PATCH", "api/admin/users/" + name)
                .bearer(admin)
                .json("{\"enabled\":\"yes\"}")
                .send();
        assertEquals(400, bad.status());
        assertEquals("validation_failed", bad.code());
        assertEquals(
                404,
                api.get("api/admin/users/" + Api.uniqueName("ghost"), admin).status());
        assertEquals(
                "user_not_found",
                api.get("api/admin/users/" + Api.uniqueName("ghost"), admin).code());
    }

    @Test
    void disablingAUserEndsItsSessionsAtOnce() {
        String admin = api.adminToken();
        String name = api.createUser(admin, Api.uniqueName("disable"));
        Api.Login login = api.login(name, Api.PASSWORD);
        Api.Reply patched = api.request("PATCH", "api/admin/users/" + name)
                .bearer(admin)
                .json("{\"enabled\":false}")
                .send();
        assertEquals(200, patched.status());
        assertFalse(patched.json().getBoolean("enabled"));
        Api.Reply access = api.get("api/me", login.access());
        assertEquals(401, access.status());
        assertEquals("session_revoked", access.code());
        assertEquals("ACCOUNT_DISABLED", Db.endReason(login.sessionId()));

        api.request("PATCH", "api/admin/users/" + name)
                .bearer(admin)
                .json("{\"enabled\":true}")
                .send();
        assertEquals(200, api.loginReply(name, Api.PASSWORD, null).status());
    }

    @Test
    void settingAPasswordEndsTheUsersSessions() {
        String admin = api.adminToken();
        String name = api.createUser(admin, Api.uniqueName("reset"));
        Api.Login login = api.login(name, Api.PASSWORD);
        Api.Reply put = api.request("PUT", "api/admin/users/" + name + "/password")
                .bearer(admin)
                .json("{\"password\":\"reset-by-admin-1\"}")
                .send();
        assertEquals(204, put.status(), put::toString);
        assertEquals("password_changed", api.get("api/me", login.access()).code());
        assertEquals(200, api.loginReply(name, "reset-by-admin-1", null).status());
        assertEquals(401, api.loginReply(name, Api.PASSWORD, null).status());
    }

    @Test
    void listsAndFiltersSessions() {
        String admin = api.adminToken();
        String marker = Api.uniqueName("flt");
        String alice = api.createUser(admin, marker + "_alice");
        String bob = api.createUser(admin, marker + "_bob");
        Instant before = Instant.now().minusSeconds(1);
        Api.Login aliceLogin = api.login(alice, Api.PASSWORD);
        Api.Login bobLogin = api.login(bob, Api.PASSWORD);
        api.post("api/logout/", "{\"refresh\":\"" + bobLogin.refresh() + "\"}", null);

        String filter = "api/admin/sessions?username=" + marker.toUpperCase(Locale.ROOT);
        JsonObject all = api.get(filter, admin).json();
        assertEquals(2, all.getInt("total"), all::toString);
        JsonObject live = api.get(filter + "&active=true", admin).json();
        assertEquals(1, live.getInt("total"));
        JsonObject item = live.getJsonArray("items").getJsonObject(0);
        assertEquals(aliceLogin.sessionId(), item.getString("id"));
        assertEquals(alice, item.getString("username"));
        assertTrue(item.getBoolean("live"));
        for (String field : List.of(
                "device_label",
                "user_agent",
                "ip_address",
                "started_at",
                "last_activity_at",
                "ended_at",
                "end_reason")) {
            assertTrue(item.containsKey(field), field);
        }
        JsonObject ended = api.get(filter + "&active=false", admin)
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        assertEquals(bobLogin.sessionId(), ended.getString("id"));
        assertEquals("LOGOUT", ended.getString("end_reason"));
        assertFalse(ended.getBoolean("live"));

        String after = URLEncoder.encode(before.toString(), StandardCharsets.UTF_8);
        assertEquals(
                2, api.get(filter + "&started_after=" + after, admin).json().getInt("total"));
        assertEquals(
                0, api.get(filter + "&started_before=" + after, admin).json().getInt("total"));

        JsonObject sorted = api.get(filter + "&sort=username,asc&size=1", admin).json();
        assertEquals(1, sorted.getJsonArray("items").size());
        assertEquals(alice, sorted.getJsonArray("items").getJsonObject(0).getString("username"));
        JsonObject secondPage =
                api.get(filter + "&sort=username,asc&size=1&page=1", admin).json();
        assertEquals(bob, secondPage.getJsonArray("items").getJsonObject(0).getString("username"));

        assertEquals(400, api.get(filter + "&sort=password,asc", admin).status());
        assertEquals(400, api.get(filter + "&active=maybe", admin).status());
        assertEquals(400, api.get(filter + "&started_after=yesterday", admin).status());
    }

    @Test
    void defaultOrderIsNewestFirst() {
        String admin = api.adminToken();
        String marker = Api.uniqueName("ord");
        String user = api.createUser(admin, marker);
        Api.Login first = api.login(user, Api.PASSWORD);
        Api.Login second = api.login(user, Api.PASSWORD);
        JsonObject page =
                api.get("api/admin/sessions?username=" + marker, admin).json();
        List<String> ids = page.getJsonArray("items").stream()
                .map(i -> i.asJsonObject().getString("id"))
                .toList();
        assertEquals(List.of(second.sessionId(), first.sessionId()), ids);
    }

    @Test
    void readsAndEndsOneSession() {
        String admin = api.adminToken();
        String user = api.createUser(admin, Api.uniqueName("one"));
        Api.Login login = api.login(user, Api.PASSWORD);
        Api.Reply one = api.get("api/admin/sessions/" + login.sessionId(), admin);
        assertEquals(200, one.status());
        assertEquals(user, one.json().getString("username"));
        assertEquals(
                204,
                api.delete("api/admin/sessions/" + login.sessionId(), admin).status());
        assertEquals("session_revoked", api.get("api/me", login.access()).code());
        assertEquals("REVOKED_BY_ADMIN", Db.endReason(login.sessionId()));
        assertEquals(
                404, api.get("api/admin/sessions/" + UUID.randomUUID(), admin).status());
        assertEquals(
                404,
                api.delete("api/admin/sessions/" + UUID.randomUUID(), admin).status());
    }

    @Test
    void revokesEverySessionOfAUser() {
        String admin = api.adminToken();
        String user = api.createUser(admin, Api.uniqueName("revokeall"));
        Api.Login a = api.login(user, Api.PASSWORD);
        Api.Login b = api.login(user, Api.PASSWORD);
        Api.Reply reply =
                api.post("api/admin/users/" + user.toUpperCase(Locale.ROOT) + "/sessions/revoke", null, admin);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(2, reply.json().getInt("sessions_ended"));
        assertEquals("session_revoked", api.get("api/me", a.access()).code());
        assertEquals("session_revoked", api.get("api/me", b.access()).code());
    }

    @Test
    void cleanupEndsSessionsIdleForTheGivenMinutesAndZeroEndsAll() {
        String admin = api.adminToken();
        String user = api.createUser(admin, Api.uniqueName("cleanup"));
        Api.Login idle = api.login(user, Api.PASSWORD);
        Api.Login fresh = api.login(user, Api.PASSWORD);
        Db.ageActivity(idle.sessionId(), 5);

        Api.Reply none = api.post("api/admin/sessions/cleanup?minutes=30", null, admin);
        assertEquals(200, none.status(), none::toString);
        assertEquals(200, api.get("api/me", idle.access()).status(), "5 seconds idle is not 30 minutes");

        Api.Reply all = api.post("api/admin/sessions/cleanup?minutes=0", null, admin);
        assertEquals(200, all.status());
        assertTrue(all.json().getInt("sessions_ended") >= 3, "both user sessions and the caller's own: " + all);
        assertEquals("session_revoked", api.get("api/me", fresh.access()).code());
        assertEquals("session_revoked", api.get("api/me", admin).code(), "minutes=0 includes the caller");
        assertEquals(0, Db.count("SELECT COUNT(*) FROM user_session WHERE active"));
        assertEquals(
                400,
                new Api(url)
                        .post("api/admin/sessions/cleanup?minutes=-1", null, new Api(url).adminToken())
                        .status());
    }

    @Test
    void adminRoutesNeedTheAdminRole() {
        String user = api.createUser(api.adminToken(), Api.uniqueName("nonadmin"));
        Api.Login login = api.login(user, Api.PASSWORD);
        Set<Integer> statuses = List.of(
                        api.get("api/admin/sessions", login.access()),
                        api.post("api/admin/sessions/cleanup?minutes=0", null, login.access()),
                        api.request("PATCH", "api/admin/users/" + user)
                                .bearer(login.access())
                                .json("{\"roles\":[\"admin\"]}")
                                .send(),
                        api.post("api/admin/users/" + user + "/sessions/revoke", null, login.access()))
                .stream()
                .map(Api.Reply::status)
                .collect(Collectors.toSet());
        assertEquals(Set.of(403), statuses);
        assertEquals(200, api.get("api/me", login.access()).status(), "nothing was done on the user's behalf");
    }
}
