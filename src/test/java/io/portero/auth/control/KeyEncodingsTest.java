package io.portero.auth.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyEncodingsTest {

    /** One key for the whole class: 2048-bit generation is the slow part of these tests. */
    private static final TokenSigningKey KEY = TokenSigningKey.generate();

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
        String body = Base64.getMimeEncoder(64, lineEnd.getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----" + lineEnd + body + lineEnd + "-----END " + label + "-----" + lineEnd;
    }

    @Test
    void aTokenSignedBeforeARestartVerifiesWithTheKeysReloadedFromTheDatabase() throws GeneralSecurityException {
        // what SigningKeyStore writes: standard base64 of the PKCS#8 and X.509 encodings
        String storedPrivate = KeyEncodings.base64(KEY.privateKey());
        String storedPublic = KeyEncodings.base64(KEY.publicKey());
        assertArrayEquals(KEY.privateKey().getEncoded(), Base64.getDecoder().decode(storedPrivate));
        String signingInput = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbmEiLCJzaWQiOiIxIn0";
        byte[] beforeRestart = sign(KEY.privateKey(), signingInput);

        PrivateKey reloadedPrivate = KeyEncodings.privateKeyFromBase64(storedPrivate);
        RSAPublicKey reloadedPublic = KeyEncodings.publicKeyFromBase64(storedPublic);

        assertTrue(verifies(reloadedPublic, signingInput, beforeRestart));
        assertTrue(verifies(KEY.publicKey(), signingInput, sign(reloadedPrivate, signingInput)));
        assertFalse(verifies(reloadedPublic, signingInput + "x", beforeRestart));
        assertArrayEquals(KEY.privateKey().getEncoded(), reloadedPrivate.getEncoded());
        assertEquals(KEY.kid(), TokenSigningKey.thumbprint(reloadedPublic));
    }

    @Test
    void storedKeysMayBeLineWrapped() throws GeneralSecurityException {
        String wrapped = Base64.getMimeEncoder().encodeToString(KEY.publicKey().getEncoded());
        assertTrue(wrapped.contains("\r\n"));

        assertEquals(KEY.publicKey(), KeyEncodings.publicKeyFromBase64(wrapped));
    }

    @Test
    void aPkcs8PemYieldsItsPrivateKeyAndTheMatchingPublicKey() throws GeneralSecurityException {
        KeyPair read = KeyEncodings.fromPem(pem("PRIVATE KEY", KEY.privateKey().getEncoded(), "\n"));

        assertEquals(KEY.publicKey(), read.getPublic());
        assertArrayEquals(KEY.privateKey().getEncoded(), read.getPrivate().getEncoded());
        String signingInput = "header.payload";
        assertTrue(verifies(KEY.publicKey(), signingInput, sign(read.getPrivate(), signingInput)));
    }

    @Test
    void aPemFromAnEnvironmentVariableWithWindowsLineEndsIsRead() throws GeneralSecurityException {
        KeyPair read = KeyEncodings.fromPem(pem("PRIVATE KEY", KEY.privateKey().getEncoded(), "\r\n"));

        assertEquals(KEY.publicKey(), read.getPublic());
    }

    @Test
    void aPkcs1PemIsRefusedSayingHowToConvertIt() {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAwhatever\n-----END RSA PRIVATE KEY-----\n";

        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> KeyEncodings.fromPem(pkcs1));

        assertTrue(e.getMessage().contains("PKCS#1"), e.getMessage());
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }

    @Test
    void aPemThatHoldsNoPrivateKeyIsAKeyError() {
        String notAKey = pem("PRIVATE KEY", "not a key at all".getBytes(StandardCharsets.US_ASCII), "\n");

        assertThrows(GeneralSecurityException.class, () -> KeyEncodings.fromPem(notAKey));
    }

    @Test
    void anUnreadablePemIsAKeyErrorNotAnIllegalArgument() {
        String broken = "-----BEGIN PRIVATE KEY-----\nMIIB\nA\n-----END PRIVATE KEY-----\n";

        assertThrows(GeneralSecurityException.class, () -> KeyEncodings.fromPem(broken));
    }
}
