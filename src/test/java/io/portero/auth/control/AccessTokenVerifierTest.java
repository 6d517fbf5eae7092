package io.portero.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.portero.auth.control.AccessTokenVerifier.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessTokenVerifierTest {

    private static final TokenSigningKey CURRENT = TokenSigningKey.generate();
    private static final TokenSigningKey OLDER = TokenSigningKey.generate();
    private static final List<TokenSigningKey> RING = List.of(CURRENT, OLDER);
    private static final Instant NOW = Instant.parse("2026-11-30T10:15:30Z");
    private static final UUID SID = UUID.randomUUID();
    private static final String SUB = UUID.randomUUID().toString();

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer("portero")
                .subject(SUB)
                .claim("upn", "ana")
                .claim("groups", List.of("user", "admin"))
                .claim("sid", SID.toString())
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(300)));
    }

    private static String sign(JWTClaimsSet claims, TokenSigningKey key, String kid) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .keyID(kid)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String sign(JWTClaimsSet claims) {
        return sign(claims, CURRENT, CURRENT.kid());
    }

    private static Optional<VerifiedToken> verify(String token) {
        return AccessTokenVerifier.verify(token, RING, "portero", 60, NOW);
    }

    @Test
    void aTokenOfTheRingIsReadWithItsClaims() {
        VerifiedToken token = verify(sign(claims().build())).orElseThrow();

        assertEquals(SUB, token.subject());
        assertEquals(SID, token.sessionId());
        assertEquals(Set.of("user", "admin"), token.groups());
        assertEquals("ana", token.username());
        assertEquals(NOW, token.issuedAt());
        assertEquals(NOW.plusSeconds(300), token.expiresAt());
        assertEquals("portero", token.issuer());
    }

    @Test
    void anOlderKeyOfTheRingStillVerifies() {
        assertTrue(verify(sign(claims().build(), OLDER, OLDER.kid())).isPresent());
        assertTrue(verify(sign(claims().build(), OLDER, null)).isPresent(), "without kid, any key of the ring");
    }

    @Test
    void aKeyOutsideTheRingOrAKidNamingAnotherKeyIsRefused() {
        assertEquals(Optional.empty(), verify(sign(claims().build(), TokenSigningKey.generate(), CURRENT.kid())));
        assertEquals(Optional.empty(), verify(sign(claims().build(), OLDER, CURRENT.kid())));
    }

    @Test
    void onlyRs256IsAccepted() throws JOSEException {
        assertEquals(Optional.empty(), verify(new PlainJWT(claims().build()).serialize()));
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner(new byte[32]));
        assertEquals(Optional.empty(), verify(hmac.serialize()));
    }

    @Test
    void expiryAndIssueTimeAreCheckedWithTheClockSkew() {
        assertTrue(verify(sign(
                        claims().expirationTime(Date.from(NOW.minusSeconds(59))).build()))
                .isPresent());
        assertEquals(
                Optional.empty(),
                verify(sign(
                        claims().expirationTime(Date.from(NOW.minusSeconds(60))).build())));
        assertTrue(
                verify(sign(claims().issueTime(Date.from(NOW.plusSeconds(60))).build()))
                        .isPresent());
        assertEquals(
                Optional.empty(),
                verify(sign(claims().issueTime(Date.from(NOW.plusSeconds(61))).build())));
        assertEquals(Optional.empty(), verify(sign(claims().expirationTime(null).build())));
        assertEquals(Optional.empty(), verify(sign(claims().issueTime(null).build())));
    }

    @Test
    void theIssuerSubjectAndSessionMustBeThere() {
        assertEquals(Optional.empty(), verify(sign(claims().issuer("other").build())));
        assertEquals(Optional.empty(), verify(sign(claims().issuer(null).build())));
        assertEquals(Optional.empty(), verify(sign(claims().subject(null).build())));
        assertEquals(Optional.empty(), verify(sign(claims().claim("sid", null).build())));
        assertEquals(
                Optional.empty(),
                verify(sign(claims().claim("sid", "not-a-uuid").build())));
        assertEquals(Optional.empty(), verify(sign(claims().claim("sid", 42).build())));
    }

    @Test
    void whatIsNoJwtIsRefused() {
        assertEquals(Optional.empty(), verify(null));
        assertEquals(Optional.empty(), verify(""));
        assertEquals(Optional.empty(), verify("Qdgr4p9x-opaque-refresh-token"));
        assertEquals(Optional.empty(), verify("a.b.c"));
        String[] parts = sign(claims().build()).split("\\.");
        assertEquals(Optional.empty(), verify(parts[0] + "." + parts[1] + ".AAAA"));
    }

    @Test
    void tokensWithoutGroupsGrantNoRole() {
        assertEquals(
                Set.of(),
                verify(sign(claims().claim("groups", null).build()))
                        .orElseThrow()
                        .groups());
    }

    /** A verifier as the server builds it: its ring and clock can be changed by the test. */
    private static final class Node {
        volatile List<TokenSigningKey> ring = List.copyOf(RING);
        volatile Instant now = NOW;
        final AccessTokenVerifier verifier = new AccessTokenVerifier();

        Node() {
            verifier.keys = new KeyRing() {
                @Override
                public List<TokenSigningKey> verificationKeys() {
                    return ring;
                }
            };
            verifier.clock = new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };
            verifier.issuer = "portero";
            verifier.skewSeconds = 60;
            verifier.accessTtl = Duration.ofMinutes(5);
            verifier.verifiedCacheSize = 100;
            verifier.createCache();
        }
    }

    @Test
    void aTokenVerifiedOnceIsRememberedButItsTimesAreCheckedAtEveryUse() {
        Node node = new Node();
        String token = sign(claims().build());
        assertTrue(node.verifier.verify(token).isPresent());
        assertTrue(node.verifier.verify(token).isPresent());
        assertEquals(1, node.verifier.verifiedTokens().size(), "one entry for the token used twice");
        node.now = NOW.plusSeconds(300 + 59);
        assertTrue(node.verifier.verify(token).isPresent(), "within the skew after exp");
        node.now = NOW.plusSeconds(300 + 60);
        assertEquals(Optional.empty(), node.verifier.verify(token), "expired, although remembered");
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceTheRingChanges() {
        Node node = new Node();
        String byOlder = sign(claims().build(), OLDER, OLDER.kid());
        assertTrue(node.verifier.verify(byOlder).isPresent());
        node.ring = List.of(CURRENT);
        assertEquals(Optional.empty(), node.verifier.verify(byOlder), "its key left the ring");
        node.ring = List.copyOf(RING);
        assertTrue(node.verifier.verify(byOlder).isPresent(), "verified again with the new ring");
    }

    @Test
    void aRememberedSignatureDoesNotCoverOtherClaims() {
        Node node = new Node();
        String token = sign(claims().build());
        assertTrue(node.verifier.verify(token).isPresent());
        String[] parts = token.split("\\.");
        String otherClaims = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims().claim("groups", List.of("user", "admin", "root"))
                        .build()
                        .toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), node.verifier.verify(parts[0] + "." + otherClaims + "." + parts[2]));
        assertFalse(node.verifier.verify("Bearer " + token).isPresent(), "the token's exact text only");
    }
}
