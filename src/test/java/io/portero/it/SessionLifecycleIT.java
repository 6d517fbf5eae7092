package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Activity, inactivity, status, password changes and self-service. The test deployment runs with
 * an 8-second idle timeout, a 40-second lifetime and a 1-second activity write interval.
 */
class SessionLifecycleIT extends IntegrationTest {

    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(8);

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    @Test
    void sessionStatusDescribesTheLiveSession() {
        String user = newUser("status");
        Api.Login login = api.login(user, Api.PASSWORD);
        Api.Reply reply = api.get("api/session-status/", login.access());
        assertEquals(200, reply.status(), reply::toString);
        JsonObject status = reply.json();
        assertTrue(status.getBoolean("active"));
        assertEquals(login.sessionId(), status.getString("session_id"));
        assertEquals(user, status.getString("username"));
        assertEquals(
                IDLE_TIMEOUT.toSeconds(),
                status.getJsonNumber("idle_timeout_seconds").longValue());
        assertEquals(1, status.getJsonNumber("activity_write_interval_seconds").longValue(), "PT1S here");
        assertEquals(
                IDLE_TIMEOUT.toSeconds() / 2,
                status.getJsonNumber("warning_lead_seconds").longValue(),
                "the default lead (2 minutes), capped at half the idle timeout");
        Instant lastActivity = Instant.parse(status.getString("last_activity_at"));
        assertEquals(lastActivity.plus(IDLE_TIMEOUT), Instant.parse(status.getString("idle_expires_at")));
        assertEquals(
                Instant.parse(status.getString("started_at")).plusSeconds(40),
                Instant.parse(status.getString("expires_at")));
        Instant serverTime = Instant.parse(status.getString("server_time"));
        assertTrue(Duration.between(serverTime, Instant.now()).abs().toSeconds() < 5);
    }

    @Test
    void theStatusPollsShortcutAnswersAsTheResourceDoes() {
        Api.Login login = api.login(newUser("shortcut"), Api.PASSWORD);
        // Accept: */* is the shortcut's plain case (decision 0023); a list of media types goes to the resource.
        Api.Reply shortcut = api.request("GET", "api/session-status/")
                .bearer(login.access())
                .header("Accept", "*/*")
                .send();
        Api.Reply resource = api.request("GET", "api/session-status/")
                .bearer(login.access())
                .header("Accept", "application/json, text/plain;q=0.5")
                .send();
        assertEquals(200, shortcut.status(), shortcut::toString);
        assertEquals(200, resource.status(), resource::toString);
        for (String header : List.of("Content-Type", "Cache-Control", "X-Content-Type-Options")) {
            assertEquals(resource.header(header), shortcut.header(header), header);
        }
        JsonObject fast = shortcut.json();
        JsonObject full = resource.json();
        assertEquals(full.keySet(), fast.keySet());
        for (String key : full.keySet()) {
            if (!key.equals("server_time")) {
                assertEquals(full.get(key), fast.get(key), key);
            }
        }

        assertEquals(
                204,
                api.post("api/logout/", "{\"refresh\":\"" + login.refresh() + "\"}", login.access())
                        .status());
        Api.Reply ended = api.request("GET", "api/session-status/")
                .bearer(login.access())
                .header("Accept", "*/*")
                .send();
        assertEquals(401, ended.status(), ended::toString);
        assertEquals("session_ended", ended.code(), "a refusal is told by the resource, in the problem format");
        assertEquals("Bearer error=\"invalid_token\"", ended.header("WWW-Authenticate"));
    }

