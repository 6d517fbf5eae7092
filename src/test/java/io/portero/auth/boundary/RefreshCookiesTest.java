package io.portero.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.portero.auth.entity.CookieNotScriptedException;
import io.portero.platform.http.ClientAddresses;
import io.portero.platform.http.ScriptedRequests;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshCookiesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");

    private final HttpServletRequest http = mock(HttpServletRequest.class);
    private final ClientAddresses addresses = mock(ClientAddresses.class);

    private RefreshCookies cookies(boolean plainLoopback, Cookie... sent) {
        when(http.getContextPath()).thenReturn("");
        when(http.getCookies()).thenReturn(sent.length == 0 ? null : sent);
        when(addresses.isPlainHttpOnLoopback(http)).thenReturn(plainLoopback);
        RefreshCookies cookies = new RefreshCookies();
        cookies.http = http;
        cookies.clientAddresses = addresses;
        cookies.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return cookies;
    }

    @Test
    void aKeptTokenIsSetForTheRefreshAndTheLogoutPathUntilTheSessionsEnd() {
        RefreshCookies cookies = cookies(false);
        cookies.keep("tok-en_1", NOW.plus(Duration.ofHours(12)));
        assertEquals(
                List.of(
                        "portero_refresh=tok-en_1; Path=/api/token/refresh; Max-Age=43200; HttpOnly; SameSite=Strict; Secure",
                        "portero_refresh=tok-en_1; Path=/api/logout; Max-Age=43200; HttpOnly; SameSite=Strict; Secure"),
                cookies.setCookieLines(200));
        assertEquals(List.of(), cookies.setCookieLines(503), "a failed answer sets nothing");
    }

    @Test
    void plainHttpOnTheLoopbackDropsSecureOnly() {
        RefreshCookies cookies = cookies(true);
        cookies.keep("t", NOW.plusSeconds(10));
        assertEquals(
                "portero_refresh=t; Path=/api/token/refresh; Max-Age=10; HttpOnly; SameSite=Strict",
                cookies.setCookieLines(200).get(0));
    }

    @Test
    void theCookieIsUsedOnlyOnAScriptedRequest() {
        RefreshCookies form = cookies(false, new Cookie("portero_refresh", "abc"));
        when(http.getContentType()).thenReturn("application/x-www-form-urlencoded");
        assertThrows(CookieNotScriptedException.class, form::token);
        assertEquals(List.of(), form.setCookieLines(403), "a refused request leaves the cookie alone");
        assertEquals(List.of(), form.setCookieLines(401));

        RefreshCookies scripted = cookies(false, new Cookie("portero_refresh", "abc"));
        when(http.getHeader(ScriptedRequests.CLIENT_HEADER)).thenReturn("web");
        assertEquals("abc", scripted.token().orElseThrow());
        assertTrue(scripted.presented());
    }

    @Test
    void aRefusedCookieRefreshClearsTheCookie() {
        RefreshCookies cookies = cookies(false, new Cookie("other", "x"), new Cookie("portero_refresh", "abc"));
        when(http.getContentType()).thenReturn("application/json");
        cookies.token();
        assertEquals(
                List.of(
                        "portero_refresh=; Path=/api/token/refresh; Max-Age=0; HttpOnly; SameSite=Strict; Secure",
                        "portero_refresh=; Path=/api/logout; Max-Age=0; HttpOnly; SameSite=Strict; Secure"),
                cookies.setCookieLines(401));
        assertEquals(List.of(), cookies.setCookieLines(400));
    }

    @Test
    void withoutTheCookieNothingIsPresentedAndNothingCleared() {
        RefreshCookies cookies = cookies(false);
        when(http.getContentType()).thenReturn("text/plain");
        assertTrue(cookies.token().isEmpty(), "no cookie: no check either");
        assertEquals(List.of(), cookies.setCookieLines(401));
    }

    @Test
    void theCookieFollowsTheContextRoot() {
        RefreshCookies cookies = cookies(false);
        when(http.getContextPath()).thenReturn("/portero");
        cookies.clearOnSuccess();
        assertTrue(cookies.setCookieLines(204).get(1).contains("; Path=/portero/api/logout;"));
    }
}
