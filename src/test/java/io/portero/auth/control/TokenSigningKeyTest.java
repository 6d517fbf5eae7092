package io.portero.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSigningKeyTest {

    /** One key for the whole class: 2048-bit generation is the slow part of these tests. */
    private static final TokenSigningKey KEY = TokenSigningKey.generate();

    /** The RSA key of RFC 7638 section 3.1 and its published thumbprint. */
    private static final String RFC_7638_N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4"
            + "cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4"
            + "QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQ"
            + "Fh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

    private static final String RFC_7638_E = "AQAB";
    private static final String RFC_7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    private static RSAPublicKey rsaPublicKey(String n, String e) throws GeneralSecurityException {
        Base64.Decoder url = Base64.getUrlDecoder();
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(
                        new RSAPublicKeySpec(new BigInteger(1, url.decode(n)), new BigInteger(1, url.decode(e))));
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void aGeneratedKeyIsA2048BitRsaKeyNamedByItsThumbprint() {
        assertEquals("RSA", KEY.privateKey().getAlgorithm());
        assertEquals(2048, KEY.publicKey().getModulus().bitLength());
        assertEquals(TokenSigningKey.thumbprint(KEY.publicKey()), KEY.kid());
    }

    @Test
    void theThumbprintOfTheRfc7638KeyIsTheOnePublishedThere() throws GeneralSecurityException {
        assertEquals(RFC_7638_THUMBPRINT, TokenSigningKey.thumbprint(rsaPublicKey(RFC_7638_N, RFC_7638_E)));
    }

    @Test
    void theThumbprintIsStableAndDiffersBetweenKeys() {
        String kid = TokenSigningKey.thumbprint(KEY.publicKey());

        assertEquals(kid, TokenSigningKey.thumbprint(KEY.publicKey()));
        assertTrue(kid.matches("[A-Za-z0-9_-]{43}"), kid);
        assertNotEquals(kid, TokenSigningKey.generate().kid());
    }

    @Test
    void theJwkOfTheRfc7638KeyCarriesItsModulusAndExponentUnpadded() throws GeneralSecurityException {
        TokenSigningKey rfcKey = new TokenSigningKey("2011-04-29", null, rsaPublicKey(RFC_7638_N, RFC_7638_E));

        JsonObject jwk = json(rfcKey.publicJwk().toJSONString());

        assertEquals(Set.of("kty", "kid", "use", "alg", "n", "e"), jwk.keySet());
        assertEquals("RSA", jwk.getString("kty"));
        assertEquals("2011-04-29", jwk.getString("kid"));
        assertEquals("sig", jwk.getString("use"));
        assertEquals("RS256", jwk.getString("alg"));
        assertEquals(RFC_7638_N, jwk.getString("n"));
        assertEquals(RFC_7638_E, jwk.getString("e"));
    }

    @Test
    void theJwksIsValidJsonWithEveryKeyInOrderAndNoPrivatePart() throws GeneralSecurityException {
        RSAPublicKey rfcKey = rsaPublicKey(RFC_7638_N, RFC_7638_E);
        List<TokenSigningKey> keys = List.of(KEY, new TokenSigningKey("2011-04-29", null, rfcKey));

        JsonObject jwks = json(TokenSigningKey.jwks(keys));

        assertEquals(Set.of("keys"), jwks.keySet());
        JsonArray published = jwks.getJsonArray("keys");
        assertEquals(2, published.size());
        JsonObject first = published.getJsonObject(0);
        assertEquals(Set.of("kty", "kid", "use", "alg", "n", "e"), first.keySet());
        assertEquals("RSA", first.getString("kty"));
        assertEquals(KEY.kid(), first.getString("kid"));
        assertEquals("sig", first.getString("use"));
        assertEquals("RS256", first.getString("alg"));
        assertEquals("AQAB", first.getString("e"));
        assertEquals(KEY.publicKey(), rsaPublicKey(first.getString("n"), first.getString("e")));
        assertEquals(RFC_7638_N, published.getJsonObject(1).getString("n"));
        assertEquals("2011-04-29", published.getJsonObject(1).getString("kid"));
    }

    @Test
    void anEmptyRingPublishesAnEmptyKeySet() {
        assertEquals(
                0, json(TokenSigningKey.jwks(List.of())).getJsonArray("keys").size());
    }

    @Test
    void theJwksStaysValidJsonWhateverTheConfiguredKeyId() {
        TokenSigningKey configured = new TokenSigningKey("prod \"2026\"", KEY.privateKey(), KEY.publicKey());

        JsonObject parsed = json(TokenSigningKey.jwks(List.of(configured)));

        assertEquals(
                "prod \"2026\"", parsed.getJsonArray("keys").getJsonObject(0).getString("kid"));
    }

    @Test
    void aKeyNeverPrintsItsPrivateHalf() {
        TokenSigningKey key = new TokenSigningKey("kid-1", KEY.privateKey(), KEY.publicKey());

        assertEquals("TokenSigningKey[kid-1]", key.toString());
    }

    @Test
    void aKeyShorterThan2048BitsIsRefused() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair weak = generator.generateKeyPair();

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new TokenSigningKey("weak", weak.getPrivate(), (RSAPublicKey) weak.getPublic()));

        assertTrue(e.getMessage().contains("2048"), e.getMessage());
    }
}
