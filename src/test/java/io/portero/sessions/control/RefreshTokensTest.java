package io.portero.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.sessions.entity.RefreshToken;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefreshTokensTest {

    private static final byte[] KEY = RefreshTokens.newKey();
    private static final RefreshToken TOKEN = new RefreshToken(UUID.randomUUID(), 7);

    @Test
    void aTokenReadsBackAsTheSessionAndGenerationItWasIssuedFor() {
        String token = RefreshTokens.format(TOKEN, KEY);

        assertEquals(Optional.of(TOKEN), RefreshTokens.read(token, KEY));
        assertTrue(token.matches("[A-Za-z0-9_-]{32}\\.[A-Za-z0-9_-]{43}"), token);
        assertTrue(token.length() <= RefreshTokens.MAX_LENGTH);
        assertFalse(RefreshTokens.isOpaque(token));
    }

    @Test
    void everyGenerationAndSessionHasItsOwnToken() {
        Set<String> tokens = new HashSet<>();
        RefreshToken token = new RefreshToken(TOKEN.sessionId(), 0);
        for (int i = 0; i < 1_000; i++) {
            tokens.add(RefreshTokens.format(token, KEY));
            tokens.add(RefreshTokens.format(new RefreshToken(UUID.randomUUID(), 0), KEY));
            token = token.next();
        }

        assertEquals(2_000, tokens.size());
        assertEquals(1_000, token.generation());
    }

    @Test
    void aTokenUnderAnotherKeyIsNotRead() {
        String token = RefreshTokens.format(TOKEN, RefreshTokens.newKey());

        assertEquals(Optional.empty(), RefreshTokens.read(token, KEY));
    }

    @Test
    void changingAnyCharacterOfATokenMakesItUnreadable() {
        String token = RefreshTokens.format(TOKEN, KEY);
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                continue;
            }
            char other = token.charAt(i) == 'A' ? 'B' : 'A';
            String changed = token.substring(0, i) + other + token.substring(i + 1);

            Optional<RefreshToken> read = RefreshTokens.read(changed, KEY);
            // the last character of each part carries padding bits; a change there may decode to the same bytes
            assertTrue(read.isEmpty() || read.get().equals(TOKEN), changed);
        }
    }

    @Test
    void aForgedGenerationWithTheMacOfAnotherIsNotRead() {
        String token = RefreshTokens.format(TOKEN, KEY);
        String other = RefreshTokens.format(TOKEN.next(), KEY);
        String forged = other.substring(0, other.indexOf('.')) + token.substring(token.indexOf('.'));

        assertEquals(Optional.empty(), RefreshTokens.read(forged, KEY));
    }

    @Test
    void malformedTokensAreNotReadAndNeverThrow() {
        String token = RefreshTokens.format(TOKEN, KEY);
        String body = token.substring(0, token.indexOf('.'));
        String shortBody = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[23]);
        for (String bad : new String[] {
            "",
            ".",
            "..",
            token + ".",
            "." + token,
            token.replace('.', '!'),
            body + ".",
            "." + body,
            body + ".%%%",
            "%%%." + body,
            shortBody + "." + token.substring(token.indexOf('.') + 1),
            "a.b.c",
            token.substring(0, token.length() - 1)
        }) {
            assertEquals(Optional.empty(), RefreshTokens.read(bad, KEY), bad);
        }
    }

    @Test
    void opaqueTokensFromBeforeGenerationsAreToldApart() {
        String opaque = Base64.getUrlEncoder().withoutPadding().encodeToString(RefreshTokens.newKey());

        assertTrue(RefreshTokens.isOpaque(opaque));
        assertEquals(Optional.empty(), RefreshTokens.read(opaque, KEY));
    }

    @Test
    void theHashOfAnOpaqueTokenIsTheSha256InLowercaseHex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", RefreshTokens.hash("abc"));
        assertNotEquals(RefreshTokens.hash("abc"), RefreshTokens.hash("abd"));
    }

    @Test
    void keysAreRandomAndAsLongAsTheMac() {
        assertEquals(RefreshTokens.KEY_BYTES, KEY.length);
        assertFalse(java.util.Arrays.equals(KEY, RefreshTokens.newKey()));
    }
}
