package io.portero.accounts.control;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Argon2id hash as stored: the standard PHC string
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded Base64), which carries its own
 * salt and cost, so rows written with other parameters still verify. A string that is malformed,
 * of another version, or asks for absurd work does not parse.
 */
record Argon2idHash(Argon2Parameters params, byte[] salt, byte[] hash) {

    private static final String PREFIX = "$argon2id$";
    private static final String DJANGO_PREFIX = "argon2$argon2id$";
    private static final String VERSION = "v=19";
    private static final int MIN_SALT_BYTES = 8;
    private static final int MIN_HASH_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    /** The stored form, or null when {@code encoded} is not a usable Argon2id PHC string. */
    static Argon2idHash parse(String encoded) {
        if (encoded == null || !encoded.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 6 || !VERSION.equals(parts[2])) {
            return null;
        }
        String[] costs = parts[3].split(",", -1);
        if (costs.length != 3) {
            return null;
        }
        int memory = named("m=", costs[0], Argon2Parameters.MAX_MEMORY_KIB);
        int iterations = named("t=", costs[1], Argon2Parameters.MAX_ITERATIONS);
        int lanes = named("p=", costs[2], Argon2Parameters.MAX_PARALLELISM);
        if (!Argon2Parameters.withinLimits(memory, iterations, lanes)) {
            return null;
        }
        byte[] salt = parts[4].indexOf('=') >= 0 ? null : HashText.base64(parts[4]);
        byte[] hash = parts[5].indexOf('=') >= 0 ? null : HashText.base64(parts[5]);
        if (!HashText.lengthWithin(salt, MIN_SALT_BYTES) || !HashText.lengthWithin(hash, MIN_HASH_BYTES)) {
            return null;
        }
        return new Argon2idHash(new Argon2Parameters(memory, iterations, lanes), salt, hash);
    }

    /**
     * Django's {@code Argon2PasswordHasher} row, {@code argon2$argon2id$v=19$m=102400,t=2,p=8$<salt>$<hash>}:
     * its algorithm name before the same PHC string, or null when it is not one. (Older Django wrote
     * Argon2i, {@code argon2$argon2i$…}: not accepted.)
     */
    static Argon2idHash parseDjango(String encoded) {
        if (encoded == null || !encoded.startsWith(DJANGO_PREFIX)) {
            return null;
        }
        return parse(encoded.substring("argon2".length()));
    }

    String encode() {
        return PREFIX + VERSION
                + "$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /** Derives {@code length} bytes of Argon2id (version 1.3) from the UTF-8 password. */
    static byte[] derive(Argon2id argon2, String password, byte[] salt, Argon2Parameters cost, int length) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        try {
            return argon2.derive(secret, salt, cost, length);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static int named(String prefix, String text, int max) {
        return text.startsWith(prefix) ? HashText.decimal(text.substring(prefix.length()), max) : -1;
    }
}
