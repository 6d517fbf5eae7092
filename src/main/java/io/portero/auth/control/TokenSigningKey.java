package io.portero.auth.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

/**
 * An RSA key pair that signs access tokens (RS256), with the {@code kid} that the token header
 * names and the JWKS publishes. A generated key's id is its RFC 7638 thumbprint, so it is the same
 * on every node and after every restart. Keys shorter than 2048 bits are refused, as nimbus's
 * signer would refuse them at the first login.
 */
public record TokenSigningKey(String kid, PrivateKey privateKey, RSAPublicKey publicKey) {

    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;
    public static final int MIN_BITS = 2048;

    public TokenSigningKey {
        if (publicKey.getModulus().bitLength() < MIN_BITS) {
            throw new IllegalArgumentException("an RSA key of at least " + MIN_BITS + " bits is required, this one has "
                    + publicKey.getModulus().bitLength());
        }
    }

    /** A new 2048-bit key named by its thumbprint. */
    public static TokenSigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(MIN_BITS);
            KeyPair pair = generator.generateKeyPair();
            RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
            return new TokenSigningKey(thumbprint(publicKey), pair.getPrivate(), publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation unavailable", e);
        }
    }

    /** The RFC 7638 JWK thumbprint (SHA-256, base64url) of a public key: a key id derived from the key itself. */
    public static String thumbprint(RSAPublicKey key) {
        try {
            return new RSAKey.Builder(key).build().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The public half as a JWK (RFC 7517): {@code kty}, {@code kid}, {@code use=sig}, {@code alg=RS256}, {@code n}, {@code e}. */
    public RSAKey publicJwk() {
        return new RSAKey.Builder(publicKey)
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(ALGORITHM)
                .build();
    }

    /** The public halves of the given keys as a JWKS document, in order. */
    public static String jwks(List<TokenSigningKey> keys) {
        return new JWKSet(keys.stream().<JWK>map(TokenSigningKey::publicJwk).toList()).toString();
    }

    @Override
    public String toString() {
        return "TokenSigningKey[" + kid + "]";
    }
}
