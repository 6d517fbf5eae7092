package io.portero.auth.control;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Key material for RS256 tokens: generation, PEM and base64 encodings, and JWK form. */
public final class SigningKeys {

    public static final String ALGORITHM = "RS256";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private SigningKeys() {
    }

    /** A signing key with its id. */
    public record Key(String kid, PrivateKey privateKey, RSAPublicKey publicKey) {

        @Override
        public String toString() {
            return "Key[" + kid + "]";
        }
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation unavailable", e);
        }
    }

    public static PrivateKey privateKeyFromBase64(String pkcs8) throws java.security.GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pkcs8)));
    }

    public static RSAPublicKey publicKeyFromBase64(String x509) throws java.security.GeneralSecurityException {
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(x509)));
    }

    /** Reads a PKCS#8 PEM ("BEGIN PRIVATE KEY") RSA private key and derives its public key. */
    public static KeyPair fromPem(String pem) throws java.security.GeneralSecurityException {
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new java.security.InvalidKeyException("PKCS#1 PEM is not supported: convert with 'openssl pkcs8 -topk8 -nocrypt'");
        }
        PrivateKey privateKey;
        try {
            privateKey = privateKeyFromBase64(body);
        } catch (IllegalArgumentException notBase64) {
            throw new java.security.spec.InvalidKeySpecException("the PEM body is not valid base64 (literal \\n instead of line breaks?)", notBase64);
        }
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new java.security.InvalidKeyException("an RSA private key with CRT parameters is required");
        }
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        return new KeyPair(publicKey, privateKey);
    }

    /** The public key as a JWK (RFC 7517) with {@code kid}, {@code use} and {@code alg}. */
    public static Map<String, String> jwk(String kid, RSAPublicKey key) {
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", ALGORITHM);
        jwk.put("n", URL.encodeToString(unsigned(key.getModulus())));
        jwk.put("e", URL.encodeToString(unsigned(key.getPublicExponent())));
        return jwk;
    }

    public static String jwksJson(List<Key> keys) {
        jakarta.json.JsonArrayBuilder array = jakarta.json.Json.createArrayBuilder();
        for (Key key : keys) {
            jakarta.json.JsonObjectBuilder jwk = jakarta.json.Json.createObjectBuilder();
            jwk(key.kid(), key.publicKey()).forEach(jwk::add);
            array.add(jwk);
        }
        return jakarta.json.Json.createObjectBuilder().add("keys", array).build().toString();
    }

    /** A key id derived from the key itself (RFC 7638 thumbprint), stable across restarts. */
    public static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + URL.encodeToString(unsigned(key.getPublicExponent()))
                + "\",\"kty\":\"RSA\",\"n\":\"" + URL.encodeToString(unsigned(key.getModulus())) + "\"}";
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return URL.encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            return java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return bytes;
    }
}