    @Test
    void forwardAuthsShortcutAnswersAsTheResourceDoes() {
        Api.Login login = api.login(newUser("fwdshortcut"), Api.PASSWORD);
        List<String> identity =
                List.of("X-Portero-User", "X-Portero-User-Id", "X-Portero-Roles", "X-Portero-Session", "Cache-Control");
        for (String method : List.of("GET", "HEAD", "POST", "DELETE", "OPTIONS")) {
            // "role=user" alone is the shortcut's plain case (decision 0023); another query goes to the resource.
            Api.Reply shortcut = api.request(method, "api/auth/check?role=user")
                    .bearer(login.access())
                    .send();
            Api.Reply resource = api.request(method, "api/auth/check?role=user&via=resource")
                    .bearer(login.access())
                    .send();
            assertEquals(204, shortcut.status(), method + " " + shortcut);
            assertEquals(204, resource.status(), method + " " + resource);
            for (String header : identity) {
                assertEquals(resource.header(header), shortcut.header(header), method + " " + header);
            }
        }
        Api.Reply adminOnly = api.request("GET", "api/auth/check?role=admin")
                .bearer(login.access())
                .send();
        assertEquals(403, adminOnly.status(), adminOnly::toString);
        assertEquals("forbidden", adminOnly.code(), "a refusal is told by the resource, in the problem format");
        Api.Reply unknownRole = api.request("GET", "api/auth/check?role=root")
                .bearer(login.access())
                .send();
        assertEquals(400, unknownRole.status(), unknownRole::toString);

        assertEquals(
                204,
                api.post("api/logout/", "{\"refresh\":\"" + login.refresh() + "\"}", login.access())
                        .status());
        Api.Reply ended =
                api.request("GET", "api/auth/check").bearer(login.access()).send();
        assertEquals(401, ended.status(), ended::toString);
        assertEquals("session_ended", ended.code());
    }

