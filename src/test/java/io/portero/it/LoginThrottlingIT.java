package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.platform.problem.Problem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Login throttling over HTTP: failed logins per (username, address) and per address, the 429 with
 * Retry-After answered before the password is checked, and wrong current passwords in
 * change-password per session. The postgresql execution trusts 127.0.0.1 as a proxy, so each test
 * logs in from addresses of its own through {@code X-Forwarded-For}; no failure here comes from
 * 127.0.0.1, where the other tests log in.
 */
class LoginThrottlingIT extends IntegrationTest {

    /** {@code portero.login.max-failures}: the default. */
    static final int MAX_FAILURES = 5;

    /** {@code PORTERO_LOGIN_MAX_FAILURES_PER_IP} of the postgresql execution in pom.xml. */
    static final int MAX_FAILURES_PER_IP = 50;

    static String newAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    Api.Reply login(String username, String password, String address) {
        return api.request("POST", "api/token/")
                .header("X-Forwarded-For", address)
                .json(Api.credentials(username, password))
                .send();
    }

    void failTimes(int times, String username, String address) {
        for (int i = 0; i < times; i++) {
            Api.Reply reply = login(username, "wrong-password-" + i, address);
            assertEquals(401, reply.status(), () -> "failure " + reply);
            assertEquals("invalid_credentials", reply.code());
        }
    }

    static long assertThrottled(Api.Reply reply) {
        assertEquals(429, reply.status(), reply::toString);
        assertEquals(Problem.MEDIA_TYPE, reply.header("Content-Type").split(";")[0]);
        assertEquals("too_many_attempts", reply.code());
        assertEquals(429, reply.json().getInt("status"));
        assertNotNull(reply.json().getString("detail", null));
        String retryAfter = reply.header("Retry-After");
        assertNotNull(retryAfter, "Retry-After");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds >= 1, retryAfter);
        return seconds;
    }

    @Test
    void afterTheConfiguredFailuresEveryAttemptIs429WithoutCheckingThePassword() {
        String user = newUser("throttled");
        String address = newAddress();
        failTimes(MAX_FAILURES, user, address);

        Api.Reply right = login(user, Api.PASSWORD, address);
        long first = assertThrottled(right);
        assertTrue(first <= 30, "first lock is 30 s: " + first);

        Api.Reply wrong = login(user, "wrong-again-1", address);
        long second = assertThrottled(wrong);
        assertTrue(second > first, "the wait grows with continued attempts: " + first + " then " + second);
        assertEquals(right.json().keySet(), wrong.json().keySet(), "right and wrong password answer alike");
        assertEquals(right.json().getString("detail"), wrong.json().getString("detail"));
    }

    @Test
    void theLockHoldsForThatAddressOnly() {
        String user = newUser("elsewhere");
        String attacker = newAddress();
        failTimes(MAX_FAILURES, user, attacker);
        assertThrottled(login(user, Api.PASSWORD, attacker));

        assertEquals(200, login(user, Api.PASSWORD, newAddress()).status(), "another address");
        assertEquals(200, api.loginReply(user, Api.PASSWORD, "Other device").status(), "the user's other device");
    }

    @Test
    void aSuccessfulLoginResetsTheCountOfItsAddressOnly() {
        String user = newUser("reset");
        String home = newAddress();
        String other = newAddress();
        failTimes(MAX_FAILURES - 1, user, home);
        failTimes(MAX_FAILURES - 1, user, other);

        assertEquals(200, login(user, Api.PASSWORD, home).status());

        failTimes(MAX_FAILURES, user, home);
        assertThrottled(login(user, "wrong-after-reset", home));
        failTimes(1, user, other);
        assertThrottled(login(user, "wrong-not-reset", other));
    }

    @Test
    void sessionLimitDenialsDoNotCount() {
        String user = newUser("limited");
        String address = newAddress();
        assertEquals(200, login(user, Api.PASSWORD, address).status());
        assertEquals(200, login(user, Api.PASSWORD, address).status());
        for (int i = 0; i < MAX_FAILURES + 1; i++) {
            Api.Reply denied = login(user, Api.PASSWORD, address);
            assertEquals(409, denied.status(), denied::toString);
            assertEquals("session_limit_reached", denied.code());
        }
        failTimes(MAX_FAILURES, user, address);
        assertThrottled(login(user, Api.PASSWORD, address));
    }

    @Test
    void anAddressWithTooManyFailuresIsRefusedEveryLogin() {
        String sprayer = newAddress();
        int names = (MAX_FAILURES_PER_IP + MAX_FAILURES - 1) / MAX_FAILURES;
        int failures = 0;
        for (int n = 0; n < names; n++) {
            int times = Math.min(MAX_FAILURES, MAX_FAILURES_PER_IP - failures);
            failTimes(times, Api.uniqueName("sprayed"), sprayer);
            failures += times;
        }
        String user = newUser("sprayvictim");

        long wait = assertThrottled(login(user, Api.PASSWORD, sprayer));
        assertTrue(wait > 3000 && wait <= 3600, "until the oldest failure is an hour old: " + wait);
        assertEquals(200, login(user, Api.PASSWORD, newAddress()).status(), "other addresses are not affected");
    }

    @Test
    void wrongCurrentPasswordsInChangePasswordAreCountedPerSession() {
        String user = newUser("changer");
        Api.Login session = api.login(user, Api.PASSWORD);
        String wrong = changeBody("not-my-password", "Brand-new-password-1");
        for (int i = 0; i < MAX_FAILURES; i++) {
            Api.Reply reply = api.post("api/change-password/", wrong, session.access());
            assertEquals(400, reply.status(), reply::toString);
            assertEquals("invalid_current_password", reply.code());
        }

        assertThrottled(
                api.post("api/change-password/", changeBody(Api.PASSWORD, "Brand-new-password-1"), session.access()));

        Api.Login other = api.login(user, Api.PASSWORD);
        Api.Reply changed =
                api.post("api/change-password/", changeBody(Api.PASSWORD, "Brand-new-password-1"), other.access());
        assertEquals(200, changed.status(), "another session is not locked, and the password was still the old one");
    }

    static String changeBody(String current, String next) {
        JsonObject body = Json.createObjectBuilder()
                .add("current_password", current)
                .add("new_password", next)
                .build();
        return body.toString();
    }
}
