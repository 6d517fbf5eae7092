package io.portero.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    private static final TokenSigningKey KEY = TokenSigningKey.generate();
    private static final Instant NOW = Instant.parse("2026-11-30T10:15:30.750Z");

    private final TokenIssuer issuer = new TokenIssuer();
    private final Account account =
            new Account("Ana.Garcia", "ana@example.org", "unused", Set.of(Role.USER, Role.ADMIN), NOW);
    private final UUID sessionId = UUID.randomUUID();

    TokenIssuerTest() {
        issuer.keys = new KeyRing() {
            @Override
            public TokenSigningKey signingKey() {
                return KEY;
            }
        };
        issuer.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        issuer.issuer = "portero-test";
        issuer.accessTtl = Duration.ofMinutes(5);
    }

    private static JsonObject part(String token, int index) {
        byte[] json = Base64.getUrlDecoder().decode(token.split("\\.")[index]);
        try (JsonReader reader = Json.createReader(new StringReader(new String(json, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

    /** Verifies with the JDK alone, independently of the library that signed. */
    private static boolean jdkVerifies(String token) throws GeneralSecurityException {
        int lastDot = token.lastIndexOf('.');
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(KEY.publicKey());
        signature.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
    }

    @Test
    void anAccessTokenVerifiesWithTheJdkAndItsHeaderNamesTheKey() throws GeneralSecurityException {
        String token = issuer.issue(account, sessionId).token();

        assertTrue(jdkVerifies(token));
        JsonObject header = part(token, 0);
        assertEquals(Set.of("alg", "typ", "kid"), header.keySet());
        assertEquals("RS256", header.getString("alg"));
        assertEquals("JWT", header.getString("typ"));
        assertEquals(KEY.kid(), header.getString("kid"));
    }

    @Test
    void anAccessTokenCarriesExactlyTheAgreedClaims() {
        TokenIssuer.AccessToken access = issuer.issue(account, sessionId);

        JsonObject claims = part(access.token(), 1);
        assertEquals(
                Set.of("iss", "sub", "upn", "preferred_username", "groups", "sid", "iat", "exp", "jti"),
                claims.keySet());
        assertEquals("portero-test", claims.getString("iss"));
        assertEquals(account.id().toString(), claims.getString("sub"));
        assertEquals(account.username(), claims.getString("upn"));
        assertEquals(account.username(), claims.getString("preferred_username"));
        assertEquals(List.of("admin", "user"), claims.getJsonArray("groups").getValuesAs(JsonString::getString));
        assertEquals(sessionId.toString(), claims.getString("sid"));
        assertEquals(NOW.getEpochSecond(), claims.getJsonNumber("iat").longValueExact());
        assertEquals(NOW.getEpochSecond() + 300, claims.getJsonNumber("exp").longValueExact());
        assertEquals(300, access.expiresInSeconds());
        assertEquals(
                claims.getString("jti"),
                UUID.fromString(claims.getString("jti")).toString());
    }

    @Test
    void everyTokenHasItsOwnId() {
        String first = part(issuer.issue(account, sessionId).token(), 1).getString("jti");
        String second = part(issuer.issue(account, sessionId).token(), 1).getString("jti");

        assertNotEquals(first, second);
    }

    @Test
    void aTokenVerifiesWithTheKeyThatThePublishedJwksNamesAndNotOnceAltered()
            throws ParseException, JOSEException, GeneralSecurityException {
        String token = issuer.issue(account, sessionId).token();
        JWKSet published = JWKSet.parse(TokenSigningKey.jwks(List.of(TokenSigningKey.generate(), KEY)));

        SignedJWT parsed = SignedJWT.parse(token);
        RSAKey named = (RSAKey) published.getKeyByKeyId(parsed.getHeader().getKeyID());
        assertTrue(parsed.verify(new RSASSAVerifier(named)));

        String[] parts = token.split("\\.");
        String otherClaims = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(part(token, 1)
                        .toString()
                        .replace("\"user\"", "\"root\"")
                        .getBytes(StandardCharsets.UTF_8));
        String altered = parts[0] + "." + otherClaims + "." + parts[2];
        assertFalse(SignedJWT.parse(altered).verify(new RSASSAVerifier(named)));
        assertFalse(jdkVerifies(altered));
    }

    @Test
    void namesWithQuotesBackslashesControlCharactersAndAccentsSurviveTheJson()
            throws ParseException, JOSEException, GeneralSecurityException {
        String name = "Zoë \"the\\ quote\"\t\u0001 日本 \u2028";
        String token =
                issuer.issue(account.id(), name, Set.of(Role.USER), sessionId).token();

        SignedJWT parsed = SignedJWT.parse(token);
        assertTrue(parsed.verify(new RSASSAVerifier(KEY.publicKey())));
        assertTrue(jdkVerifies(token));
        assertEquals(name, parsed.getJWTClaimsSet().getStringClaim("upn"));
        assertEquals(name, part(token, 1).getString("preferred_username"));
        assertEquals(List.of("user"), parsed.getJWTClaimsSet().getStringListClaim("groups"));
    }

    @Test
    void successiveAndConcurrentTokensAllVerifyAndANewKeyIsUsedAtOnce() throws Exception {
        List<String> tokens = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 5; i++) {
                    tokens.add(issuer.issue(account, sessionId).token());
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(20, tokens.size());
        for (String token : tokens) {
            assertTrue(jdkVerifies(token), token);
        }

        TokenSigningKey next = TokenSigningKey.generate();
        issuer.keys = new KeyRing() {
            @Override
            public TokenSigningKey signingKey() {
                return next;
            }
        };
        SignedJWT signed = SignedJWT.parse(issuer.issue(account, sessionId).token());
        assertEquals(next.kid(), signed.getHeader().getKeyID());
        assertTrue(signed.verify(new RSASSAVerifier(next.publicKey())));
        assertFalse(signed.verify(new RSASSAVerifier(KEY.publicKey())));
    }
}