    @Test
    void anIdleSessionIsRefusedWithSessionExpired() throws Exception {
        Api.Login login = api.login(newUser("idle"), Api.PASSWORD);
        pause(IDLE_TIMEOUT.plusSeconds(1));
        Api.Reply reply = api.get("api/me", login.access());
        assertEquals(401, reply.status());
        assertEquals("session_expired", reply.code());
        assertEquals("La sesión expiró por inactividad.", reply.json().getString("detail"));
        Api.Reply refresh = api.post("api/token/refresh/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
        assertEquals(401, refresh.status());
        assertEquals("session_expired", refresh.code());
        assertEquals("IDLE_TIMEOUT", Db.endReason(login.sessionId()));
    }

    @Test
    void pollingOnlyTheStatusOrPassiveRequestsDoesNotKeepASessionAlive() throws Exception {
        String user = newUser("poll");
        Api.Login statusPoller = api.login(user, Api.PASSWORD);
        Api.Login passivePoller = api.login(user, Api.PASSWORD);
        Instant deadline = Instant.now().plus(IDLE_TIMEOUT).plusSeconds(2);
        int polls = 0;
        String refresh = passivePoller.refresh();
        while (Instant.now().isBefore(deadline)) {
            api.get("api/session-status/", statusPoller.access());
            api.request("GET", "api/me")
                    .bearer(passivePoller.access())
                    .header("X-Portero-Activity", "passive")
                    .send();
            Api.Reply rotated = api.post("api/token/refresh/", "{\"refresh\":\"" + refresh + "\"}", null);
            if (rotated.status() == 200) {
                refresh = rotated.json().getString("refresh");
            }
            polls++;
            pause(Duration.ofMillis(1500));
        }
        assertTrue(polls >= 5, "polled throughout the idle timeout");
        Api.Reply status = api.get("api/session-status/", statusPoller.access());
        assertEquals(401, status.status(), "status polls are not activity: " + status);
        assertEquals("session_expired", status.code());
        Api.Reply passive = api.get("api/me", passivePoller.access());
        assertEquals(401, passive.status(), "passive requests and refreshes are not activity");
        assertEquals("session_expired", passive.code());
    }

    @Test
    void aSessionInUseStaysAliveBeyondTheIdleTimeout() throws Exception {
        String user = newUser("busy");
        Api.Login reader = api.login(user, Api.PASSWORD);
        Api.Login pinger = api.login(user, Api.PASSWORD);
        Instant until = Instant.now().plus(IDLE_TIMEOUT.multipliedBy(2));
        while (Instant.now().isBefore(until)) {
            assertEquals(200, api.get("api/me", reader.access()).status());
            assertEquals(
                    204,
                    api.request("POST", "api/session-activity/")
                            .bearer(pinger.access())
                            .send()
                            .status());
            pause(Duration.ofSeconds(2));
        }
        assertEquals(200, api.get("api/session-status/", reader.access()).status());
        assertEquals(200, api.get("api/session-status/", pinger.access()).status());
    }

    @Test
    void theMaximumLifetimeEndsEvenAnActiveSession() {
        Api.Login login = api.login(newUser("lifetime"), Api.PASSWORD);
        Db.ageStart(login.sessionId(), 41);
        Api.Reply reply = api.get("api/me", login.access());
        assertEquals(401, reply.status());
        assertEquals("session_max_lifetime", reply.code());
        assertEquals("MAX_LIFETIME", Db.endReason(login.sessionId()));
    }

    @Test
    void activityIsWrittenAtMostOncePerInterval() throws Exception {
        Api.Login login = api.login(newUser("writes"), Api.PASSWORD);
        pause(Duration.ofMillis(1200));
        assertEquals(200, api.get("api/me", login.access()).status());
        String afterFirst =
                Db.string("SELECT last_activity_at FROM user_session WHERE id = ?::uuid", login.sessionId());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, api.get("api/me", login.access()).status());
        }
        String afterBurst =
                Db.string("SELECT last_activity_at FROM user_session WHERE id = ?::uuid", login.sessionId());
        assertEquals(afterFirst, afterBurst, "requests within the write interval do not write");
        pause(Duration.ofMillis(1200));
        assertEquals(200, api.get("api/me", login.access()).status());
        String later = Db.string("SELECT last_activity_at FROM user_session WHERE id = ?::uuid", login.sessionId());
        assertFalse(afterBurst.equals(later), "a request after the interval records activity");
    }

    @Test
    void changingPasswordEndsEverySession() {
        String user = newUser("pwchange");
        Api.Login first = api.login(user, Api.PASSWORD);
        Api.Login second = api.login(user, Api.PASSWORD);
        Api.Reply change = api.post(
                "api/change-password/",
                "{\"current_password\":\"" + Api.PASSWORD + "\",\"new_password\":\"a-brand-new-secret\"}",
                first.access());
        assertEquals(200, change.status(), change::toString);
        assertEquals(2, change.json().getInt("sessions_ended"));
        for (Api.Login login : List.of(first, second)) {
            Api.Reply access = api.get("api/me", login.access());
            assertEquals(401, access.status());
            assertEquals("password_changed", access.code());
            Api.Reply refresh = api.post("api/token/refresh/", "{\"refresh\":\"" + login.refresh() + "\"}", null);
            assertEquals(401, refresh.status());
            assertEquals("password_changed", refresh.code());
        }
        assertEquals(401, api.loginReply(user, Api.PASSWORD, null).status());
        assertEquals(200, api.loginReply(user, "a-brand-new-secret", null).status());
    }

    @Test
    void changingPasswordCanKeepTheCurrentSession() {
        String user = newUser("pwkeep");
        Api.Login current = api.login(user, Api.PASSWORD);
        Api.Login other = api.login(user, Api.PASSWORD);
        Api.Reply change = api.post(
                "api/change-password/",
                "{\"current_password\":\"" + Api.PASSWORD
                        + "\",\"new_password\":\"another-new-secret\",\"keep_current_session\":true}",
                current.access());
        assertEquals(200, change.status(), change::toString);
        assertEquals(1, change.json().getInt("sessions_ended"));
        assertEquals(200, api.get("api/me", current.access()).status());
        assertEquals(
                200,
                api.post("api/token/refresh/", "{\"refresh\":\"" + current.refresh() + "\"}", null)
                        .status());
        assertEquals("password_changed", api.get("api/me", other.access()).code());
    }

    @Test
    void aWrongCurrentPasswordOrAWeakNewOneChangesNothing() {
        String user = newUser("pwweak");
        Api.Login login = api.login(user, Api.PASSWORD);
        Api.Reply wrong = api.post(
                "api/change-password/",
                "{\"current_password\":\"nope-nope-nope\",\"new_password\":\"good-new-secret\"}",
                login.access());
        assertEquals(400, wrong.status());
        assertEquals("invalid_current_password", wrong.code());

        Api.Reply weak = api.post(
                "api/change-password/",
                "{\"current_password\":\"" + Api.PASSWORD + "\",\"new_password\":\"short\"}",
                login.access());
        assertEquals(400, weak.status());
        assertEquals("validation_failed", weak.code());
        JsonObject violation = weak.json().getJsonArray("violations").getJsonObject(0);
        assertEquals("new_password", violation.getString("field"));
        assertEquals("too_short", violation.getString("code"));

        Api.Reply same = api.post(
                "api/change-password/",
                "{\"current_password\":\"" + Api.PASSWORD + "\",\"new_password\":\"" + Api.PASSWORD + "\"}",
                login.access());
        assertEquals(400, same.status());
        assertEquals(
                "same_as_current",
                same.json().getJsonArray("violations").getJsonObject(0).getString("code"));

        Api.Reply username = api.post(
                "api/change-password/",
                "{\"current_password\":\"" + Api.PASSWORD + "\",\"new_password\":\"" + user.toUpperCase() + "\"}",
                login.access());
        assertEquals(400, username.status());
        assertTrue(username.body().contains("equals_username"), username::toString);

        assertEquals(200, api.get("api/me", login.access()).status(), "the session survived every refused change");
        assertEquals(200, api.loginReply(user, Api.PASSWORD, null).status(), "the old password still works");
    }

    @Test
    void usersSeeAndEndTheirOwnSessions() {
        String user = newUser("self");
        Api.Login phone = api.login(user, Api.PASSWORD);
        Api.Login laptop = api.login(user, Api.PASSWORD);
        Api.Reply list = api.get("api/sessions/", laptop.access());
        assertEquals(200, list.status());
        JsonArray sessions = list.array();
        assertEquals(2, sessions.size());
        for (var item : sessions) {
            JsonObject session = item.asJsonObject();
            assertEquals(session.getString("id").equals(laptop.sessionId()), session.getBoolean("current"));
            assertTrue(session.containsKey("device_label"));
            assertFalse(session.getBoolean("new_device"), "the first login and the same device again: " + session);
        }
        Api.Reply end = api.delete("api/sessions/" + phone.sessionId(), laptop.access());
        assertEquals(204, end.status(), end::toString);
        assertEquals("session_revoked", api.get("api/me", phone.access()).code());
        assertEquals("REVOKED_BY_USER", Db.endReason(phone.sessionId()));
        assertEquals(1, api.get("api/sessions", laptop.access()).array().size());
    }

    @Test
    void anotherUsersSessionIdIsNotFound() {
        Api.Login mine = api.login(newUser("mine"), Api.PASSWORD);
        Api.Login theirs = api.login(newUser("theirs"), Api.PASSWORD);
        Api.Reply reply = api.delete("api/sessions/" + theirs.sessionId(), mine.access());
        assertEquals(404, reply.status());
        assertEquals("session_not_found", reply.code());
        assertEquals(200, api.get("api/me", theirs.access()).status());
        assertEquals(404, api.delete("api/sessions/not-a-uuid", mine.access()).status());
    }

    @Test
    void loggingOutOtherDevicesKeepsOnlyTheCurrentOne() {
        String user = newUser("others");
        Api.Login other = api.login(user, Api.PASSWORD);
        Api.Login current = api.login(user, Api.PASSWORD);
        Api.Reply reply = api.post("api/sessions/logout-others/", null, current.access());
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(1, reply.json().getInt("sessions_ended"));
        assertEquals("session_revoked", api.get("api/me", other.access()).code());
        assertEquals(200, api.get("api/me", current.access()).status());
    }
}
