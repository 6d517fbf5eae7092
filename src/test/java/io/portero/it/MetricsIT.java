package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The metrics at {@code /metrics} move when the flows run: logins by outcome, ended sessions by
 * reason, refresh-token reuse, live sessions, the hashing queue, and the expiry timer's series (at
 * zero here: this execution runs the timer once an hour).
 *
 * <p>On Payara they are MicroProfile Metrics on the application port; on WildFly, which has no
 * MicroProfile Metrics, the same series come from Micrometer ({@code MicrometerMetrics}) and are
 * served with the health probes on the management port (decision 0016).
 */
class MetricsIT extends IntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void loginsAreCountedByOutcome() throws Exception {
        String user = newUser("metrics_login");
        String disabled = newUser("metrics_off");
        String admin = api.adminToken();
        assertEquals(
                200,
                api.request("PATCH", "api/admin/users/" + disabled)
                        .bearer(admin)
                        .json("{\"enabled\":false}")
                        .send()
                        .status());
        api.close();
        Metrics before = scrape();

        api.login(user, Api.PASSWORD);
        api.login(user, Api.PASSWORD);
        assertEquals(409, api.loginReply(user, Api.PASSWORD, null).status(), "third device: limit reached");
        assertEquals(401, api.loginReply(user, "wrong-password-123", null).status());
        assertEquals(
                401,
                api.loginReply(Api.uniqueName("nobody"), "wrong-password-123", null)
                        .status());
        assertEquals(403, api.loginReply(disabled, Api.PASSWORD, null).status());

        Metrics after = scrape();
        assertEquals(2, after.delta(before, "portero_logins_total", "outcome=\"success\""));
        assertEquals(2, after.delta(before, "portero_logins_total", "outcome=\"invalid_credentials\""));
        assertEquals(1, after.delta(before, "portero_logins_total", "outcome=\"account_disabled\""));
        assertEquals(1, after.delta(before, "portero_logins_total", "outcome=\"limit_reached\""));
        assertTrue(after.has("portero_logins_total", "outcome=\"throttled\""), after::toString);
    }

    @Test
    void endedSessionsAreCountedByReasonAndReuseOnItsOwn() throws Exception {
        String user = newUser("metrics_end");
        Metrics before = scrape();

        Api.Login first = api.login(user, Api.PASSWORD);
        api.post("api/logout/", "{\"refresh\":\"" + first.refresh() + "\"}", null);
        Api.Login second = api.login(user, Api.PASSWORD);
        assertEquals(
                200,
                api.post("api/token/refresh/", "{\"refresh\":\"" + second.refresh() + "\"}", null)
                        .status());
        assertEquals(
                401,
                api.post("api/token/refresh/", "{\"refresh\":\"" + second.refresh() + "\"}", null)
                        .status(),
                "the rotated-away token presented again is reuse");

        Metrics after = scrape();
        assertEquals(1, after.delta(before, "portero_sessions_ended_total", "reason=\"logout\""));
        assertEquals(1, after.delta(before, "portero_sessions_ended_total", "reason=\"refresh_reused\""));
        assertEquals(1, after.delta(before, "portero_refresh_reused_total", null));
        assertTrue(after.has("portero_sessions_ended_total", "reason=\"idle_timeout\""), after::toString);
    }

    @Test
    void aPasswordChangeCountsEverySessionItRevokes() throws Exception {
        String user = newUser("metrics_pw");
        api.login(user, Api.PASSWORD);
        api.login(user, Api.PASSWORD);
        Metrics before = scrape();

        assertEquals(
                204,
                api.request("PUT", "api/admin/users/" + user + "/password")
                        .bearer(api.adminToken())
                        .json("{\"password\":\"another-horse-battery\"}")
                        .send()
                        .status());

        assertEquals(2, scrape().delta(before, "portero_sessions_ended_total", "reason=\"password_changed\""));
    }

    @Test
    void gaugesAndTimerSeriesAreServed() throws Exception {
        String user = newUser("metrics_live");
        api.login(user, Api.PASSWORD);
        Thread.sleep(5_500); // the live count is cached for five seconds

        Metrics now = scrape();
        assertTrue(now.value("portero_sessions_live", null) >= 1, now::toString);
        assertEquals(0, now.value("portero_password_hash_queue", null), "nobody waits for a hash at rest");
        assertTrue(now.has("portero_cleanup_runs_total", null), now::toString);
        assertTrue(now.has("portero_cleanup_sessions_ended_total", null), now::toString);
        assertTrue(now.has("portero_cleanup_duration_seconds_count", null), now::toString);

        HttpResponse<String> ready = get("health/ready");
        assertEquals(200, ready.statusCode(), ready::body);
        assertTrue(ready.body().contains("session-expiry-timer"), ready::body);
        assertTrue(ready.body().contains("last_successful_run"), ready::body);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(api.probes().resolve(path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Metrics scrape() throws Exception {
        HttpResponse<String> reply = http.send(
                HttpRequest.newBuilder(api.probes().resolve("metrics"))
                        .header("Accept", "text/plain")
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply::body);
        return new Metrics(reply.body());
    }

    /** One scrape in Prometheus text format; series are found by name and one label, ignoring the scope label. */
    record Metrics(String text) {

        boolean has(String name, String label) {
            return find(name, label) != null;
        }

        double value(String name, String label) {
            String line = find(name, label);
            if (line == null) {
                throw new AssertionError("no " + name + " " + label + " in\n" + text);
            }
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }

        long delta(Metrics before, String name, String label) {
            double earlier = before.has(name, label) ? before.value(name, label) : 0;
            return Math.round(value(name, label) - earlier);
        }

        private String find(String name, String label) {
            for (String line : text.split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                String series = line.contains("{") ? line.substring(0, line.indexOf('{')) : line.split(" ")[0];
                if (series.equals(name) && (label == null || line.contains(label))) {
                    return line;
                }
            }
            return null;
        }
    }
}
