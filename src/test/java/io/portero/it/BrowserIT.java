package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;

/**
 * The browser half in a real browser: the reference UI at {@code /}, {@code /portero-client.js} on
 * a second origin, and {@code /portero-react.js} with React 18, in headless Chromium against the
 * WAR on Payara Micro. The execution {@code browser} (pom.xml) runs it with an idle timeout of 20 s,
 * an activity-write interval of 2 s and 30 s access tokens, so sessions idle out while the test
 * watches. Each test has users of its own; screenshots of the main screens go to
 * {@code target/screenshots/}.
 *
 * <p>A page hidden past the idle time is simulated as a phone does it: the tab goes to the
 * background and is frozen ({@code Page.setWebLifecycleState}, so none of its timers run), and
 * coming back to it resumes it and makes it visible at once.
 */
@EnabledIf(
        value = "io.portero.it.Browser#available",
        disabledReason = "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
class BrowserIT extends IntegrationTest {

    static final Duration IDLE = Duration.ofSeconds(20);
    static final String IDLE_TEXT = "La sesión expiró por inactividad.";

    static SecondOrigin second;

    @BeforeAll
    static void secondOrigin() {
        int port = Integer.getInteger("portero.it.browser.site-port", 0);
        second = new SecondOrigin(port, Path.of(System.getProperty("portero.it.war", "target/portero.war")));
    }

    @AfterAll
    static void stopSecondOrigin() {
        if (second != null) {
            second.close();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    String ui() {
        return api.base().toString();
    }

    String apiOrigin() {
        String base = api.base().toString();
        return base.substring(0, base.length() - 1);
    }

    void openUi(Browser browser) {
        browser.open(ui());
        browser.await(Duration.ofSeconds(20), d -> "true".equals(browser.script("return document.body.dataset.ready")));
    }

    /** Logs in through the reference UI's form and waits for "my sessions". */
    void logInThroughTheUi(Browser browser, String username, String password) {
        openUi(browser);
        browser.type("#login-username", username);
        browser.type("#login-password", password);
        browser.find("#login-submit").click();
        browser.visible("#view-sessions");
        browser.await(
                Duration.ofSeconds(15), d -> !browser.all("#sessions-list li").isEmpty());
    }

    Api.Login logInAs(String username, String userAgent) {
        Api.Reply reply = api.loginReply(username, Api.PASSWORD, userAgent);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject json = reply.json();
        return new Api.Login(json.getString("access"), json.getString("refresh", null), json.getString("session_id"));
    }

    /** The user's sessions as an administrator sees them, through a fresh administrator login (the 20 s idle timeout ends an earlier one while a test waits). */
    JsonArray sessionsOf(String username) {
        api.close();
        Api.Reply reply = api.get("api/admin/sessions?username=" + username, api.adminToken());
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonArray("items");
    }

    JsonObject onlySessionOf(String username) {
        JsonArray items = sessionsOf(username);
        assertEquals(1, items.size(), items::toString);
        return items.getJsonObject(0);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads on: an arrow key down or up (it scrolls), user input that makes no API call. */
    static void read(Browser browser, int step) {
        new Actions(browser.driver)
                .sendKeys(step % 2 == 0 ? Keys.ARROW_DOWN : Keys.ARROW_UP)
                .perform();
    }

    // ---- login, device limit, my sessions ---------------------------------------------------

    @Test
    void logInSeeMySessionsAndAThirdDeviceGetsTheLimitScreenInSpanish() {
        String user = newUser("web");
        Api.Login phone = logInAs(
                user,
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36");
        Api.Login laptop = logInAs(user, "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");

        try (Browser browser = Browser.phone()) {
            openUi(browser);
            assertEquals("es", browser.script("return document.documentElement.lang"));
            assertEquals("Iniciar sesión", browser.find("#login-title").getText());
            browser.screenshot("01-login");

            browser.type("#login-username", user);
            browser.type("#login-password", "not-the-password");
            browser.find("#login-submit").click();
            browser.awaitText("#login-error", "Usuario o contraseña incorrectos.", Duration.ofSeconds(15));

            browser.type("#login-password", Api.PASSWORD);
            browser.find("#login-password").sendKeys(Keys.ENTER);
            browser.visible("#view-limit");
            assertEquals(
                    "Máximo de dispositivos conectados",
                    browser.find("#limit-title").getText());
            List<WebElement> cards = browser.all("#limit-list li");
            assertEquals(2, cards.size());
            for (WebElement card : cards) {
                assertTrue(card.getText().contains("127.0.0.1"), card.getText());
                assertTrue(card.getText().contains("Última actividad"), card.getText());
            }
            browser.screenshot("02-device-limit");

            cards.get(0).findElement(By.tagName("button")).click();
            browser.visible("#view-sessions");
            browser.await(
                    Duration.ofSeconds(15),
                    d -> browser.all("#sessions-list li").size() == 2);
            assertEquals(1, browser.all("#sessions-list li.current").size());
            assertTrue(browser.find("#sessions-list li.current").getText().contains("Este dispositivo"));
            // Exactly one of the two earlier devices was ended ("end this one and continue").
            int phoneStatus = api.get("api/me/", phone.access()).status();
            int laptopStatus = api.get("api/me/", laptop.access()).status();
            assertEquals(
                    List.of(200, 401),
                    List.of(phoneStatus, laptopStatus).stream().sorted().toList());
            assertEquals(
                    (Long) browser.script("return document.documentElement.clientWidth"),
                    (Long) browser.script("return document.documentElement.scrollWidth"),
                    "no horizontal scrolling at 360 px");
            browser.screenshot("03-my-sessions");

            // Log out the others: only this device is left, and the other device's token is refused.
            browser.find("#logout-others").click();
            browser.awaitText("#sessions-message", "Sesiones cerradas: 1.", Duration.ofSeconds(15));
            browser.await(
                    Duration.ofSeconds(15),
                    d -> browser.all("#sessions-list li").size() == 1);
            Api.Reply refused = api.get("api/me/", phoneStatus == 200 ? phone.access() : laptop.access());
            assertEquals(401, refused.status());
            assertEquals("session_revoked", refused.code());

            // End one other session from the list.
            Api.Login tablet = logInAs(
                    user,
                    "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1");
            browser.find("a[href='#/password']").click();
            browser.find("a[href='#/sessions']").click();
            browser.await(
                    Duration.ofSeconds(15),
                    d -> browser.all("#sessions-list li").size() == 2);
            browser.find("#sessions-list li:not(.current) button").click();
            browser.awaitText("#sessions-message", "Sesión cerrada.", Duration.ofSeconds(15));
            assertEquals("session_revoked", api.get("api/me/", tablet.access()).code());

            // The English switch.
            browser.find("#lang").click();
            assertEquals("My sessions", browser.find("#sessions-title").getText());
            browser.awaitText("#sessions-list li.current", "This device", Duration.ofSeconds(15));
            browser.screenshot("04-my-sessions-english");
            browser.find("#lang").click();
            assertEquals("Mis sesiones", browser.find("#sessions-title").getText());
        }
    }

    // ---- inactivity -------------------------------------------------------------------------

    @Test
    void idlePagesWarnThenLogOutWithTheReasonAndAHiddenOneTheMomentItIsVisibleAgain() {
        String watched = newUser("idle");
        String hidden = newUser("hidden");
        try (Browser idle = Browser.phone();
                Browser away = Browser.phone()) {
            // A phone's page goes to the background and is frozen: none of its timers run.
            logInThroughTheUi(away, hidden, Api.PASSWORD);
            Instant awaySince = Instant.now();
            String page = away.driver.getWindowHandle();
            away.driver.switchTo().newWindow(WindowType.TAB);
            String other = away.driver.getWindowHandle();
            away.driver.switchTo().window(page);
            away.driver.executeCdpCommand("Page.setWebLifecycleState", Map.of("state", "frozen"));
            away.driver.switchTo().window(other);

            // A page left open and untouched.
            openUi(idle);
            idle.type("#login-username", watched);
            idle.type("#login-password", Api.PASSWORD);
            Instant lastInput = Instant.now();
            idle.find("#login-submit").click();
            idle.visible("#view-sessions");

            WebElement dialog = idle.await(Duration.ofSeconds(25), d -> {
                WebElement warning = idle.find("#warning");
                return warning.isDisplayed() ? warning : null;
            });
            Duration warnedAfter = Duration.between(lastInput, Instant.now());
            assertTrue(warnedAfter.compareTo(IDLE) < 0, "warned before the end: " + warnedAfter);
            assertTrue(dialog.getText().contains("Su sesión se cerrará por inactividad en"), dialog.getText());
            assertEquals("stay", idle.script("return document.activeElement.id"));
            assertEquals("assertive", idle.find("#warning-live").getAttribute("aria-live"));
            idle.screenshot("05-inactivity-warning");

            // "Stay signed in" closes the warning and starts the idle time again.
            lastInput = Instant.now();
            idle.find("#stay").click();
            idle.await(Duration.ofSeconds(5), d -> !idle.find("#warning").isDisplayed());
            assertTrue(idle.find("#view-sessions").isDisplayed());
            assertTrue(idle.find("#notice").getText().isEmpty());
            idle.await(Duration.ofSeconds(25), d -> idle.find("#warning").isDisplayed());

            idle.awaitText("#notice", IDLE_TEXT, Duration.ofSeconds(25));
            Duration loggedOutAfter = Duration.between(lastInput, Instant.now());
            assertTrue(
                    loggedOutAfter.compareTo(IDLE.minusMillis(500)) >= 0,
                    "not before the idle time: " + loggedOutAfter);
            assertTrue(idle.find("#view-login").isDisplayed());
            assertFalse(idle.find("#warning").isDisplayed());
            idle.screenshot("06-logged-out-after-inactivity");
            assertFalse(onlySessionOf(watched).getBoolean("live"));

            // Back to the frozen page once the idle time has passed: it is resumed and visible at once.
            Duration left = Duration.between(Instant.now(), awaySince.plus(IDLE).plusSeconds(2));
            if (!left.isNegative()) {
                pause(left.toMillis());
            }
            away.driver.switchTo().window(page);
            Instant back = Instant.now();
            away.awaitText("#notice", IDLE_TEXT, Duration.ofSeconds(10));
            Duration took = Duration.between(back, Instant.now());
            assertTrue(took.toMillis() < 5000, "logged out as soon as it was visible: " + took);
            assertTrue(away.find("#view-login").isDisplayed());
            assertFalse(away.find("#nav").isDisplayed(), "no navigation without a session");
            away.screenshot("07-back-from-the-background");
        }
    }

    @Test
    void aReaderActiveInOneTabKeepsBothTabsWhileAPageThatOnlyPollsIsLoggedOut() {
        String poller = newUser("poller");
        String reader = newUser("reader");
        try (Browser polling = Browser.phone();
                Browser reading = Browser.phone()) {
            // The polling page does not watch for input at all: only the server can end its session.
            polling.open(second.origin() + "/client.html?watch=0&poll=2&api=" + apiOrigin());
            polling.await(Duration.ofSeconds(15), d -> polling.script("return window.portero !== undefined"));
            Object login = polling.asyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "window.portero.login(arguments[0], arguments[1]).then(r => done(r.ok), e => done(String(e)));",
                    poller,
                    Api.PASSWORD);
            assertEquals(Boolean.TRUE, login);

            // The reader has two tabs of the UI: one is read (scrolled), the other stays quiet.
            logInThroughTheUi(reading, reader, Api.PASSWORD);
            String first = reading.driver.getWindowHandle();
            reading.driver.switchTo().newWindow(WindowType.TAB);
            openUi(reading);
            reading.visible("#view-sessions"); // the same session, picked up through the refresh cookie
            String quiet = reading.driver.getWindowHandle();
            assertEquals(1, sessionsOf(reader).size(), "one session for both tabs");

            reading.driver.switchTo().window(first);
            Instant until = Instant.now().plus(IDLE).plusSeconds(6);
            for (int step = 0; Instant.now().isBefore(until); step++) {
                read(reading, step);
                pause(1500);
            }

            assertEquals("session_expired", polling.find("#ended-reason").getText());
            assertEquals("server", polling.find("#ended-origin").getText());
            assertTrue(Integer.parseInt(polling.find("#polls").getText()) >= 5, "it polled");
            assertEquals("IDLE_TIMEOUT", onlySessionOf(poller).getString("end_reason"));

            assertTrue(reading.find("#view-sessions").isDisplayed());
            assertTrue(reading.find("#notice").getText().isEmpty());
            JsonObject live = onlySessionOf(reader);
            assertTrue(live.getBoolean("live"), live::toString);
            Duration sinceActivity = Duration.between(Instant.parse(live.getString("last_activity_at")), Instant.now());
            assertTrue(sinceActivity.toSeconds() < 8, "the reader's activity reached the server: " + sinceActivity);
            reading.driver.switchTo().window(quiet);
            pause(1500);
            assertTrue(reading.find("#view-sessions").isDisplayed(), "the quiet tab is still logged in");
            assertTrue(reading.find("#notice").getText().isEmpty());

            // A logout in one tab logs out the other at once.
            reading.driver.switchTo().window(first);
            reading.find("#logout").click();
            reading.awaitText("#notice", "Ha cerrado la sesión.", Duration.ofSeconds(10));
            reading.driver.switchTo().window(quiet);
            reading.awaitText("#notice", "La sesión se cerró.", Duration.ofSeconds(3));
            assertTrue(reading.find("#view-login").isDisplayed());
            assertFalse(onlySessionOf(reader).getBoolean("live"));
        }
    }

    @Test
    void changingThePasswordEndsEveryTabAndDeviceAndSaysSoInSpanish() {
        String user = newUser("pwd");
        Api.Login otherDevice = logInAs(user, "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");
        try (Browser browser = Browser.phone()) {
            logInThroughTheUi(browser, user, Api.PASSWORD);
            String first = browser.driver.getWindowHandle();
            browser.driver.switchTo().newWindow(WindowType.TAB);
            openUi(browser);
            browser.visible("#view-sessions");
            String second = browser.driver.getWindowHandle();
            browser.driver.switchTo().window(first);

            browser.find("a[href='#/password']").click();
            browser.visible("#view-password");
            browser.screenshot("08-change-password");

            browser.type("#current-password", Api.PASSWORD);
            browser.type("#new-password", "short");
            browser.type("#confirm-password", "shorter");
            browser.find("#password-submit").click();
            assertEquals(
                    "La nueva contraseña debe tener al menos 8 caracteres.",
                    browser.find("#new-password-error").getText());
            assertEquals(
                    "Las contraseñas nuevas no coinciden.",
                    browser.find("#confirm-password-error").getText());
            assertEquals("true", browser.find("#new-password").getAttribute("aria-invalid"));

            browser.type("#current-password", "not-my-password");
            browser.type("#new-password", "a-new-password-42");
            browser.type("#confirm-password", "a-new-password-42");
            browser.find("#password-submit").click();
            browser.awaitText(
                    "#current-password-error", "La contraseña actual no es correcta.", Duration.ofSeconds(15));

            browser.type("#current-password", Api.PASSWORD);
            browser.type("#new-password", user);
            browser.type("#confirm-password", user);
            browser.find("#password-submit").click();
            browser.awaitText(
                    "#new-password-error",
                    "La contraseña no puede ser igual al nombre de usuario.",
                    Duration.ofSeconds(15));
            browser.find("#show-passwords").click();
            assertEquals("text", browser.find("#new-password").getAttribute("type"));
            browser.screenshot("09-change-password-errors");

            browser.type("#new-password", "a-new-password-42");
            browser.type("#confirm-password", "a-new-password-42");
            browser.find("#password-submit").click();
            String success = "Contraseña cambiada correctamente. Inicie sesión con la nueva contraseña.";
            browser.awaitText("#notice", success, Duration.ofSeconds(15));
            assertTrue(browser.find("#view-login").isDisplayed());
            browser.screenshot("10-password-changed");

            browser.driver.switchTo().window(second);
            browser.awaitText("#notice", success, Duration.ofSeconds(3));
            assertTrue(browser.find("#view-login").isDisplayed());
            Api.Reply other = api.get("api/me/", otherDevice.access());
            assertEquals(401, other.status());
            assertEquals("password_changed", other.code());
            assertEquals(200, api.loginReply(user, "a-new-password-42", null).status());
        }
    }

    // ---- the refresh cookie -----------------------------------------------------------------

    @Test
    void theRefreshCookieIsHttpOnlyAndACrossSiteFormCannotUseIt() {
        String user = newUser("cookie");
        try (Browser browser = Browser.phone()) {
            logInThroughTheUi(browser, user, Api.PASSWORD);
            assertFalse(
                    String.valueOf(browser.script("return document.cookie")).contains("portero"),
                    "no script sees the refresh cookie");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cookies = (List<Map<String, Object>>) browser.driver
                    .executeCdpCommand("Storage.getCookies", Map.of())
                    .get("cookies");
            List<Map<String, Object>> refresh = cookies.stream()
                    .filter(c -> "portero_refresh".equals(c.get("name")))
                    .toList();
            assertFalse(refresh.isEmpty(), cookies::toString);
            for (Map<String, Object> cookie : refresh) {
                assertEquals(Boolean.TRUE, cookie.get("httpOnly"), cookie::toString);
                assertEquals("Strict", cookie.get("sameSite"), cookie::toString);
                String path = (String) cookie.get("path");
                assertTrue(path.startsWith("/api/token/refresh") || path.startsWith("/api/logout"), path);
            }

            for (String form : List.of("send-urlencoded", "send-plain")) {
                browser.open(second.origin() + "/form.html?api=" + apiOrigin());
                browser.await(
                        Duration.ofSeconds(10),
                        d -> "true".equals(browser.script("return document.body.dataset.ready")));
                browser.find("#" + form).click();
                browser.await(Duration.ofSeconds(10), d -> d.getCurrentUrl().startsWith(apiOrigin()));
                String answer = browser.find("body").getText();
                assertFalse(answer.contains("\"access\""), answer);
                assertTrue(answer.contains("\"code\""), answer);
            }
            // The session is untouched: the page picks it up again through the cookie.
            openUi(browser);
            browser.visible("#view-sessions");
            assertTrue(onlySessionOf(user).getBoolean("live"));
        }
    }

    // ---- another origin, React --------------------------------------------------------------

    @Test
    void aPageOnAnotherOriginLogsInThroughCorsAndReadsTheLimitAnswer() {
        String user = newUser("cors");
        logInAs(user, "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");
        logInAs(user, "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");
        try (Browser browser = Browser.phone()) {
            browser.open(second.origin() + "/client.html?api=" + apiOrigin());
            browser.await(Duration.ofSeconds(15), d -> browser.script("return window.portero !== undefined"));
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) browser.asyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "window.portero.login(arguments[0], arguments[1])"
                            + ".then(r => r.ok ? done({ok: true}) : r.endSessionAndLogin(r.sessions[0].id)"
                            + "  .then(again => done({code: r.code, message: r.message, sessions: r.sessions.length, again: again.ok})))"
                            + ".catch(e => done({error: String(e)}));",
                    user,
                    Api.PASSWORD);
            assertEquals("session_limit_reached", result.get("code"), result::toString);
            assertEquals("Máximo de dispositivos conectados", result.get("message"));
            assertEquals(2L, result.get("sessions"));
            assertEquals(Boolean.TRUE, result.get("again"));

            Object me = browser.asyncScript("const done = arguments[arguments.length - 1];"
                    + "window.portero.request('/api/me/').then(m => done(m.username), e => done(String(e)));");
            assertEquals(user, me);
            browser.awaitText("#state", "active", Duration.ofSeconds(5));

            Object after = browser.asyncScript("const done = arguments[arguments.length - 1];"
                    + "window.portero.logout().then(() => window.portero.fetch('/api/me/'))"
                    + ".then(r => done(r.status), e => done(String(e)));");
            assertEquals(401L, after);
            assertEquals("session_ended", browser.find("#ended-reason").getText());
        }
    }

    @Test
    void theReactHooksShowTheWarningKeepTheSessionAndEndIt() {
        String user = newUser("react");
        try (Browser browser = Browser.phone()) {
            browser.open(second.origin() + "/react.html?api=" + apiOrigin());
            browser.await(Duration.ofSeconds(15), d -> browser.script("return window.portero !== undefined"));
            browser.awaitText("#state", "anonymous", Duration.ofSeconds(10));
            Object login = browser.asyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "window.portero.login(arguments[0], arguments[1]).then(r => done(r.ok), e => done(String(e)));",
                    user,
                    Api.PASSWORD);
            assertEquals(Boolean.TRUE, login);
            browser.awaitText("#state", "active", Duration.ofSeconds(10));
            assertEquals(user, browser.find("#user").getText());
            browser.awaitText("#idle-timeout", "20", Duration.ofSeconds(10));

            browser.await(Duration.ofSeconds(20), d -> !browser.all("#warning").isEmpty());
            int secondsLeft = Integer.parseInt(browser.find("#countdown").getText());
            assertTrue(secondsLeft > 0 && secondsLeft <= 10, "countdown " + secondsLeft);
            assertEquals("warning", browser.find("#state").getText());
            browser.screenshot("11-react-warning");

            Instant stayed = Instant.now();
            browser.find("#stay").click();
            browser.await(Duration.ofSeconds(5), d -> browser.all("#warning").isEmpty());
            assertEquals("active", browser.find("#state").getText());
            JsonObject session = onlySessionOf(user);
            Instant activity = Instant.parse(session.getString("last_activity_at"));
            assertTrue(!activity.isBefore(stayed.minusSeconds(1)), "stay signed in told the server: " + activity);

            browser.find("#logout").click();
            browser.awaitText("#on-logout", "session_ended", Duration.ofSeconds(10));
            assertTrue(browser.find("#ended").getText().startsWith("session_ended: "));
            assertFalse(onlySessionOf(user).getBoolean("live"));
        }
    }

    // ---- administration ---------------------------------------------------------------------

    @Test
    void anAdministratorRevokesASessionAndDisablesAUser() {
        String holder = newUser("held");
        String disabled = newUser("gone");
        Api.Login held = logInAs(holder, null);
        try (Browser browser = Browser.phone()) {
            openUi(browser);
            browser.type("#login-username", Api.ADMIN);
            browser.type("#login-password", Api.ADMIN_PASSWORD);
            browser.find("#login-submit").click();
            browser.await(
                    Duration.ofSeconds(15),
                    d -> browser.find("#view-sessions").isDisplayed()
                            || browser.find("#view-limit").isDisplayed());
            if (browser.find("#view-limit").isDisplayed()) {
                // Other tests' administrator sessions: end one, as a user would.
                browser.find("#limit-list li button").click();
                browser.visible("#view-sessions");
            }
            browser.find("#nav-admin").click();
            browser.visible("#view-admin");

            browser.type("#filter-username", holder);
            browser.find("#admin-sessions-form button").click();
            browser.await(
                    Duration.ofSeconds(10),
                    d -> browser.all("#admin-sessions-list li.card").size() == 1
                            && browser.find("#admin-sessions-list li.card")
                                    .getText()
                                    .contains(holder));
            browser.type("#filter-q", disabled);
            browser.find("#admin-users-form button").click();
            browser.await(
                    Duration.ofSeconds(10),
                    d -> browser.all("#admin-users-list li.card").size() == 1
                            && browser.find("#admin-users-list li.card")
                                    .getText()
                                    .contains(disabled));
            browser.screenshot("12-admin");

            browser.find("#admin-sessions-list li.card button").click();
            browser.awaitText("#admin-sessions-message", "Sesión revocada.", Duration.ofSeconds(10));
            Api.Reply revoked = api.get("api/me/", held.access());
            assertEquals("session_revoked", revoked.code());

            browser.find("#admin-users-list li.card button").click();
            browser.awaitText("#admin-users-message", disabled + ": Deshabilitado.", Duration.ofSeconds(10));
            Api.Reply refused = api.loginReply(disabled, Api.PASSWORD, null);
            assertEquals(403, refused.status());
            assertEquals("account_disabled", refused.code());

            browser.find("#logout").click();
            browser.visible("#view-login");
        }
    }
}
