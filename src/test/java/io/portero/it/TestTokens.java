package io.portero.it;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Builds JWTs the way an attacker (or a clock) would: unsigned, self-signed, expired. */
public final class TestTokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {}

    public static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    public static String signed(String headerJson, String claimsJson, PrivateKey key) {
        String input = encode(headerJson) + "." + encode(claimsJson);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey randomKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's own signing key, read from its database: lets a test forge what only the clock could. */
    public static PrivateKey serverKey() {
        String base64 = Db.string("SELECT private_key FROM signing_key ORDER BY generation DESC LIMIT 1");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(
                            new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String serverKid() {
        return Db.string("SELECT kid FROM signing_key ORDER BY generation DESC LIMIT 1");
    }
}
