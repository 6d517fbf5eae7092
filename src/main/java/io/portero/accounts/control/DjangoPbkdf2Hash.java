package io.portero.accounts.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password hash migrated from the original Django application:
 * {@code pbkdf2_sha256$<iterations>$<salt>$<Base64 hash>}. Read and verified, never written: a user
 * who logs in with one is re-hashed to Argon2id. More than ten million iterations do not parse.
 */
record DjangoPbkdf2Hash(int iterations, byte[] salt, byte[] hash) {

    static final int MAX_ITERATIONS = 10_000_000;
    private static final String ALGORITHM = "pbkdf2_sha256";
    private static final int HASH_BYTES = 32;

    /** The stored form, or null when {@code encoded} is not a usable Django PBKDF2 string. */
    static DjangoPbkdf2Hash parse(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !ALGORITHM.equals(parts[0]) || parts[2].isEmpty()) {
            return null;
        }
        int iterations = HashText.decimal(parts[1], MAX_ITERATIONS);
        byte[] hash = HashText.base64(parts[3]);
        if (iterations < 1 || hash == null || hash.length != HASH_BYTES) {
            return null;
        }
        return new DjangoPbkdf2Hash(iterations, parts[2].getBytes(StandardCharsets.UTF_8), hash);
    }

    /** The JDK's PBKDF2 encodes the password as UTF-8, as Django does, and is the fastest here. */
    byte[] derive(String password) {
        char[] secret = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(secret, salt, iterations, HASH_BYTES * 8);
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return factory.generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(secret, '\0');
        }
    }
}
