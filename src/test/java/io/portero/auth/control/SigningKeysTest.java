package io.portero.auth.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    /** One key for the whole class: 2048-bit generation is the slow part of these tests. */
    private static final KeyPair PAIR = SigningKeys.generate();
    private static final RSAPublicKey PUBLIC = (RSAPublicKey) PAIR.getPublic();

    /** The RSA key of RFC 7638 section 3.1 and its published thumbprint. */
    private static final String RFC_7638_N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4"
            + "cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4"
            + "QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQ"
            + "Fh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    private static final String RFC_7638_E = "AQAB";
    private static final String RFC_7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    private static RSAPublicKey rsaPublicKey(String n, String e) throws GeneralSecurityException {
        Base64.Decoder url = Base64.getUrlDecoder();
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                new RSAPublicKeySpec(new BigInteger(1, url.decode(n)), new BigInteger(1, url.decode(e))));
    }

    private static byte[] sign(PrivateKey key, String signingInput) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signature.sign();
    }

    private static boolean verifies(PublicKey key, String signingInput, byte[] signed) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signature.verify(signed);
    }

    private static String pem(String label, byte[] der, String lineEnd) {
        String body = Base64.getMimeEncoder(64, lineEnd.getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----" + lineEnd + body + lineEnd + "-----END " + label + "-----" + lineEnd;
    }

    @Test
    void aGeneratedKeyIsA2048BitRsaKey() {
        assertEquals("RSA", PAIR.getPrivate().getAlgorithm());
        assertEquals(2048, PUBLIC.getModulus().bitLength());
    }

    @Test
    void aTokenSignedBeforeARestartVerifiesWithTheKeysReloadedFromTheDatabase() throws GeneralSecurityException {
        // what SigningKeyStore writes: standard base64 of the PKCS#8 and X.509 encodings
        String storedPrivate = Base64.getEncoder().encodeToString(PAIR.getPrivate().getEncoded());
        String storedPublic = Base64.getEncoder().encodeToString(PAIR.getPublic().getEncoded());
        String signingInput = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbmEiLCJzaWQiOiIxIn0";
        byte[] beforeRestart = sign(PAIR.getPrivate(), signingInput);

        PrivateKey reloadedPrivate = SigningKeys.privateKeyFromBase64(storedPrivate);
        RSAPublicKey reloadedPublic = SigningKeys.publicKeyFromBase64(storedPublic);

        assertTrue(verifies(reloadedPublic, signingInput, beforeRestart));
        assertTrue(verifies(PUBLIC, signingInput, sign(reloadedPrivate, signingInput)));
        assertFalse(verifies(reloadedPublic, signingInput + "x", beforeRestart));
        assertArrayEquals(PAIR.getPrivate().getEncoded(), reloadedPrivate.getEncoded());
        assertEquals(SigningKeys.thumbprint(PUBLIC), SigningKeys.thumbprint(reloadedPublic));
    }

    @Test
    void storedKeysMayBeLineWrapped() throws GeneralSecurityException {
        String wrapped = Base64.getMimeEncoder().encodeToString(PAIR.getPublic().getEncoded());
        assertTrue(wrapped.contains("\r\n"));

        assertEquals(PUBLIC, SigningKeys.publicKeyFromBase64(wrapped));
    }

    @Test
    void aPkcs8PemYieldsItsPrivateKeyAndTheMatchingPublicKey() throws GeneralSecurityException {
        KeyPair read = SigningKeys.fromPem(pem("PRIVATE KEY", PAIR.getPrivate().getEncoded(), "\n"));

        assertEquals(PUBLIC, read.getPublic());
        assertArrayEquals(PAIR.getPrivate().getEncoded(), read.getPrivate().getEncoded());
        String signingInput = "header.payload";
        assertTrue(verifies(PUBLIC, signingInput, sign(read.getPrivate(), signingInput)));
    }

    @Test
    void aPemFromAnEnvironmentVariableWithWindowsLineEndsIsRead() throws GeneralSecurityException {
        KeyPair read = SigningKeys.fromPem(pem("PRIVATE KEY", PAIR.getPrivate().getEncoded(), "\r\n"));

        assertEquals(PUBLIC, read.getPublic());
    }

    @Test
    void aPkcs1PemIsRefusedSayingHowToConvertIt() {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAwhatever\n-----END RSA PRIVATE KEY-----\n";

        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> SigningKeys.fromPem(pkcs1));

        assertTrue(e.getMessage().contains("PKCS#1"), e.getMessage());
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }

    @Test
    void aPemThatHoldsNoPrivateKeyIsAKeyError() {
        String notAKey = pem("PRIVATE KEY", "not a key at all".getBytes(StandardCharsets.US_ASCII), "\n");

        assertThrows(GeneralSecurityException.class, () -> SigningKeys.fromPem(notAKey));
    }

    @Test
    void theThumbprintOfTheRfc7638KeyIsTheOnePublishedThere() throws GeneralSecurityException {
        assertEquals(RFC_7638_THUMBPRINT, SigningKeys.thumbprint(rsaPublicKey(RFC_7638_N, RFC_7638_E)));
    }

    @Test
    void theThumbprintIsStableAndDiffersBetweenKeys() {
        String kid = SigningKeys.thumbprint(PUBLIC);

        assertEquals(kid, SigningKeys.thumbprint(PUBLIC));
        assertTrue(kid.matches("[A-Za-z0-9_-]{43}"), kid);
        assertNotEquals(kid, SigningKeys.thumbprint((RSAPublicKey) SigningKeys.generate().getPublic()));
    }

    @Test
    void theJwkOfTheRfc7638KeyCarriesItsModulusAndExponentUnpadded() throws GeneralSecurityException {
        var jwk = SigningKeys.jwk("2011-04-29", rsaPublicKey(RFC_7638_N, RFC_7638_E));

        assertEquals(List.of("kty", "kid", "use", "alg", "n", "e"), List.copyOf(jwk.keySet()));
        assertEquals(RFC_7638_N, jwk.get("n"));
        assertEquals(RFC_7638_E, jwk.get("e"));
        assertEquals("RSA", jwk.get("kty"));
        assertEquals("sig", jwk.get("use"));
        assertEquals("RS256", jwk.get("alg"));
    }

    @Test
    void theJwksIsValidJsonWithEveryKeyInOrder() throws GeneralSecurityException {
        RSAPublicKey rfcKey = rsaPublicKey(RFC_7638_N, RFC_7638_E);
        String kid = SigningKeys.thumbprint(PUBLIC);
        List<SigningKeys.Key> keys = List.of(
                new SigningKeys.Key(kid, PAIR.getPrivate(), PUBLIC),
                new SigningKeys.Key("2011-04-29", null, rfcKey));

        JsonObject jwks;
        try (JsonReader reader = Json.createReader(new StringReader(SigningKeys.jwksJson(keys)))) {
            jwks = reader.readObject();
        }

        JsonArray published = jwks.getJsonArray("keys");
        assertEquals(2, published.size());
        JsonObject first = published.getJsonObject(0);
        assertEquals("RSA", first.getString("kty"));
        assertEquals(kid, first.getString("kid"));
        assertEquals("sig", first.getString("use"));
        assertEquals("RS256", first.getString("alg"));
        assertEquals("AQAB", first.getString("e"));
        assertEquals(PUBLIC, rsaPublicKey(first.getString("n"), first.getString("e")));
        assertEquals(RFC_7638_N, published.getJsonObject(1).getString("n"));
        assertEquals("2011-04-29", published.getJsonObject(1).getString("kid"));
    }

    @Test
    void anEmptyRingPublishesAnEmptyKeySet() {
        try (JsonReader reader = Json.createReader(new StringReader(SigningKeys.jwksJson(List.of())))) {
            assertEquals(0, reader.readObject().getJsonArray("keys").size());
        }
    }

    @Test
    void aKeyNeverPrintsItsPrivateHalf() {
        SigningKeys.Key key = new SigningKeys.Key("kid-1", PAIR.getPrivate(), PUBLIC);

        assertEquals("Key[kid-1]", key.toString());
    }
    @Test
    void theJwksStaysValidJsonWhateverTheConfiguredKeyId() {
        java.security.KeyPair pair = SigningKeys.generate();
        String jwks = SigningKeys.jwksJson(java.util.List.of(
                new SigningKeys.Key("prod \"2026\"", pair.getPrivate(), (java.security.interfaces.RSAPublicKey) pair.getPublic())));

        jakarta.json.JsonObject parsed = jakarta.json.Json.createReader(new java.io.StringReader(jwks)).readObject();
        org.junit.jupiter.api.Assertions.assertEquals("prod \"2026\"", parsed.getJsonArray("keys").getJsonObject(0).getString("kid"));
    }

    @Test
    void anUnreadablePemIsAKeyErrorNotAnIllegalArgument() {
        String broken = "-----BEGIN PRIVATE KEY-----\nMIIB\nA\n-----END PRIVATE KEY-----\n";

        org.junit.jupiter.api.Assertions.assertThrows(java.security.GeneralSecurityException.class, () -> SigningKeys.fromPem(broken));
    }
}
