package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser mode, as a browser would use it: the refresh token in an HttpOnly cookie scoped to
 * the refresh and logout routes, and refused to anything a cross-site form could send. The client
 * here sends cookies by hand, exactly those a browser would send to each path.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserModeIT {

    static final String COOKIE = "portero_refresh";

    /** A module of this test's own, beside the WAR's pages: how a script is served, whatever the UI holds. */
    static final String MODULE = "browser-mode-it.js";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addAsWebResource(new StringAsset("export const answer = 42;\n"), MODULE);
    }

    @ArquillianResource
    URL url;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(url);
    }

    @AfterEach
    void logoutAdministrator() {
        api.close();
    }

    String newUser(String prefix) {
        String user = api.createUser(api.adminToken(), Api.uniqueName(prefix));
        api.close();
        return user;
    }

    // ---- the refresh cookie -------------------------------------------------------------------

    /** One {@code Set-Cookie} line: name, value and attributes (names lower-cased; flags map to ""). */
    record SetCookie(String name, String value, Map<String, String> attributes) {

        static SetCookie parse(String line) {
            String[] parts = line.split(";");
            String[] pair = parts[0].split("=", 2);
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] attribute = parts[i].strip().split("=", 2);
                attributes.put(attribute[0].toLowerCase(Locale.ROOT), attribute.length > 1 ? attribute[1] : "");
            }
            return new SetCookie(pair[0].strip(), pair[1].strip(), attributes);
        }

        String path() {
            return attributes.get("path");
        }

        long maxAge() {
            return Long.parseLong(attributes.get("max-age"));
        }
    }

    static List<SetCookie> setCookies(Api.Reply reply) {
        return reply.raw().headers().allValues("Set-Cookie").stream()
                .map(SetCookie::parse)
                .toList();
    }

    /** The cookie a browser would keep for this path after the answer, or null if it is removed or absent. */
    static String cookieFor(Api.Reply reply, String path) {
        return setCookies(reply).stream()
                .filter(c -> c.name().equals(COOKIE) && c.path().equals(path))
                .filter(c -> c.maxAge() > 0)
                .map(SetCookie::value)
                .findFirst()
                .orElse(null);
    }

    static boolean clears(Api.Reply reply) {
        List<SetCookie> cookies = setCookies(reply);
        return cookies.size() == 2
                && cookies.stream()
                        .allMatch(c -> c.name().equals(COOKIE)
                                && c.maxAge() == 0
                                && c.value().isEmpty())
                && cookies.stream()
                        .map(SetCookie::path)
                        .toList()
                        .containsAll(List.of("/api/token/refresh", "/api/logout"));
    }

    Api.Reply cookieLogin(String user, String endSession) {
        var body = Json.createObjectBuilder()
                .add("username", user)
                .add("password", Api.PASSWORD)
                .add("refresh_cookie", true);
        if (endSession != null) {
            body.add("end_session", endSession);
        }
        return api.request("POST", "api/token/").json(body.build().toString()).send();
    }

    Api.Reply refreshWithCookie(String cookie) {
        return api.request("POST", "api/token/refresh/")
                .header("Cookie", COOKIE + "=" + cookie)
                .json("{}")
                .send();
    }

    @Test
    void aCookieLoginSetsAnHttpOnlyStrictCookieForRefreshAndLogoutOnly() {
        String user = newUser("cookie_login");
        Api.Reply login = cookieLogin(user, null);
        assertEquals(200, login.status(), login::toString);
        JsonObject body = login.json();
        assertTrue(body.isNull("refresh"), "no refresh token in the body: " + body);
        assertNotNull(api.get("api/me/", body.getString("access")).json().getString("username"));

        List<SetCookie> cookies = setCookies(login);
        assertEquals(2, cookies.size(), cookies::toString);
        assertEquals(
                List.of("/api/token/refresh", "/api/logout"),
                cookies.stream().map(SetCookie::path).toList());
        for (SetCookie cookie : cookies) {
            assertEquals(COOKIE, cookie.name());
            assertTrue(cookie.value().length() >= 43, "the refresh token itself");
            assertTrue(cookie.attributes().containsKey("httponly"), cookie::toString);
            assertEquals("Strict", cookie.attributes().get("samesite"));
            assertFalse(cookie.attributes().containsKey("secure"), "plain HTTP on the loopback: " + cookie);
            assertTrue(cookie.maxAge() > 30 && cookie.maxAge() <= 40, "the session's lifetime (PT40S): " + cookie);
            assertFalse(cookie.attributes().containsKey("domain"), "host-only");
        }
        assertEquals(cookies.get(0).value(), cookies.get(1).value());

        Api.Reply bodyMode = api.loginReply(user, Api.PASSWORD, null);
        assertEquals(200, bodyMode.status());
        assertFalse(bodyMode.json().isNull("refresh"));
        assertTrue(setCookies(bodyMode).isEmpty(), "no cookie without refresh_cookie");
    }

    @Test
    void theCookieIsSecureUnlessTheBrowserTalksPlainHttpOnTheLoopback() {
        String user = newUser("cookie_secure");
        // The tests' client is a trusted proxy here: it vouches that the browser used HTTPS.
        Api.Reply proxied = api.request("POST", "api/token/")
                .header("X-Forwarded-Proto", "https")
                .json(Json.createObjectBuilder()
                        .add("username", user)
                        .add("password", Api.PASSWORD)
                        .add("refresh_cookie", true)
                        .build()
                        .toString())
                .send();
        assertEquals(200, proxied.status(), proxied::toString);
        assertTrue(setCookies(proxied).stream().allMatch(c -> c.attributes().containsKey("secure")), proxied::toString);

        Api.Reply remote = refreshWithCookieFrom(cookieFor(proxied, "/api/token/refresh"), "203.0.113.77");
        assertEquals(200, remote.status(), remote::toString);
        assertTrue(
                setCookies(remote).stream().allMatch(c -> c.attributes().containsKey("secure")),
                "a browser on another machine over plain HTTP still gets a Secure cookie: " + remote);
    }

    Api.Reply refreshWithCookieFrom(String cookie, String forwardedFor) {
        return api.request("POST", "api/token/refresh/")
                .header("Cookie", COOKIE + "=" + cookie)
                .header("X-Forwarded-For", forwardedFor)
                .json("{}")
                .send();
    }

    @Test
    void aRefreshThroughTheCookieRotatesItAndItsReuseEndsTheSessionAndClearsIt() {
        String user = newUser("cookie_refresh");
        Api.Reply login = cookieLogin(user, null);
        String sessionId = login.json().getString("session_id");
        String first = cookieFor(login, "/api/token/refresh");

        Api.Reply refreshed = refreshWithCookie(first);
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertTrue(refreshed.json().isNull("refresh"), refreshed::toString);
        assertNotNull(
                api.get("api/me/", refreshed.json().getString("access")).json().getString("username"));
        String second = cookieFor(refreshed, "/api/token/refresh");
        assertNotNull(second, refreshed::toString);
        assertNotEquals(first, second, "rotated");
        assertEquals(second, cookieFor(refreshed, "/api/logout"), "the logout path gets the new token too");

        Api.Reply reused = refreshWithCookie(first);
        assertEquals(401, reused.status());
        assertEquals("refresh_token_reused", reused.code());
        assertTrue(
                clears(reused),
                "the cookie is cleared: " + reused.raw().headers().allValues("Set-Cookie"));
        assertEquals("REFRESH_REUSED", Db.endReason(sessionId));
    }

    @Test
    void anEmptyRefreshWithoutTheCookieIsAValidationError() {
        Api.Reply reply = api.post("api/token/refresh/", "{}", null);
        assertEquals(400, reply.status());
        assertEquals("validation_failed", reply.code());
        JsonObject violation = reply.json().getJsonArray("violations").getJsonObject(0);
        assertEquals("refresh", violation.getString("field"));
        assertEquals("required", violation.getString("code"));

        Api.Reply blank = api.post("api/token/refresh/", "{\"refresh\":\"  \"}", null);
        assertEquals(400, blank.status());
        assertEquals("validation_failed", blank.code());

        Api.Reply unknown = refreshWithCookie("x".repeat(43));
        assertEquals(401, unknown.status());
        assertEquals("invalid_refresh_token", unknown.code());
        assertTrue(clears(unknown), "a cookie Portero does not know is removed");
    }

    @Test
    void theBodysTokenWinsOverTheCookie() {
        String user = newUser("cookie_body");
        String cookie = cookieFor(cookieLogin(user, null), "/api/token/refresh");
        String bodyToken = api.login(user, Api.PASSWORD).refresh();
        Api.Reply reply = api.request("POST", "api/token/refresh/")
                .header("Cookie", COOKIE + "=" + cookie)
                .json("{\"refresh\":\"" + bodyToken + "\"}")
                .send();
        assertEquals(200, reply.status(), reply::toString);
        assertFalse(reply.json().isNull("refresh"), "body mode answers in the body");
        assertTrue(setCookies(reply).isEmpty(), "and leaves the cookie alone");
        assertEquals(200, refreshWithCookie(cookie).status(), "the cookie was not used");
    }

    @Test
    void aCrossSiteFormCannotUseTheCookie() {
        String user = newUser("cookie_csrf");
        Api.Reply login = cookieLogin(user, null);
        String sessionId = login.json().getString("session_id");
        String refreshCookie = cookieFor(login, "/api/token/refresh");
        String logoutCookie = cookieFor(login, "/api/logout");

        // What a form can send, with or without a body: refused by the cookie's own check, or before it
        // is looked at because the body is no JSON. Either way the cookie stays as it was.
        Map<String, Api.Reply> forms = new LinkedHashMap<>();
        for (String contentType : List.of("application/x-www-form-urlencoded", "text/plain", "multipart/form-data")) {
            for (String body : List.of("", "refresh=x")) {
                forms.put(
                        contentType + " \"" + body + "\"",
                        api.request("POST", "api/logout/")
                                .header("Cookie", COOKIE + "=" + logoutCookie)
                                .body(contentType, body.getBytes())
                                .send());
            }
        }
        forms.put(
                "no Content-Type, no body",
                api.request("POST", "api/logout/")
                        .header("Cookie", COOKIE + "=" + logoutCookie)
                        .send());
        forms.forEach((form, reply) -> {
            assertTrue(
                    Set.of("csrf_check_failed", "malformed_json", "unsupported_media_type")
                            .contains(reply.code()),
                    form + ": " + reply);
            assertTrue(
                    setCookies(reply).isEmpty(),
                    form + " leaves the cookie: " + reply.raw().headers());
        });
        Api.Reply noType = forms.get("no Content-Type, no body");
        assertEquals(403, noType.status(), noType::toString);
        assertEquals("csrf_check_failed", noType.code());
        System.out.println("[browser-mode] form posts to logout with the cookie: "
                + forms.entrySet().stream()
                        .map(e -> e.getKey() + " -> " + e.getValue().status() + " "
                                + e.getValue().code())
                        .toList());

        Api.Reply textRefresh = api.request("POST", "api/token/refresh/")
                .header("Cookie", COOKIE + "=" + refreshCookie)
                .body("text/plain", "{}".getBytes())
                .send();
        assertEquals(415, textRefresh.status(), textRefresh::toString);
        assertTrue(setCookies(textRefresh).isEmpty());

        assertEquals(1, Db.liveRows(user), "the session is still live");
        Api.Reply refreshed = refreshWithCookie(refreshCookie);
        assertEquals(200, refreshed.status(), "and its cookie still works: " + refreshed);
        assertNotNull(sessionId);
    }

    @Test
    void aLogoutThroughTheCookieEndsTheSessionAndClearsIt() {
        String user = newUser("cookie_logout");
        Api.Reply login = cookieLogin(user, null);
        String sessionId = login.json().getString("session_id");
        Api.Reply logout = api.request("POST", "api/logout/")
                .header("Cookie", COOKIE + "=" + cookieFor(login, "/api/logout"))
                .json("{}")
                .send();
        assertEquals(204, logout.status(), logout::toString);
        assertTrue(
                clears(logout), logout.raw().headers().allValues("Set-Cookie").toString());
        assertEquals("LOGOUT", Db.endReason(sessionId));
        assertEquals(401, api.get("api/me/", login.json().getString("access")).status());

        Api.Reply other = cookieLogin(user, null);
        Api.Reply headerOnly = api.request("POST", "api/logout/")
                .header("Cookie", COOKIE + "=" + cookieFor(other, "/api/logout"))
                .header("X-Portero-Client", "web")
                .send();
        assertEquals(204, headerOnly.status(), "no body, but the client header: " + headerOnly);
        assertTrue(clears(headerOnly));
        assertEquals("LOGOUT", Db.endReason(other.json().getString("session_id")));
    }

    @Test
    void theDeviceLimitAndEndSessionWorkInCookieMode() {
        String user = newUser("cookie_limit");
        Api.Reply first = cookieLogin(user, null);
        Api.Reply second = cookieLogin(user, null);
        assertEquals(200, second.status());

        Api.Reply third = cookieLogin(user, null);
        assertEquals(409, third.status(), third::toString);
        assertEquals("session_limit_reached", third.code());
        assertTrue(setCookies(third).isEmpty(), "no cookie without a session");
        String victim = first.json().getString("session_id");
        assertTrue(third.json().getJsonArray("sessions").stream()
                .anyMatch(s -> s.asJsonObject().getString("id").equals(victim)));

        Api.Reply retried = cookieLogin(user, victim);
        assertEquals(200, retried.status(), retried::toString);
        assertNotNull(cookieFor(retried, "/api/token/refresh"));
        assertEquals("REVOKED_BY_USER", Db.endReason(victim));

        Api.Reply ended = refreshWithCookie(cookieFor(first, "/api/token/refresh"));
        assertEquals(401, ended.status());
        assertEquals("session_revoked", ended.code());
        assertTrue(clears(ended), "a session that is over takes its cookie with it");
    }

    // ---- CORS -----------------------------------------------------------------------------------

    /** Listed in PORTERO_HTTP_CORS_ALLOWED_ORIGINS of the postgresql execution (pom.xml). */
    static final String LISTED = "https://app.example.test";

    static final String UNLISTED = "https://evil.example.test";

    static void assertCors(Api.Reply reply, String what) {
        String where =
                what + " (" + reply.status() + "): " + reply.raw().headers().map();
        assertEquals(LISTED, reply.header("Access-Control-Allow-Origin"), where);
        assertEquals("true", reply.header("Access-Control-Allow-Credentials"), where);
        String exposed = reply.header("Access-Control-Expose-Headers");
        assertNotNull(exposed, where);
        assertTrue(exposed.contains("Retry-After") && exposed.contains("Content-Type"), where);
        assertTrue(vary(reply).contains("origin"), where);
    }

    static void assertNoCors(Api.Reply reply, String what) {
        reply.raw()
                .headers()
                .map()
                .keySet()
                .forEach(name -> assertFalse(
                        name.toLowerCase(Locale.ROOT).startsWith("access-control-"),
                        what + " must carry no CORS header: "
                                + reply.raw().headers().map()));
    }

    static String vary(Api.Reply reply) {
        return String.join(",", reply.raw().headers().allValues("Vary")).toLowerCase(Locale.ROOT);
    }

    Api.Reply preflight(String path, String origin, String method, String headers) {
        Api.Request request =
                api.request("OPTIONS", path).header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return request.send();
    }

    @Test
    void aPreflightFromAListedOriginIsAnsweredWithTheRules() {
        for (String path : List.of("api/token/", "api/me/", "api/token/refresh/", "api/admin/users/x")) {
            Api.Reply reply = preflight(path, LISTED, "POST", "content-type,authorization,x-portero-activity");
            assertEquals(204, reply.status(), path + ": " + reply);
            assertEquals(LISTED, reply.header("Access-Control-Allow-Origin"));
            assertEquals("true", reply.header("Access-Control-Allow-Credentials"));
            String methods = reply.header("Access-Control-Allow-Methods");
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                assertTrue(methods.contains(method), methods);
            }
            String headers = reply.header("Access-Control-Allow-Headers");
            for (String header : List.of(
                    "Authorization", "Content-Type", "Accept-Language", "X-Portero-Activity", "X-Portero-Client")) {
                assertTrue(headers.contains(header), headers);
            }
            assertEquals("600", reply.header("Access-Control-Max-Age"));
            assertTrue(
                    vary(reply).contains("origin"), reply.raw().headers().map().toString());
        }
    }

    @Test
    void anUnlistedOriginGetsNoCorsHeaderAtAll() {
        Api.Reply preflight = preflight("api/token/", UNLISTED, "POST", "content-type");
        assertNoCors(preflight, "a preflight from an unlisted origin");
        System.out.println("[browser-mode] preflight from an unlisted origin: " + preflight.status());

        String user = newUser("cors_unlisted");
        Api.Reply login = api.request("POST", "api/token/")
                .header("Origin", UNLISTED)
                .json(Api.credentials(user, Api.PASSWORD))
                .send();
        assertEquals(200, login.status(), "the request itself is served (the browser hides the answer)");
        assertNoCors(login, "an answer to an unlisted origin");
        assertTrue(vary(login).contains("origin"), "still Vary: Origin");

        Api.Reply subdomain = api.request("GET", "api/me/")
                .header("Origin", "https://x.app.example.test")
                .send();
        assertNoCors(subdomain, "an origin under a listed one");
        assertNoCors(api.request("GET", "api/me/").send(), "a request without Origin");
    }

    @Test
    void answersAndEveryKindOfErrorCarryTheCorsHeadersForAListedOrigin() {
        String user = newUser("cors_errors");
        Map<String, Api.Reply> replies = new LinkedHashMap<>();
        replies.put(
                "200 cookie login",
                api.request("POST", "api/token/")
                        .header("Origin", LISTED)
                        .json(Json.createObjectBuilder()
                                .add("username", user)
                                .add("password", Api.PASSWORD)
                                .add("refresh_cookie", true)
                                .build()
                                .toString())
                        .send());
        String access = replies.get("200 cookie login").json().getString("access");
        replies.put(
                "200 session status",
                api.request("GET", "api/session-status/")
                        .bearer(access)
                        .header("Origin", LISTED)
                        .send());
        replies.put(
                "401 from the MP-JWT mechanism (error page)",
                api.request("GET", "api/me/")
                        .bearer("garbage")
                        .header("Origin", LISTED)
                        .send());
        replies.put(
                "401 without a token",
                api.request("GET", "api/me/").header("Origin", LISTED).send());
        replies.put(
                "401 invalid_credentials",
                api.request("POST", "api/token/")
                        .header("Origin", LISTED)
                        .json(Api.credentials(user, "wrong-password-1"))
                        .send());
        api.login(user, Api.PASSWORD);
        replies.put(
                "409 session_limit_reached",
                api.request("POST", "api/token/")
                        .header("Origin", LISTED)
                        .json(Api.credentials(user, Api.PASSWORD))
                        .send());
        replies.put(
                "404 JAX-RS",
                api.request("GET", "api/no-such-route").header("Origin", LISTED).send());
        replies.put(
                "404 error page (a module that does not exist)",
                api.request("GET", "no-such-module.js").header("Origin", LISTED).send());
        replies.put(
                "405", api.request("GET", "api/token/").header("Origin", LISTED).send());
        replies.put(
                "413 body limit (error page)",
                api.request("POST", "api/token/")
                        .header("Origin", LISTED)
                        .body("application/json", new byte[70_000])
                        .send());
        replies.put(
                "415",
                api.request("POST", "api/token/")
                        .header("Origin", LISTED)
                        .body("text/plain", "x".getBytes())
                        .send());
        replies.put(
                "431 header limit",
                api.request("GET", "api/me/")
                        .header("Origin", LISTED)
                        .header("X-Large", "a".repeat(9000))
                        .send());
        String address = "198.18." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
        Api.Reply throttled = null;
        for (int i = 0; i < 8 && (throttled == null || throttled.status() != 429); i++) {
            throttled = api.request("POST", "api/token/")
                    .header("Origin", LISTED)
                    .header("X-Forwarded-For", address)
                    .json(Api.credentials(user, "wrong-password-" + i))
                    .send();
        }
        replies.put("429 too_many_attempts", throttled);

        List<Integer> expected = List.of(200, 200, 401, 401, 401, 409, 404, 404, 405, 413, 415, 431, 429);
        assertEquals(expected, replies.values().stream().map(Api.Reply::status).toList(), replies.toString());
        replies.forEach((what, reply) -> assertCors(reply, what));
        assertNotNull(throttled.header("Retry-After"));
        assertEquals(
                "session_limit_reached",
                replies.get("409 session_limit_reached").code());
        assertEquals(
                "invalid_token",
                replies.get("401 from the MP-JWT mechanism (error page)").code());
        assertEquals(
                "payload_too_large", replies.get("413 body limit (error page)").code());
        assertEquals("header_too_large", replies.get("431 header limit").code());
    }

    @Test
    void healthMetricsOpenApiAndTheKeysAreNotForOtherOrigins() {
        for (String path : List.of("health/ready", "metrics", "openapi", ".well-known/jwks.json")) {
            Api.Reply reply = api.request("GET", path).header("Origin", LISTED).send();
            assertEquals(200, reply.status(), path);
            assertNoCors(reply, path);
        }
        Api.Reply preflight = preflight("health/ready", LISTED, "GET", null);
        assertNoCors(preflight, "a preflight to /health");

        Api.Reply check = preflight("api/auth/check", LISTED, "GET", "authorization");
        assertNoCors(check, "the forward-auth check is for proxies");
        assertEquals(401, check.status(), "and checks OPTIONS like every method: " + check);
    }

    // ---- pages --------------------------------------------------------------------------------

    static void assertPageHeaders(Api.Reply reply, String what) {
        String where = what + ": " + reply.raw().headers().map();
        String policy = reply.header("Content-Security-Policy");
        assertNotNull(policy, where);
        for (String directive : List.of(
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "connect-src 'self'",
                "frame-ancestors 'none'",
                "base-uri 'none'",
                "object-src 'none'")) {
            assertTrue(policy.contains(directive), directive + " in " + where);
        }
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), where);
        assertEquals("DENY", reply.header("X-Frame-Options"), where);
        assertEquals("no-referrer", reply.header("Referrer-Policy"), where);
        assertEquals("nosniff", reply.header("X-Content-Type-Options"), where);
        assertEquals("no-cache", reply.header("Cache-Control"), where);
    }

    @Test
    void theRootServesThePageWithItsSecurityHeadersAndRevalidation() {
        Api.Reply page = api.request("GET", "").send();
        assertEquals(200, page.status(), page::toString);
        assertEquals(
                "text/html;charset=utf-8",
                page.header("Content-Type").toLowerCase(Locale.ROOT).replace(" ", ""));
        assertTrue(page.body().contains("<html"), page::toString);
        assertPageHeaders(page, "/");
        String etag = page.header("ETag");
        assertNotNull(etag, "a validator, so that no-cache costs a 304 only");
        Api.Reply again = api.request("GET", "").header("If-None-Match", etag).send();
        assertEquals(304, again.status(), again::toString);

        Api.Reply index = api.request("GET", "index.html").send();
        assertEquals(page.body(), index.body());

        Api.Reply missing = api.request("GET", "no-such-page.html").send();
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.code(), "unknown paths stay problems");
        Api.Reply api404 = api.request("GET", "api/").send();
        assertEquals(404, api404.status());
        assertEquals("not_found", api404.code());
        assertEquals("no-store", api404.header("Cache-Control"), "the API keeps no-store");
    }

    @Test
    void modulesAreJavaScriptAndImportableFromAListedOrigin() {
        Api.Reply module = api.request("GET", MODULE).send();
        assertEquals(200, module.status(), module::toString);
        assertEquals("export const answer = 42;\n", module.body());
        assertEquals(
                "text/javascript;charset=utf-8",
                module.header("Content-Type").toLowerCase(Locale.ROOT).replace(" ", ""));
        assertPageHeaders(module, MODULE);
        assertNoCors(module, "a module fetched without Origin");

        Api.Reply imported = api.request("GET", MODULE).header("Origin", LISTED).send();
        assertEquals(200, imported.status());
        assertCors(imported, "a module imported by a page of a listed origin");
        assertNoCors(api.request("GET", MODULE).header("Origin", UNLISTED).send(), "an unlisted origin");
    }
}
