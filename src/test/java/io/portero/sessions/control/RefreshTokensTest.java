package io.portero.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshTokensTest {

    @Test
    void aTokenIsAtLeast43UrlSafeCharacters() {
        String token = RefreshTokens.generate();

        assertTrue(token.length() >= 43, token);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        assertTrue(token.length() <= RefreshTokens.MAX_LENGTH);
    }

    @Test
    void everyTokenIsDifferent() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            tokens.add(RefreshTokens.generate());
        }

        assertEquals(10_000, tokens.size());
    }

    @Test
    void theHashIsTheSha256InLowercaseHex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", RefreshTokens.hash("abc"));
    }

    @Test
    void theHashOfATokenIsStableAndFitsItsColumn() {
        String token = RefreshTokens.generate();
        String hash = RefreshTokens.hash(token);

        assertEquals(hash, RefreshTokens.hash(token));
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertNotEquals(token, hash);
    }

    @Test
    void differentTokensHaveDifferentHashes() {
        String token = RefreshTokens.generate();

        assertNotEquals(RefreshTokens.hash(token), RefreshTokens.hash(token + "x"));
        assertNotEquals(RefreshTokens.hash(token), RefreshTokens.hash(token.toUpperCase()));
    }
}
