package io.portero.auth.control;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The text forms of RSA keys: base64 of PKCS#8 (private) and X.509 (public) as stored in
 * {@code signing_key}, and the PKCS#8 PEM of {@code PORTERO_TOKEN_SIGNING_KEY}. Plain JDK: nimbus
 * reads PEM only with BouncyCastle's PKIX library, which Portero does not ship.
 */
public final class KeyEncodings {

    private KeyEncodings() {}

    public static String base64(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String base64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static PrivateKey privateKeyFromBase64(String pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pkcs8)));
    }

    public static RSAPublicKey publicKeyFromBase64(String x509) throws GeneralSecurityException {
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(x509)));
    }

    /** Reads a PKCS#8 PEM ("BEGIN PRIVATE KEY") RSA private key and derives its public key. */
    public static KeyPair fromPem(String pem) throws GeneralSecurityException {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new InvalidKeyException("PKCS#1 PEM is not supported: convert with 'openssl pkcs8 -topk8 -nocrypt'");
        }
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        PrivateKey privateKey;
        try {
            privateKey = privateKeyFromBase64(body);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidKeySpecException(
                    "the PEM body is not valid base64 (literal \\n instead of line breaks?)", notBase64);
        }
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new InvalidKeyException("an RSA private key with CRT parameters is required");
        }
        PublicKey publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        return new KeyPair(publicKey, privateKey);
    }
}
