package io.portero.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CorsPolicyTest {

    private static CorsPolicy policy(String list) {
        CorsPolicy policy = new CorsPolicy();
        policy.configured = Optional.ofNullable(list);
        policy.init();
        return policy;
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", " , "})
    void nothingListedMeansNoCors(String list) {
        CorsPolicy policy = policy(list);
        assertFalse(policy.isEnabled());
        assertFalse(policy.allows("https://app.example.com"));
        assertFalse(policy.allows(null));
    }

    @Test
    void listedOriginsAreAllowedExactly() {
        CorsPolicy policy = policy("https://app.example.com, http://localhost:5173\thttps://[::1]:8443");
        assertTrue(policy.isEnabled());
        assertTrue(policy.allows("https://app.example.com"));
        assertTrue(policy.allows("http://localhost:5173"));
        assertTrue(policy.allows("https://[::1]:8443"));
        assertFalse(policy.allows("http://app.example.com"), "another scheme is another origin");
        assertFalse(policy.allows("https://app.example.com:8443"), "another port too");
        assertFalse(policy.allows("https://evil.app.example.com"));
        assertFalse(policy.allows("https://app.example.com.evil.test"));
        assertFalse(policy.allows("null"));
    }

    @Test
    void entriesAreWrittenAsBrowsersSendThem() {
        assertEquals(
                Set.of("https://app.example.com", "http://api.example.com", "http://localhost:8080"),
                CorsPolicy.parse("HTTPS://App.Example.com:443,http://api.example.com:80,http://localhost:8080"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "*",
                "null",
                "app.example.com",
                "https://app.example.com/",
                "https://app.example.com/app",
                "https://app.example.com?x=1",
                "https://user@app.example.com",
                "ftp://app.example.com",
                "https://",
                "https://app example.com"
            })
    void whatIsNoOriginStopsTheStartNamingTheKey(String entry) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CorsPolicy.parse("https://ok.example.com," + entry));
        assertTrue(e.getMessage().startsWith("portero.http.cors.allowed-origins: '"), e.getMessage());
    }

    @Test
    void theWildcardIsRefusedBecauseCredentialsAreAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy("*"));
        assertTrue(e.getMessage().contains("credentials"), e.getMessage());
    }
}
