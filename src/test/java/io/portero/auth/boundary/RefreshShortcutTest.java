package io.portero.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefreshShortcutTest {

    private static Optional<String> tokenOf(String body) {
        return RefreshShortcut.tokenOf(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBodyWithARefreshTokenIsThePlainCase() {
        assertEquals(Optional.of("abc-DEF_123"), tokenOf("{\"refresh\":\"abc-DEF_123\"}"));
        assertEquals(Optional.of("abc-DEF.xyz_12"), tokenOf("{\"refresh\":\"abc-DEF.xyz_12\"}"));
        assertEquals(Optional.of("abc"), tokenOf(" {\n \"refresh\" : \"abc\", \"other\": 1 } "));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"refresh\":null}",
                "{\"refresh\":\"\"}",
                "{\"refresh\":\"   \"}",
                "{\"refresh\":[\"abc\"]}",
                "{\"refresh\":42}",
                "{\"refresh\":\"abc def\"}",
                "{\"refresh\":\"abc=\"}",
                "{\"refresh\":\"abc\\u0000\"}",
                "{\"refresh\":\"abc\",\"refresh\":\"def\"}",
                "{\"refresh\":\"abc\"",
                "[\"abc\"]",
                "\"abc\"",
                ""
            })
    void everyOtherBodyGoesToTheResource(String body) {
        assertEquals(Optional.empty(), tokenOf(body), body);
    }

    @Test
    void tokensAreBase64UrlAndDotsExactly() {
        String allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.";
        assertTrue(RefreshShortcut.looksLikeRefreshToken(allowed));
        for (char c = 0; c < 0x250; c++) {
            String character = "U+" + Integer.toHexString(c);
            assertEquals(allowed.indexOf(c) >= 0, RefreshShortcut.looksLikeRefreshToken("ab" + c + "cd"), character);
        }
        assertFalse(RefreshShortcut.looksLikeRefreshToken(""));
    }

    @Test
    void aTokenLongerThanTheRequestAllowsGoesToTheResource() {
        assertTrue(tokenOf("{\"refresh\":\"" + "a".repeat(512) + "\"}").isPresent());
        assertEquals(Optional.empty(), tokenOf("{\"refresh\":\"" + "a".repeat(513) + "\"}"));
    }

    @Test
    void aBodyThatIsNotUtf8GoesToTheResource() {
        byte[] latin1 = "{\"refresh\":\"abc\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Optional.empty(), RefreshShortcut.tokenOf(latin1));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "Application/JSON",
                "application/json; charset=utf-8",
                "application/json;charset=UTF-8"
            })
    void jsonInUtf8IsThePlainCase(String contentType) {
        assertTrue(RefreshShortcut.isJson(contentType), contentType);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/plain",
                "application/json-patch+json",
                "application/json; charset=iso-8859-1",
                "application/x-www-form-urlencoded",
                ""
            })
    void otherMediaTypesGoToTheResource(String contentType) {
        assertFalse(RefreshShortcut.isJson(contentType), contentType);
    }

    @Test
    void noMediaTypeGoesToTheResource() {
        assertFalse(RefreshShortcut.isJson(null));
    }
}
